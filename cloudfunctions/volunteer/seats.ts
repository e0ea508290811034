/**
 * Places and the waitlist of a volunteer activity, kept exact with atomic single-document
 * operations only — no read-then-write, no transaction on the hot document.
 *
 * Why not a transaction: every sign-up of a popular activity writes the same activity document,
 * so 200 people tapping at once would make 199 transactions conflict and retry, again and again
 * (and each costs five round trips). Conditional updates on that document are serialised by the
 * database itself and never retry.
 *
 * The activity document holds counters (ActivityDoc):
 *   capacity = confirmed + left          (every operation below keeps this)
 *   waiting   waitlist tickets not yet given a place or withdrawn
 *   seq       tickets issued: a registration's `ticket` is its place in sign-up order
 *   debt      see "a waitlist cancel racing a promotion" below
 * and each registration row its own `status`. The operations, each ONE atomic update:
 *   take      where left > 0:   left−1, confirmed+1, seq+1          → confirmed, ticket = seq
 *   queue     where left = 0:   waiting+1, seq+1                    → waitlisted, ticket = seq,
 *                                                                      position = waiting
 *   hand on   where waiting > 0: waiting−1                          → a promotion credit: the
 *                                                                      freed place goes to the
 *                                                                      earliest waitlisted row
 *   free      where waiting = 0: confirmed−1, left+1
 * `take`/`queue` and `hand on`/`free` are complementary (their conditions cannot both hold), so
 * a place is never left free while someone waits, and never given twice: `confirmed ≤ capacity`
 * holds at every instant because `left` never goes below zero.
 *
 * A sign-up is the activity update (`updateAndReturn`: it answers the counters it produced, so
 * the ticket and the waitlist position cost no extra read) and one insert of the row. The row's
 * `activeKey` is unique, so a second active registration of one person cannot be stored; a
 * sign-up that loses that race gives its ticket back (`releaseTicket`).
 *
 * A promotion flips the earliest waitlisted row with `where({ _id, status: 'waitlisted' })`:
 * two promotions at once flip two different rows, and a person cancelling from the waitlist at
 * the same moment either leaves before (the promotion takes the next row) or is promoted first
 * (and then cancels as a confirmed volunteer, handing the place on again).
 *
 * A waitlist cancel racing a promotion: the canceller flips its row first and then takes one
 * ticket off `waiting`. If `waiting` is already 0, a promotion took that ticket as its credit and
 * will find no row for it; the canceller records `debt+1` instead, and the promotion that finds
 * no row settles one debt and hands its place on again — or, if it found a later row after all,
 * `waiting` and `debt` are netted against each other (`net`). Accounting, at any instant:
 *   waiting + credits = waitlisted rows + sign-ups between their two calls + debt
 * so at rest (no call in flight) `waiting` equals the waitlisted rows and `debt` is 0.
 *
 * A promotion that finds no row and no debt, or a row with a sign-up still between its two calls
 * below it (its ticket counted, its row not yet written), waits briefly for that row: promotions
 * follow the ticket order strictly. Only a function killed
 * between those two calls leaves a ticket with no row; after PROMOTE_PATIENCE_MS the promotion
 * frees the place instead of waiting forever (logged).
 *
 * Repair (核对名额, `reconcileSeats`; the admin action `reconcile` and the volunteer timer). A call
 * killed between its two writes leaves the counters off the rows for good: a `take` without its
 * row holds a place nobody has, a cancel without its release the same, a promotion credit without
 * its flip a place counted twice, and a ticket without a row makes every later promotion wait
 * PROMOTE_PATIENCE_MS. The rows are the truth, so reconcile sets, from the rows,
 *   confirmed = confirmed rows, left = capacity − confirmed, waiting = waitlisted rows, debt = 0,
 * writes a void row for each ticket that has none, and hands any place this frees to the
 * waitlist (a `hand on` from a free place: left−1, confirmed+1, waiting−1, then `promote`).
 * It must never run in the middle of a live operation, whose second write would then land on
 * counters already corrected for it. What makes that safe:
 *   - every write of this protocol stamps `updatedAt` (the activity's for counters, the row's
 *     for rows), and the platform kills a call at the function's timeout (10 s);
 *   - reconcile reads the activity first, then the rows, and touches nothing unless the newest
 *     stamp of both is older than SEATS_QUIET_MS: then no call that wrote before those reads can
 *     still be between its writes — it finished or is dead;
 *   - the counters are written with ONE update conditioned on every counter being as read, so a
 *     call whose first write (counters) came after the read makes reconcile back off, and a call
 *     whose first write (a row) came after the rows were read applies its counter step on top of
 *     counters that agree with the rows as they were — which is the exact result.
 * The cost: a drift is repaired only after a quiet minute, and a busy activity is skipped until
 * it is quiet (the timer comes back). Idempotent: at rest it finds nothing to change.
 */
