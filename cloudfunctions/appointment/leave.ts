/**
 * Expert leave (请假) over a range of park days.
 *
 * `markLeave` (the expert, or an admin for any expert) records the leave and applies it:
 *   - the expert's OPEN slots in the range are withdrawn (removed, as withdrawSlot does: nobody
 *     holds them, and the freed cells let the expert publish again after the leave is cancelled);
 *   - the requested and confirmed bookings in the range are NOT cancelled: each is flagged
 *     `needsReschedule` and its enterprise is asked to pick another time (reschedule.ts) — the
 *     enterprise keeps its place until it has a better one; admins see every such booking still
 *     open (`leaveAffected`) and may cancel what nobody moved. A flagged booking's slot never
 *     reopens when it is given up (transition.ts, reschedule.ts, repair.ts): the expert is away;
 *   - while the leave is active, publishSlots skips days in its range.
 * `applyLeave` is idempotent (flags and notices once, by condition and fixed outbox ids) and the
 * appointment timer runs it for every active leave still ahead (`enforceLeaves`): a publish or a
 * booking racing the leave (a slot published, or a booking written, just after markLeave looked)
 * is caught on the next run rather than never.
 *
 * `cancelLeave` (销假) lifts the block: publishing in the range is allowed again, and bookings the
 * leave flagged and still open lose the flag — their enterprises are told the original time
 * stands (they never lost their slot). It restores NO withdrawn slot: between the leave and its
 * cancellation the expert may have promised that time elsewhere, so the expert republishes what
 * they can really offer. Admin actions for another expert are audited.
 */
import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action, type Ctx } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { carry, enqueue, enqueueOnce } from '../../server/core/outbox';
import { addDays, dayStart, parkDay } from '../../server/core/time';
import type { BookingDoc, ExpertLeaveDoc } from './docs';
import { OPEN_STATES } from './stateMachine';
import { BOOKING_PAGE, dayParam, idParam, openidParam, parkRange, textParam } from './shared';
import { STATE_LABEL } from './stateMachine';

/** Longest leave in one go (a quarter); a longer absence is a retirement (retireExpert). */
const MAX_LEAVE_DAYS = 92;
/** Bookings flagged per run of applyLeave; the timer takes the rest. */
const LEAVE_BATCH = 200;

export async function activeLeaves(expertId: string, now: Date): Promise<WithId<ExpertLeaveDoc>[]> {
  const { data } = await col('expertLeaves').where({ expertId, state: 'active', toAt: cmd().gt(now) }).limit(50).get();
  return data;
}

export const overlapsLeave = (l: Pick<ExpertLeaveDoc, 'fromAt' | 'toAt'>, start: Date, end: Date) =>
  new Date(start).getTime() < new Date(l.toAt).getTime() && new Date(end).getTime() > new Date(l.fromAt).getTime();

const leaveView = (l: WithId<ExpertLeaveDoc>) => ({
  id: l._id, expertId: l.expertId, expertName: l.expertName, from: l.from, to: l.to, reason: l.reason, state: l.state,
  withdrawnSlots: l.withdrawnSlots, affectedBookings: l.affectedBookings, createdAt: l.createdAt, cancelledAt: l.cancelledAt,
});

const affectedView = (b: WithId<BookingDoc>) => ({
  bookingId: b._id, enterpriseName: b.enterpriseName, bookedByName: b.bookedByName, expertName: b.expertName, teamName: b.teamName,
  startAt: b.startAt, endAt: b.endAt, state: b.state, stateLabel: STATE_LABEL[b.state], topic: b.topic,
  leaveId: b.needsReschedule?.leaveId ?? null, reason: b.needsReschedule?.reason ?? '', flaggedAt: b.needsReschedule?.at ?? null,
});

/** The open bookings of an expert in a range that no leave has flagged yet (as a query, for the timer and as a sub-pipeline for markLeave). */
function unflagged(expertId: string, fromAt: Date, toAt: Date) {
  const _ = cmd();
  return { expertId, state: _.in([...OPEN_STATES]), startAt: _.and(_.gte(new Date(fromAt)), _.lt(new Date(toAt))), needsReschedule: null };
}

