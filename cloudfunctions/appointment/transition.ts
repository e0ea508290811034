/**
 * Moves one booking along the state machine, together with everything that must change with it:
 * the enterprise's open-booking counter when the booking stops being open, the slot when a
 * cancellation frees it, the queued reminders, and the outbox messages announcing the change.
 *
 * The system (the expiry timer) moves bookings through this same function with `caller: SYSTEM`,
 * so a booking that expires closes its counter, slot, reminders and messages exactly as a
 * cancelled one does — there is one path for that, not two.
 *
 * No transaction (issue 19: a transaction cost a start, a commit and a read before every write —
 * 11 round trips for a cancellation). The move itself is one conditional write: the booking is
 * updated only `where state = <the state it was read in>`, so of two racing moves exactly one
 * happens and the other is told where the booking stands (CONFLICT). Only the winner then does
 * the follow-on writes, each one conditional or idempotent on its own: the slot is released only
 * while it still holds this booking, reminders are withdrawn only while still pending, a reminder
 * with a fixed id is queued once. What this costs: the follow-on writes are not atomic with the
 * move. A function killed just after the move leaves them undone (a place still counted, a slot
 * still held, a notice not queued); queued reminders are dropped at send time anyway (`sendIf`),
 * and the appointment timer repairs the slot and the counter from the rows (repair.ts). A lost
 * notice is not repaired.
 *
 * Database calls: 1 read + 1 conditional write of the booking; on cancel +1 counter, +1 slot,
 * +1 reminders, +1 messages (6, plus the caller's record); on confirm +1 for the messages and both
 * reminders together (issue 19: +3 before, one insert each) — so an expert's confirm is 3 with the
 * time they saw (claim) and 4 without.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import { cancelQueued, enqueue, enqueueOnce, outboxRow, type OutboxInput } from '../../server/core/outbox';
import type { BookingDoc, BookingEvent, BookingState } from './docs';
import { isOpenState, nextState, TRANSITIONS, type BookingEventName } from './stateMachine';
import { bookingView, canSee, counterId, reminderIds, reminderRows } from './shared';

export type ActingRole = BookingEvent['role'];

/** Stands for the system (a timer run) as the caller: no person, no ownership check. */
export const SYSTEM = 'system' as const;

export interface TransitionSpec {
  bookingId: string;
  event: BookingEventName;
  caller: Caller | typeof SYSTEM;
  /** Which side the caller acts for; decides the ownership check. Always 'system' for SYSTEM. */
  role: (b: WithId<BookingDoc>) => ActingRole;
  /** Rules beyond the transition table (times, required text); throw AppError to refuse. */
  check?: (b: WithId<BookingDoc>, now: Date) => void;
  patch?: Partial<BookingDoc>;
  note?: string;
  notify?: (b: WithId<BookingDoc>, to: BookingState, role: ActingRole) => OutboxInput[];
  /**
   * The caller's right to this move stated as a condition on the booking (ownership, times — all
   * that `role` and `check` would decide), with the role it gives them: the move is then tried as
   * one updateAndReturn without reading the booking first (one round trip fewer). When it matches
   * nothing the ordinary path runs and refuses with the precise reason.
   */
  claim?: { where: Record<string, unknown>; role: ActingRole };
  /**
   * The booking's slot as the caller saw it (the time on their screen). A move of the booking to
   * another time since then refuses the transition (CONFLICT) instead of applying it to a time the
   * caller never saw — on the claim and on the ordinary path alike.
   */
  slotSeen?: string;
}

const NOT_YOURS = () => new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');

async function read(bookingId: string): Promise<WithId<BookingDoc> | undefined> {
  return (await col('bookings').doc(bookingId).get()).data[0];
}

