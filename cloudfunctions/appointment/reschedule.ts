import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { carry, type OutboxInput } from '../../server/core/outbox';
import type { BookingDoc, BookingEvent, ExpertDoc, SlotDoc } from './docs';
import { bookableWhere, GONE, notOpen, refusal } from './book';
import { nextState, OPEN_STATES, isOpenState } from './stateMachine';
import { BOOKING_PAGE, bookingView, enterpriseOf, idParam, parkRange, reminderRows } from './shared';
import { RULES, MINUTE } from './rules';

type Context = WithId<BookingDoc> & { expert: WithId<ExpertDoc>[]; target: WithId<SlotDoc>[] };

const NOT_YOURS = () => new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');

/**
 * An enterprise moves its requested or confirmed booking to another open slot of the same expert
 * (改约) — one atomic swap as far as anyone can observe: never two slots held for it once the call
 * ends, never none; if the new slot is taken, the booking stays exactly as it was.
 *
 * No transaction (see book.ts for what one costs here). The order is what makes the swap safe:
 *   1. read the booking with its expert and the target slot (one aggregation);
 *   2. take the new slot with book's own conditional hold (`bookableWhere`), held for this
 *      booking's id — of two enterprises moving to one slot exactly one matches; the loser has
 *      changed nothing and is told the slot is taken;
 *   3. move the booking, conditioned on it still being open and still on the old slot: a
 *      concurrent cancel, expiry or second move makes it match nothing, and the new slot is given
 *      back (conditional on still being held for us), so the booking and its old slot stay;
 *      The same write carries the move's notices (and, when the booking stays confirmed, its new
 *      reminders): `carriedNotices`, queued by the notify timer at the start of its next run and
 *      sent in that run (server/core/outbox.ts `carry`) — so they exist exactly when the move does;
 *   4. release the old slot (conditional on it still holding this booking): open again, since the
 *      enterprise itself gave the time up — closed when the expert's leave covers it (leave.ts).
 * A confirmed booking moved goes back to requested: the expert agreed to a time, not to any
 * time — unless the expert confirms automatically. The open-booking counter does not change
 * (one open booking before and after). The history keeps the old time (`reschedules`, and a
 * history entry), `moves` counts the moves and keys the reminders of each time; the reminders of
 * the old time are not withdrawn by a write: they carry `sendIf.slotId` and are dropped at send
 * time, which keeps this action at its budget.
 *
 * What a killed call leaves: after 2, a slot held for a booking that is elsewhere; after 3, the old
 * slot still held for a booking that moved on. Both are "a slot held for a booking whose slotId is
 * not this slot", which the appointment timer releases after a quiet minute (repair.ts, step d).
 *
 * Cut-off: the same as a cancellation (RULES.cancelCutoffMinutes before the old start), since
 * moving gives the old time up; the new slot needs the booking notice (RULES.minNoticeMinutes).
 *
 * Database calls: the caller's record, the aggregation, the hold, the move (with its notices),
 * the release: 5 (pinned in local/roundTrips.int.test.ts; 6 before, when the notices were an insert
 * of their own). What carrying costs: the expert's 消息中心 shows the move from the notify timer's
 * next run (a minute at most), not at once; the subscribe message goes out in the same run as
 * before. A second move before that run replaces the first's carried notices (the newer key):
 * the people are told of the time that stands. Not fewer: the three writes are three documents
 * (new slot, booking, old slot), each one conditional write, and the reads are one aggregation.
 */
/**
 * The move's notices: the expert (to confirm again, or told it stands), and when the booking stays
 * confirmed the enterprise and the new time's reminders. Fixed ids per move (`moves`), so queued
 * once each however often the notify timer meets them.
 */
function notices(after: WithId<BookingDoc>, b: WithId<BookingDoc>, state: 'confirmed' | 'requested', now: Date): (OutboxInput & { id: string })[] {
  const page = BOOKING_PAGE(after._id);
  const ref = `bookings/${after._id}`;
  const when = parkRange(after.startAt, after.endAt);
  const id = `moved-${after._id}-m${after.moves}`;
  return [
    { id: `${id}-exp`, type: 'appointment.rescheduled', toOpenid: b.expertId, template: 'newBooking', page, ref,
      data: { enterprise: b.enterpriseName, topic: b.topic.slice(0, 20), time: when, state: state === 'confirmed' ? '已改约（自动确认）' : '已改约，待您确认' } },
    ...(state === 'confirmed'
      ? [{ id: `${id}-ent`, type: 'appointment.rescheduled', toOpenid: b.bookedBy, template: 'bookingResult', page, ref,
          data: { expert: b.expertName, time: when, place: after.place, state: '已改约并确认' } },
        ...reminderRows(after, now)]
      : []),
  ];
}