/**
 * Flags `found` (open bookings of the leave's range not flagged yet) and asks each enterprise,
 * once, to pick another time: 1 conditional update + 1 insert of all the notices (fixed ids; if a
 * racing run queued some of them first, the rows are queued one by one, skipping those already there).
 */
async function flagAndTell(leave: WithId<ExpertLeaveDoc>, found: WithId<BookingDoc>[], now: Date): Promise<WithId<BookingDoc>[]> {
  if (found.length === 0) return [];
  const notices = leaveNotices(leave._id, found);
  const [flagged] = await Promise.all([
    flag(leave, found, now),
    enqueue(notices).catch((err) => {
      if (!isDuplicateKey(err)) throw err;
      return enqueueOnce(notices);
    }),
  ]);
  return flagged;
}

/** Each enterprise's notice that the expert is away (fixed ids: queued once, whoever queues it). */
function leaveNotices(leaveId: string, found: WithId<BookingDoc>[]) {
  return found.map((b) => ({
    id: `leave-${leaveId}-${b._id}`,
    type: 'appointment.expertLeave', toOpenid: b.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
    data: { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '专家请假，请改约' },
  }));
}

/** The flag on `found` still open and unflagged: one conditional update. */
async function flag(leave: Pick<WithId<ExpertLeaveDoc>, '_id' | 'reason'>, found: WithId<BookingDoc>[], now: Date): Promise<WithId<BookingDoc>[]> {
  if (found.length === 0) return [];
  const _ = cmd();
  const needsReschedule = { leaveId: leave._id, reason: leave.reason, at: now };
  await col('bookings').where({ _id: _.in(found.map((b) => b._id)), state: _.in([...OPEN_STATES]), needsReschedule: null }).update({ needsReschedule });
  return found.map((b) => ({ ...b, needsReschedule }));
}

/**
 * Withdraws the open slots of `leave`'s range and flags (and tells, once) the open bookings in it
 * not flagged yet. Database calls: 1 remove + 1 query, and when something is new 1 update + 1 insert.
 */
export async function applyLeave(leave: WithId<ExpertLeaveDoc>, now = new Date()): Promise<{ withdrawn: number; flagged: WithId<BookingDoc>[] }> {
  const [{ deleted }, { data: found }] = await Promise.all([
    withdrawOpenSlots(leave.expertId, leave.fromAt, leave.toAt),
    col('bookings').where(unflagged(leave.expertId, leave.fromAt, leave.toAt)).orderBy('startAt', 'asc').limit(LEAVE_BATCH).get(),
  ]);
  return { withdrawn: deleted, flagged: await flagAndTell(leave, found, now) };
}

function withdrawOpenSlots(expertId: string, fromAt: Date, toAt: Date) {
  const _ = cmd();
  return col('slots').where({ expertId, state: 'open', startAt: _.and(_.gte(new Date(fromAt)), _.lt(new Date(toAt))) }).remove();
}

/** The timer's part: every active leave still ahead applied again (catches racing publishes and bookings). */
export async function enforceLeaves(now: Date): Promise<{ leaves: number; withdrawn: number; flagged: number }> {
  const { data } = await col('expertLeaves').where({ state: 'active', toAt: cmd().gt(now) }).orderBy('toAt', 'asc').limit(20).get();
  let withdrawn = 0;
  let flagged = 0;
  for (const l of data) {
    try {
      const r = await applyLeave(l, now);
      withdrawn += r.withdrawn;
      flagged += r.flagged.length;
    } catch (err) {
      console.error('appointment: applying leave failed', l._id, err);
    }
  }
  return { leaves: data.length, withdrawn, flagged };
}