export async function transition(spec: TransitionSpec, tries = 3, slotSeen = spec.slotSeen): Promise<ReturnType<typeof bookingView>> {
  const { bookingId, event, caller } = spec;
  const _ = cmd();
  const now = new Date();
  const targets = new Set(Object.values(TRANSITIONS[event]));
  if (spec.claim && caller !== SYSTEM && targets.size === 1 && tries === 3) {
    const [to] = [...targets] as BookingState[];
    const entry: BookingEvent = { state: to, at: now, by: caller.openid, role: spec.claim.role, ...(spec.note ? { note: spec.note } : {}) };
    const { doc } = await col('bookings')
      .where({ ...spec.claim.where, ...(slotSeen ? { slotId: slotSeen } : {}), _id: bookingId, state: _.in(Object.keys(TRANSITIONS[event])) })
      .updateAndReturn({ state: to, history: _.push([entry]), updatedAt: now, ...spec.patch });
    if (doc) {
      const from = doc.history[doc.history.length - 2]?.state ?? 'requested';
      return followOn(spec, from, doc, spec.claim.role, now);
    }
  }
  const b = await read(bookingId);
  if (!b || (caller !== SYSTEM && !canSee(b, caller))) throw NOT_YOURS();
  const role = caller === SYSTEM ? 'system' : spec.role(b);
  const by = caller === SYSTEM ? SYSTEM : caller.openid;
  if (role === 'expert' && b.expertId !== by) throw NOT_YOURS();
  if (role === 'enterprise' && (caller === SYSTEM || b.enterpriseId !== caller.user.enterpriseId)) throw NOT_YOURS();
  // A retry after a lost race must not act on a time the caller never saw (moved meanwhile).
  if (slotSeen && b.slotId !== slotSeen) throw new AppError('CONFLICT', '该预约刚刚改到了新的时间，请刷新后查看。');
  const to = nextState(b.state, event);
  spec.check?.(b, now);

  const entry: BookingEvent = { state: to, at: now, by, role, ...(spec.note ? { note: spec.note } : {}) };
  const history = [...b.history, entry];
  // The move: only from the state and the slot it was read in. The whole history is written, which
  // is safe because every other change of history either moves the state or moves the booking to
  // another slot (a reschedule, which may keep `requested`), and both are in this condition — so
  // an expert's confirm read before a reschedule cannot confirm the new time unseen.
  const { updated } = await col('bookings').where({ _id: bookingId, state: b.state, slotId: b.slotId }).update({ state: to, history, updatedAt: now, ...spec.patch });
  if (!updated) {
    // Another move came first: start again from where the booking stands now, which refuses
    // with a sentence saying so when this move no longer applies (a lost race only).
    if (tries > 1) return transition(spec, tries - 1, b.slotId);
    throw new AppError('CONFLICT', '同时办理的人较多，请稍后再试一次。');
  }

  return followOn(spec, b.state, { ...b, ...spec.patch, state: to, history }, role, now);
}

/** The writes that follow a move from `from` (already made) to `after.state`; see the header. */
async function followOn(spec: TransitionSpec, from: BookingState, after: WithId<BookingDoc>, role: ActingRole, now: Date) {
  const _ = cmd();
  const b = after;
  const to = after.state;
  const writes: Promise<unknown>[] = [];
  if (isOpenState(from) && !isOpenState(to)) {
    writes.push(col('bookingCounters').doc(counterId(b.enterpriseId, b.teamId)).update({ open: _.inc(-1), updatedAt: now }));
  }
  if (to === 'cancelled') {
    // Only an enterprise's own cancellation frees the time for someone else, while it is still
    // ahead. When the expert (or an admin for them, or the system) cancels, the expert has just
    // said they cannot make that time: the slot closes, so no other enterprise books it. A
    // passed slot always closes (an expired booking's start has always passed). The booking's
    // start is the slot's (copied at booking), so the slot need not be read.
    // A booking the expert's leave covers (leave.ts) never reopens its slot: the expert is away.
    const reopen = new Date(b.startAt).getTime() > now.getTime() && role === 'enterprise' && !b.needsReschedule;
    writes.push(col('slots').where({ _id: b.slotId, bookingId: b._id }).update({ state: reopen ? 'open' : 'closed', bookingId: null }));
    writes.push(cancelQueued(reminderIds(b)));
  }
  const notices = spec.notify?.(after, to, role) ?? [];
  // An agreed appointment is reminded; a request is not (its reminders would announce a meeting
  // nobody agreed to). Once: a booking made by an earlier version may already have them queued,
  // and the fixed ids make the second insert a duplicate.
  if (to === 'confirmed') writes.push(queueWithReminders(notices, reminderRows(after, now), now));
  else if (notices.length) writes.push(enqueue(notices));
  await Promise.all(writes);
  return bookingView(after);
}

/**
 * The move's messages and the booking's reminders as ONE insert. When a reminder is already queued
 * (its fixed id a duplicate) the insert fails; an array insert is ordered (MongoDB's insertMany),
 * so the reminders before it may be written — which is why the reminders come first: no message
 * (they have no fixed id) is ever written by the failed insert, and the fallback queues the
 * messages once and each reminder once (enqueueOnce skips those already there).
 */
async function queueWithReminders(notices: OutboxInput[], reminders: (OutboxInput & { id: string })[], now: Date): Promise<void> {
  const rows = [...reminders, ...notices].filter((i) => !!i.toOpenid).map((i) => outboxRow(i, now));
  if (!rows.length) return;
  try {
    await col('outbox').add(rows);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await Promise.all([notices.length ? enqueue(notices) : undefined, enqueueOnce(reminders)]);
  }
}