import { randomBytes } from 'crypto';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { enqueue } from '../../server/core/outbox';
import type { Caller } from '../../server/core/caller';
import type { ActivityDoc, Eligibility, RegistrationDoc, RegStatus } from './docs';
import { activeKey } from './attendance';
import { ACTIVITY_PAGE, parkRange, SIGNED_IN_NO_CANCEL } from './shared';

const activities = () => col('volunteerActivities');
const regs = () => col('volunteerRegistrations');

export const PROMOTE_PATIENCE_MS = 3000;
const ATTEMPTS = 8;

/**
 * Which of `take` / `queue` this instance tries first, from the last counters it saw: once an
 * activity is full, sign-ups go straight to the waitlist update (3 database calls with the
 * caller's record, not 4). Only the order of two mutually exclusive conditional updates depends
 * on it, never the outcome, so a stale hint costs one call and nothing else.
 */
const fullHint = new Map<string, boolean>();
const HINTS_MAX = 500;
function noteFull(id: string, full: boolean) {
  if (fullHint.size >= HINTS_MAX && !fullHint.has(id)) fullHint.delete(fullHint.keys().next().value as string);
  fullHint.set(id, full);
}

export function eligibleFor(caller: Pick<Caller, 'is'>): Eligibility[] {
  return caller.is('member') ? ['all', 'members'] : ['all'];
}