export const reschedule = action({
  roles: ['enterprise'],
  params: z.strictObject({ bookingId: idParam, slotId: idParam }),
  async handler({ bookingId, slotId }, { caller }) {
    const enterpriseId = enterpriseOf(caller);
    const _ = cmd();
    const { data } = (await col('bookings')
      .aggregate()
      .match({ _id: bookingId })
      .lookup({ from: 'experts', localField: 'expertId', foreignField: '_id', as: 'expert' })
      .lookup({ from: 'slots', let: {}, pipeline: _.aggregate.pipeline().match({ _id: slotId }).project({ cells: 0 }).limit(1).done(), as: 'target' })
      .limit(1)
      .end()) as { data: Context[] };
    const ctx = data[0];
    if (!ctx || ctx.enterpriseId !== enterpriseId) throw NOT_YOURS();
    const { expert: [expert], target: [target], ...rest } = ctx;
    const b: WithId<BookingDoc> = rest;
    if (!isOpenState(b.state)) nextState(b.state, 'cancel'); // throws CONFLICT saying where it stands
    const now = new Date();
    if (new Date(b.startAt).getTime() - now.getTime() < RULES.cancelCutoffMinutes * MINUTE) {
      throw new AppError('CLOSED', `距开始已不足 ${RULES.cancelCutoffMinutes / 60} 小时，不能在线改约，请直接联系专家或党群服务中心。`);
    }
    if (slotId === b.slotId) throw new AppError('VALIDATION', '新时段与原时段相同，请选择其他时段。');
    if (!target) throw GONE();
    if (target.expertId !== b.expertId) throw new AppError('VALIDATION', '只能改到同一位专家的其他时段；如需其他专家，请取消后重新预约。');
    if (!expert || !expert.active) throw new AppError('CLOSED', '该专家暂停接受预约，无法改约，请联系党群服务中心。');
    const refused = refusal(target, enterpriseId, now);
    if (refused) throw refused;

    // 2. The new slot, by the same condition as a booking.
    const held = await col('slots')
      .where(bookableWhere(slotId, enterpriseId, now))
      .updateAndReturn({ state: 'held', bookingId, holds: _.inc(1), heldAt: now, heldFor: enterpriseId });
    if (!held.doc) {
      // Taken (or closed) since the read: say which; the booking was not touched.
      const [slot] = (await col('slots').doc(slotId).get()).data;
      throw refusal(slot, enterpriseId, now) ?? notOpen('held');
    }
    const slot = held.doc;

    // 3. The booking, only if it is still open and still on the slot we read.
    const state = expert.autoConfirm ? 'confirmed' : 'requested';
    const moves = (b.moves ?? 0) + 1;
    const note = `改约：${parkRange(b.startAt, b.endAt)} → ${parkRange(slot.startAt, slot.endAt)}`;
    const entries: BookingEvent[] = [{ state, at: now, by: caller.openid, role: 'enterprise', note }];
    if (b.state === 'confirmed' && state === 'requested') entries[0].note = `${note}，需专家重新确认`;
    const moved: Partial<BookingDoc> = {
      slotId,
      slotTurn: `${slotId}#${slot.holds}`,
      startAt: new Date(slot.startAt),
      endAt: new Date(slot.endAt),
      mode: slot.mode,
      place: slot.place,
      kind: slot.kind,
      rovingDayId: slot.rovingDayId,
      state,
      moves,
      needsReschedule: null,
      confirmRemindedAt: null,
      confirmEscalatedAt: null,
      updatedAt: now,
    };
    const record = { fromSlotId: b.slotId, fromStartAt: new Date(b.startAt), fromEndAt: new Date(b.endAt), toSlotId: slotId, at: now, by: caller.openid };
    const after: WithId<BookingDoc> = { ...b, ...moved, history: [...b.history, ...entries], reschedules: [...(b.reschedules ?? []), record] };
    const carried = carry(`moved-${moves}`, notices(after, b, state, now));
    const { updated } = await col('bookings')
      .where({ _id: bookingId, enterpriseId, slotId: b.slotId, state: _.in([...OPEN_STATES]) })
      .update({ ...moved, history: _.push(entries), reschedules: _.push([record]), carriedNotices: carried ? _.set(carried) : null });
    if (!updated) {
      // Cancelled, expired or moved by someone else meanwhile: give the new slot back, keep all else.
      await col('slots').where({ _id: slotId, bookingId, state: 'held' }).update({ state: 'open', bookingId: null, heldAt: null, heldFor: null });
      throw new AppError('CONFLICT', '该预约刚刚发生了变化（可能已被取消或改约），请刷新后查看。');
    }

    // 4. The old slot.
    await col('slots')
      .where({ _id: b.slotId, bookingId })
      .update({ state: b.needsReschedule ? 'closed' : 'open', bookingId: null, heldAt: null, heldFor: null });
    return bookingView(after);
  },
});