/** Whose leave: an expert acts for themself; an admin names the expert (or is the expert). */
function expertFor(ctx: Ctx, expertId: string | undefined): string {
  const { caller } = ctx;
  if (expertId && expertId !== caller.openid) {
    if (!caller.is('admin')) throw new AppError('FORBIDDEN', '只能为自己请假。');
    return expertId;
  }
  if (!caller.is('expert')) throw new AppError('VALIDATION', '请选择请假的专家。');
  return caller.openid;
}

export const markLeave = action({
  roles: ['expert', 'admin'],
  params: z.strictObject({
    from: dayParam,
    to: dayParam,
    reason: textParam(100).optional(),
    /** Admins only: the expert on leave. */
    expertId: openidParam.optional(),
  }),
  async handler({ from, to, reason, expertId }, ctx) {
    const { caller } = ctx;
    const who = expertFor(ctx, expertId);
    const today = parkDay();
    if (to < from) throw new AppError('VALIDATION', '结束日期不能早于开始日期。');
    if (to < today) throw new AppError('VALIDATION', '请假日期已过，请选择今天或以后的日期。');
    if (addDays(from, MAX_LEAVE_DAYS - 1) < to) throw new AppError('VALIDATION', `一次请假最长 ${MAX_LEAVE_DAYS} 天，请分段填写。`);
    const now = new Date();
    const fromAt = dayStart(from);
    const toAt = dayStart(addDays(to, 1));
    // Round trips (issue 19; 8 before): the caller; the expert and the bookings the leave affects
    // in one aggregation, beside the withdrawal of the open slots; then the leave, written once
    // with its counts and carrying the affected enterprises' notices; then — only when bookings
    // are affected — their flag (5 in all then, 4 when none is; 6 before this, when the notices
    // were an insert of their own). The notices ride on the leave (server/core/outbox.ts `carry`):
    // the notify timer queues them at the start of its next run (fixed ids, so once each, even if
    // the appointment timer's applyLeave queued one first) and sends them in that run; the
    // enterprises' 消息中心 shows them from then (a minute at most), not at once. The flag stays
    // immediate and conditional: it is what keeps a flagged booking's slot from reopening.
    // The cost of writing the leave last: a function stopped between the withdrawal and the
    // insert leaves slots withdrawn with no leave recorded (and no notice: none is carried yet);
    // marking the leave again completes it (every step is idempotent), and the appointment
    // timer's applyLeave flags and tells any booking the leave covers that is still unflagged.
    const [{ data: rows }, { deleted }] = await Promise.all([
      col('experts')
        .aggregate()
        .match({ _id: who })
        .lookup({ from: 'bookings', let: {}, pipeline: cmd().aggregate.pipeline().match(unflagged(who, fromAt, toAt)).sort({ startAt: 1 }).limit(LEAVE_BATCH).done(), as: 'affected' })
        .limit(1)
        .end() as Promise<{ data: (WithId<{ name: string }> & { affected: WithId<BookingDoc>[] })[] }>,
      withdrawOpenSlots(who, fromAt, toAt),
    ]);
    const expert = rows[0];
    if (!expert) throw new AppError('NOT_FOUND', '该专家不存在，请刷新后重试。');
    const found = expert.affected;
    const counts = { withdrawnSlots: deleted, affectedBookings: found.length };
    const leave: ExpertLeaveDoc = {
      expertId: who, expertName: expert.name, from, to, fromAt, toAt,
      reason: reason || '专家请假', state: 'active', ...counts,
      createdBy: caller.openid, createdAt: now, cancelledAt: null, cancelledBy: null,
    };
    const id = `lv-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    await col('expertLeaves').add({ _id: id, ...leave, carriedNotices: carry('marked', leaveNotices(id, found)) });
    const applied = { flagged: await flag({ _id: id, reason: leave.reason }, found, now) };
    if (who !== caller.openid) {
      await Promise.all([
        audit(ctx, { fn: 'appointment', action: 'markLeave', target: `expertLeaves/${id}`, before: null, after: { expertId: who, from, to, reason: leave.reason, ...counts } }),
        enqueue([{ type: 'appointment.leaveMarked', toOpenid: who, template: 'bookingResult', page: 'packages/appointment/expert/index', ref: `expertLeaves/${id}`,
          data: { expert: expert.name, time: parkRange(leave.fromAt, new Date(leave.toAt.getTime() - 60_000)), place: '请假期间', state: '中心已为您登记请假' } }]),
      ]);
    }
    return { leave: leaveView({ _id: id, ...leave, ...counts }), affected: applied.flagged.map(affectedView) };
  },
});

export const cancelLeave = action({
  roles: ['expert', 'admin'],
  params: z.strictObject({ leaveId: idParam }),
  async handler({ leaveId }, ctx) {
    const { caller } = ctx;
    const _ = cmd();
    const now = new Date();
    // Experts cancel their own leave only; the condition states it, so a stranger's id is NOT_FOUND.
    const mine = caller.is('admin') ? {} : { expertId: caller.openid };
    const { doc } = await col('expertLeaves').where({ _id: leaveId, state: 'active', ...mine }).updateAndReturn({ state: 'cancelled', cancelledAt: now, cancelledBy: caller.openid });
    if (!doc) {
      const [l] = (await col('expertLeaves').doc(leaveId).get()).data;
      if (!l || (!caller.is('admin') && l.expertId !== caller.openid)) throw new AppError('NOT_FOUND', '该请假记录不存在，请刷新后查看。');
      throw new AppError('CONFLICT', '该请假已取消。');
    }
    const { data: flagged } = await col('bookings').where({ 'needsReschedule.leaveId': leaveId, state: _.in([...OPEN_STATES]) }).limit(LEAVE_BATCH).get();
    if (flagged.length) {
      await col('bookings').where({ _id: _.in(flagged.map((b) => b._id)), 'needsReschedule.leaveId': leaveId }).update({ needsReschedule: null });
      await enqueue(flagged.map((b) => ({
        type: 'appointment.leaveCancelled', toOpenid: b.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
        data: { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '专家已销假，原预约有效' },
      })));
    }
    if (doc.expertId !== caller.openid) {
      await audit(ctx, { fn: 'appointment', action: 'cancelLeave', target: `expertLeaves/${leaveId}`, before: { state: 'active' }, after: { state: 'cancelled', unflagged: flagged.length } });
    }
    return { leave: leaveView(doc), unflagged: flagged.length };
  },
});

/** An expert's leaves (their own), or an admin's view of one expert's or everyone's; newest first. */
export const listLeaves = action({
  roles: ['expert', 'admin'],
  params: z.strictObject({ expertId: openidParam.optional(), includeCancelled: z.boolean().default(false) }),
  async handler({ expertId, includeCancelled }, { caller }) {
    const who = caller.is('admin') ? expertId : caller.openid;
    if (!caller.is('admin') && expertId && expertId !== caller.openid) throw new AppError('FORBIDDEN', '只能查看自己的请假记录。');
    const where: Record<string, unknown> = { toAt: cmd().gt(new Date(Date.now() - 30 * 86_400_000)) };
    if (who) where.expertId = who;
    if (!includeCancelled) where.state = 'active';
    const { data } = await col('expertLeaves').where(where).orderBy('fromAt', 'desc').limit(100).get();
    return data.map(leaveView);
  },
});

/** Admins: every booking still open that an expert's leave asked its enterprise to move, soonest first. */
export const leaveAffected = action({
  roles: ['admin'],
  params: z.strictObject({ leaveId: idParam.optional() }),
  async handler({ leaveId }) {
    const _ = cmd();
    const where: Record<string, unknown> = { state: _.in([...OPEN_STATES]), needsReschedule: _.neq(null) };
    if (leaveId) where['needsReschedule.leaveId'] = leaveId;
    const { data } = await col('bookings').where(where).orderBy('startAt', 'asc').limit(LEAVE_BATCH).get();
    return data.map(affectedView);
  },
});