export const newRegId = () => `vr${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SignUpOutcome {
  status: 'confirmed' | 'waitlisted';
  position?: number;
  regId: string;
  /** The person already held this registration (a repeated tap): nothing new was taken. */
  already: boolean;
}

/**
 * Database calls: 2 (the counter update and the insert) when the instance's hint is right; 3
 * when the activity filled up or freed a place since; plus one read only to explain a refusal.
 */
export async function signUp(activityId: string, caller: Caller, now = new Date()): Promise<SignUpOutcome> {
  // Only a registration cancelled between our insert and our look at it sends us round again.
  for (let i = 0; i < 3; i++) {
    const out = await signUpOnce(activityId, caller, now);
    if (out) return out;
  }
  throw new AppError('CONFLICT', '报名未完成，请刷新后重试。');
}

async function signUpOnce(activityId: string, caller: Caller, now: Date): Promise<SignUpOutcome | null> {
  const _ = cmd();
  const gate = {
    _id: activityId,
    status: 'open',
    signupOpensAt: _.lte(now),
    signupClosesAt: _.gt(now),
    eligibility: _.in(eligibleFor(caller)),
  };
  const take = () => activities().where({ ...gate, left: _.gt(0) }).updateAndReturn({ left: _.inc(-1), confirmed: _.inc(1), seq: _.inc(1), updatedAt: now });
  const queue = () => activities().where({ ...gate, left: 0 }).updateAndReturn({ waiting: _.inc(1), seq: _.inc(1), updatedAt: now });

  let got: { status: 'confirmed' | 'waitlisted'; doc: WithId<ActivityDoc> } | null = null;
  for (let round = 0; round < 3 && !got; round++) {
    const order = fullHint.get(activityId) ? (['waitlisted', 'confirmed'] as const) : (['confirmed', 'waitlisted'] as const);
    for (const status of order) {
      const { doc } = await (status === 'confirmed' ? take() : queue());
      if (doc) {
        got = { status, doc };
        break;
      }
    }
    // Neither matched: closed, not eligible, gone — or a place freed / taken between the two.
    if (!got) await explainRefusal(activityId, caller, now);
  }
  if (!got) throw new AppError('CONFLICT', '报名的人较多，请稍后再试一次。');
  noteFull(activityId, got.doc.left <= 0);

  const { status, doc } = got;
  const regId = newRegId();
  const row: RegistrationDoc = {
    activityId,
    openid: caller.openid,
    activeKey: activeKey(activityId, caller.openid),
    status,
    ticket: doc.seq,
    teamId: doc.teamId,
    title: doc.title,
    startAt: doc.startAt,
    endAt: doc.endAt,
    signedInAt: null,
    signedOutAt: null,
    minutes: 0,
    hours: 'none',
    noShow: false,
    promotedAt: null,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await regs().add({ _id: regId, ...row });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Already registered (a double tap, or two devices): the ticket gets a void row (so every
    // ticket has one, see promote) and whatever it took is given back; answer the one held.
    await regs().add({ _id: regId, ...row, status: 'cancelled', activeKey: `x:${regId}`, cancelledAt: now, duplicate: true });
    await releaseTicket(activityId, status);
    const [held] = (await regs().where({ activeKey: row.activeKey }).limit(1).get()).data;
    if (!held) return null; // it was cancelled meanwhile: sign up afresh
    return {
      status: held.status as 'confirmed' | 'waitlisted',
      ...(held.status === 'waitlisted' ? { position: await waitlistPosition(held) } : {}),
      regId: held._id,
      already: true,
    };
  }
  return { status, ...(status === 'waitlisted' ? { position: doc.waiting } : {}), regId, already: false };
}

/** Why a sign-up matched nothing; returns (to try again) only when the activity does take sign-ups. */
async function explainRefusal(activityId: string, caller: Caller, now: Date): Promise<void> {
  const [a] = (await activities().doc(activityId).get()).data;
  if (!a) throw new AppError('NOT_FOUND', '该志愿活动不存在或已被删除，请返回列表刷新。');
  if (a.status === 'cancelled') throw new AppError('CLOSED', '该活动已取消，请关注其他志愿活动。');
  if (a.status === 'closed') throw new AppError('CLOSED', '该活动已停止报名，请关注其他志愿活动。');
  if (new Date(a.signupOpensAt).getTime() > now.getTime()) throw new AppError('CLOSED', '报名尚未开始，请在报名开始后再来。');
  if (new Date(a.signupClosesAt).getTime() <= now.getTime()) throw new AppError('CLOSED', '报名已截止，请关注其他志愿活动。');
  if (!eligibleFor(caller).includes(a.eligibility)) throw new AppError('FORBIDDEN', '该活动仅限党员报名；党员请先在“我的”中申请加入支部。');
}

/** 1 + the waitlisted rows ahead (display only: a count query). */
export async function waitlistPosition(r: Pick<RegistrationDoc, 'activityId' | 'ticket'>): Promise<number> {
  const { total } = await regs().where({ activityId: r.activityId, status: 'waitlisted', ticket: cmd().lt(r.ticket) }).count();
  return total + 1;
}

/** A ticket that got no row (the person was already registered): undo what it took. */
async function releaseTicket(activityId: string, status: 'confirmed' | 'waitlisted'): Promise<void> {
  if (status === 'confirmed') await releasePlace(activityId);
  else await leaveWaitlist(activityId);
}

/** After a waitlisted row was cancelled: one ticket off `waiting`, or a debt if a promotion took it. */
async function leaveWaitlist(activityId: string): Promise<void> {
  const _ = cmd();
  for (let i = 0; i < ATTEMPTS * 4; i++) {
    if ((await activities().where({ _id: activityId, waiting: _.gt(0) }).update({ waiting: _.inc(-1), updatedAt: new Date() })).updated) return;
    if ((await activities().where({ _id: activityId, waiting: 0 }).update({ debt: _.inc(1), updatedAt: new Date() })).updated) {
      await net(activityId);
      return;
    }
  }
  throw new Error(`volunteer: could not settle a waitlist ticket of ${activityId}`);
}

/**
 * `waiting` and `debt` both above 0 cancel out: a promotion spent its credit on a row that came
 * later than the one whose ticket it took (that one left, owing the debt), so `waiting` still
 * counts the promoted row's ticket. Taking one off both keeps the accounting; it runs after each
 * debt and each promotion, the only moments the two can both become positive.
 */
async function net(activityId: string): Promise<void> {
  const _ = cmd();
  for (let i = 0; i < ATTEMPTS; i++) {
    const { updated } = await activities().where({ _id: activityId, waiting: _.gt(0), debt: _.gt(0) }).update({ waiting: _.inc(-1), debt: _.inc(-1), updatedAt: new Date() });
    if (!updated) return;
  }
}

/**
 * A confirmed place was given up: hand it to the earliest waitlisted person, or free it.
 * Returns the promoted registration, if any.
 *
 * `waitingSeen`: the activity's `waiting` as the caller last read it, if it did. `hand on` and
 * `free` are complementary conditional updates, so the read only decides which one is tried
 * first — an activity seen with nobody waiting is freed in one call instead of two (issue 19) —
 * never which one succeeds: a stale read costs one call, nothing else.
 */
export async function releasePlace(activityId: string, waitingSeen?: number): Promise<WithId<RegistrationDoc> | null> {
  const _ = cmd();
  const handOn = async () => (await activities().where({ _id: activityId, waiting: _.gt(0) }).update({ waiting: _.inc(-1), updatedAt: new Date() })).updated > 0;
  const free = async () => (await activities().where({ _id: activityId, waiting: 0 }).update({ confirmed: _.inc(-1), left: _.inc(1), updatedAt: new Date() })).updated > 0;
  let freeFirst = waitingSeen === 0;
  for (let i = 0; i < ATTEMPTS * 4; i++) {
    if (!freeFirst && (await handOn())) {
      const promoted = await promote(activityId);
      if (promoted !== 'settled') return promoted;
      continue; // the credit settled a debt: the place is free again, go round
    }
    if (await free()) {
      noteFull(activityId, false);
      return null;
    }
    freeFirst = false; // someone is waiting after all: hand on
  }
  throw new Error(`volunteer: could not release a place of ${activityId}`);
}

/**
 * Spends one promotion credit (a place already counted as confirmed) on the earliest waitlisted
 * row. 'settled': there was no row because a waitlist cancel had left a debt — the caller must
 * release the place again. null: gave up on a sign-up that never wrote its row (place freed).
 */
async function promote(activityId: string): Promise<WithId<RegistrationDoc> | 'settled' | null> {
  const _ = cmd();
  const started = Date.now();
  let pause = 5;
  for (;;) {
    const [next] = (await regs().where({ activityId, status: 'waitlisted' }).orderBy('ticket', 'asc').limit(1).get()).data;
    if (next) {
      // Strict sign-up order: every ticket below this one must have its row (a sign-up between
      // its two calls might hold a smaller ticket). Every ticket gets exactly one row — a
      // duplicate's ticket a void one — so a count tells.
      const below = (await regs().where({ activityId, ticket: _.lt(next.ticket) }).count()).total;
      if (below < next.ticket - 1 && Date.now() - started <= PROMOTE_PATIENCE_MS) {
        await sleep(pause);
        pause = Math.min(pause * 2, 100);
        continue;
      }
      const now = new Date();
      const { updated } = await regs().where({ _id: next._id, status: 'waitlisted' }).update({ status: 'confirmed', promotedAt: now, updatedAt: now });
      if (updated) {
        await net(activityId);
        await notifyPromoted({ ...next, status: 'confirmed', promotedAt: now });
        return { ...next, status: 'confirmed', promotedAt: now };
      }
      continue; // cancelled or promoted by someone else just now: the next one
    }
    if ((await activities().where({ _id: activityId, debt: _.gt(0) }).update({ debt: _.inc(-1), updatedAt: new Date() })).updated) return 'settled';
    if (Date.now() - started > PROMOTE_PATIENCE_MS) {
      console.error(`volunteer: promotion of ${activityId} found no waitlisted row; freeing the place`);
      await activities().doc(activityId).update({ confirmed: _.inc(-1), left: _.inc(1), updatedAt: new Date() });
      return null;
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 100);
  }
}

async function notifyPromoted(r: WithId<RegistrationDoc>): Promise<void> {
  await enqueue([
    {
      id: `vol-promoted-${r._id}`,
      type: 'volunteer.promoted',
      toOpenid: r.openid,
      template: 'volunteerPromoted',
      page: ACTIVITY_PAGE(r.activityId),
      ref: `volunteerRegistrations/${r._id}`,
      data: { title: r.title.slice(0, 20), time: parkRange(r.startAt, r.endAt), state: '已确认参加' },
    },
  ]).catch((err) => {
    // Written after the promotion, with a fixed id: a retry cannot queue it twice.
    if (!isDuplicateKey(err)) throw err;
  });
}

/**
 * Cancels an active registration (the person's own or, for an admin, anyone's). A confirmed
 * place is handed to the waitlist at once. Returns the registration promoted in its place.
 */
export async function cancelRegistration(
  reg: WithId<RegistrationDoc>,
  now = new Date(),
  /** The activity's `waiting` as the caller read it, if it did (only orders two calls: see releasePlace). */
  waitingSeen?: number,
): Promise<{ promoted: WithId<RegistrationDoc> | null }> {
  let status = reg.status;
  for (let i = 0; i < ATTEMPTS; i++) {
    if (status === 'cancelled') return { promoted: null };
    // `signedInAt: null` in the condition: a sign-in landing between the caller's read and this
    // update wins, and the place is never handed on while its holder is working (L-19).
    const { updated } = await regs()
      .where({ _id: reg._id, status, signedInAt: null })
      .update({ status: 'cancelled', activeKey: `x:${reg._id}`, cancelledAt: now, updatedAt: now });
    if (updated) {
      if (status === 'confirmed') return { promoted: await releasePlace(reg.activityId, waitingSeen) };
      await leaveWaitlist(reg.activityId);
      return { promoted: null };
    }
    // Promoted (waitlisted → confirmed) or cancelled meanwhile: look again.
    const [now2] = (await regs().doc(reg._id).get()).data;
    if (now2?.signedInAt && now2.status !== 'cancelled') throw new AppError('CLOSED', SIGNED_IN_NO_CANCEL);
    status = now2?.status ?? 'cancelled';
  }
  throw new AppError('CONFLICT', '取消未完成，请稍后再试。');
}

/**
 * Capacity changes, one place at a time so no moment has a free place and a waiting person:
 * a new place goes straight to the earliest waitlisted person, or becomes free; a removed place
 * must be a free one (never a confirmed person's). A cut is ONE conditional update, and `alsoSet`
 * (an edit's other fields) rides on it: the edit and the smaller capacity are stored together or,
 * when too few places are free, not at all.
 */
export async function changeCapacity(activityId: string, delta: number, alsoSet: Record<string, unknown> = {}): Promise<number> {
  const _ = cmd();
  let promoted = 0;
  for (let k = 0; k < delta; k++) {
    for (let i = 0; ; i++) {
      if (i > ATTEMPTS * 4) throw new AppError('CONFLICT', '名额调整未完成，请稍后再试。');
      // The new place is at once a confirmed place of whoever waits longest.
      if ((await activities().where({ _id: activityId, waiting: _.gt(0) }).update({ capacity: _.inc(1), confirmed: _.inc(1), waiting: _.inc(-1), updatedAt: new Date() })).updated) {
        const p = await promote(activityId);
        // No row (a debt was settled): the place is nobody's yet — hand it on or free it.
        const q = p === 'settled' ? await releasePlace(activityId) : p;
        if (q) promoted++;
        break;
      }
      if ((await activities().where({ _id: activityId, waiting: 0 }).update({ capacity: _.inc(1), left: _.inc(1), updatedAt: new Date() })).updated) break;
    }
  }
  if (delta < 0) await cutCapacity(activityId, delta, alsoSet);
  noteFull(activityId, false);
  return promoted;
}

/**
 * A capacity cut (`delta` < 0) with `alsoSet` riding on it, as ONE conditional update that answers
 * the activity as written (updateAndReturn: an edit needs no read afterwards). CONFLICT when too
 * few places are free, or the activity is cancelled.
 */
export async function cutCapacity(activityId: string, delta: number, alsoSet: Record<string, unknown> = {}): Promise<WithId<ActivityDoc>> {
  const _ = cmd();
  const { doc } = await activities()
    .where({ _id: activityId, status: _.neq('cancelled'), left: _.gte(-delta) })
    .updateAndReturn({ updatedAt: new Date(), ...alsoSet, capacity: _.inc(delta), left: _.inc(delta) });
  if (!doc) throw new AppError('CONFLICT', '已确认的人数多于新的名额，不能减少到这么少；请先与已报名的志愿者沟通。');
  noteFull(activityId, false);
  return doc as WithId<ActivityDoc>;
}

/**
 * How long an activity's seats must have been still before reconcile touches them (see "Repair"
 * above): well beyond the function's 10 s timeout, with room for the clocks of different
 * instances to disagree by some seconds.
 */
export const SEATS_QUIET_MS = 60_000;

export interface SeatCounters {
  confirmed: number;
  left: number;
  waiting: number;
  debt: number;
}

export interface SeatRepair {
  activityId: string;
  /** Whether anything was written (counters, void rows or promotions). */
  changed: boolean;
  before: SeatCounters;
  after: SeatCounters;
  /** Tickets whose sign-up died before writing its row: each has a void row now. */
  voidTickets: number[];
  /** Waitlisted people given a place the drift had kept from them. */
  promoted: number;
}

const countersOf = (a: SeatCounters): SeatCounters => ({ confirmed: a.confirmed, left: a.left, waiting: a.waiting, debt: a.debt });

/**
 * 核对名额: makes the counters of `a` (read by the caller just now, BEFORE this reads the rows)
 * agree with its registration rows — see "Repair" in the header for what it assumes and why it
 * cannot fight a live call. 'busy': a seat changed within SEATS_QUIET_MS, nothing was touched.
 * Database calls: 1 aggregation when all is well; a repair adds the tickets (only if some have
 * no row), one insert per lost ticket, one counter update and a promotion per freed place.
 */
export async function reconcileSeats(a: WithId<ActivityDoc>, now = new Date()): Promise<SeatRepair | 'busy'> {
  const _ = cmd();
  const $ = _.aggregate;
  const { data: groups } = (await regs()
    .aggregate()
    .match({ activityId: a._id })
    .group({ _id: '$status', n: $.sum(1), last: $.max('$updatedAt') })
    .limit(10)
    .end()) as { data: { _id: RegStatus; n: number; last: Date }[] };
  const lastWrite = Math.max(new Date(a.updatedAt).getTime(), ...groups.map((g) => new Date(g.last).getTime()));
  if (now.getTime() - lastWrite < SEATS_QUIET_MS) return 'busy';

  const count = (st: RegStatus) => groups.find((g) => g._id === st)?.n ?? 0;
  const [confirmed, waiting] = [count('confirmed'), count('waitlisted')];
  if (confirmed > a.capacity) throw new Error(`volunteer: ${a._id} has ${confirmed} confirmed rows for ${a.capacity} places; not reconciled`);
  const rows = groups.reduce((s, g) => s + g.n, 0);
  const voidTickets = rows < a.seq ? await lostTickets(a._id, a.seq) : [];
  await Promise.all(voidTickets.map((t) => voidRow(a, t, now)));

  const before = countersOf(a);
  const after: SeatCounters = { confirmed, left: a.capacity - confirmed, waiting, debt: 0 };
  const drift = (Object.keys(after) as (keyof SeatCounters)[]).some((k) => after[k] !== before[k]);
  if (drift) {
    // One update, conditioned on every counter as read: a seat change since makes it match nothing.
    const { updated } = await activities()
      .where({ _id: a._id, capacity: a.capacity, seq: a.seq, ...before })
      .update({ ...after, updatedAt: now });
    if (!updated) return 'busy';
  }
  // A freed place goes to the earliest waiting person, as a cancel would have given it — but only
  // while the activity can still take people (after the start a waitlist has expired, L-21).
  let promoted = 0;
  if (a.status !== 'cancelled' && now.getTime() < new Date(a.startAt).getTime()) {
    while (after.left > 0 && after.waiting > 0) {
      const hand = await activities()
        .where({ _id: a._id, left: _.gt(0), waiting: _.gt(0) })
        .update({ left: _.inc(-1), confirmed: _.inc(1), waiting: _.inc(-1), updatedAt: new Date() });
      if (!hand.updated) break;
      Object.assign(after, { left: after.left - 1, confirmed: after.confirmed + 1, waiting: after.waiting - 1 });
      const p = await promote(a._id);
      if (p === 'settled' ? await releasePlace(a._id) : p) promoted++;
    }
  }
  return { activityId: a._id, changed: drift || voidTickets.length > 0 || promoted > 0, before, after, voidTickets, promoted };
}

/** Tickets 1..seq that no row holds (a page of 1000 tickets per read). */
async function lostTickets(activityId: string, seq: number): Promise<number[]> {
  const held = new Set<number>();
  for (let page = 0; page * 1000 < seq; page++) {
    const { data } = await regs().where({ activityId }).orderBy('ticket', 'asc').skip(page * 1000).limit(1000).field({ ticket: true }).get();
    for (const r of data) held.add(r.ticket);
    if (data.length < 1000) break;
  }
  return Array.from({ length: seq }, (_, i) => i + 1).filter((t) => !held.has(t));
}

/** The row a lost ticket never got: cancelled, nobody's, hidden like a duplicate's (fixed id: two runs write one). */
async function voidRow(a: WithId<ActivityDoc>, ticket: number, now: Date): Promise<void> {
  const _id = `vr-lost-${a._id}-${ticket}`;
  const row: RegistrationDoc = {
    activityId: a._id, openid: '', activeKey: `x:${_id}`, status: 'cancelled', ticket, teamId: a.teamId, title: a.title,
    startAt: a.startAt, endAt: a.endAt, signedInAt: null, signedOutAt: null, minutes: 0, hours: 'none', noShow: false,
    promotedAt: null, cancelledAt: now, duplicate: true, lost: true, createdAt: now, updatedAt: now,
  };
  try {
    await regs().add({ _id, ...row });
    console.warn(`volunteer: ticket ${ticket} of ${a._id} had no row (its sign-up died); voided`);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}
