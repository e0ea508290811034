import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { col, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { enqueue } from '../../server/core/outbox';
import { requirePrivacyConsent } from '../../server/core/consent';
import type { BookingDoc, BookingEvent, SlotState } from './docs';
import { RULES, MINUTE } from './rules';
import { closeUnrecorded, expireDue } from './expire';
import { currentExperts } from './retire';
import { BOOKING_PAGE, bookingView, counterId, enterpriseOf, idParam, parkRange, parkTime, reminderRows } from './shared';

/**
 * The counter document must exist before the transaction: two transactions that both create it
 * would collide on its _id (a duplicate, not a retryable write conflict), while two that update
 * an existing one conflict and the retry reads the other's count. Creating it is idempotent.
 */
async function ensureCounter(enterpriseId: string, teamId: string): Promise<void> {
  const id = counterId(enterpriseId, teamId);
  if ((await col('bookingCounters').doc(id).get()).data.length) return;
  try {
    await col('bookingCounters').add({ _id: id, enterpriseId, teamId, open: 0, updatedAt: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Why a slot cannot be booked: taken by someone (held), or closed because its expert cannot make it. */
function notOpen(state: SlotState): AppError {
  return state === 'closed'
    ? new AppError('CLOSED', '该时段已关闭，请选择其他时段。')
    : new AppError('CONFLICT', '该时段已被其他企业预约，请选择其他时段。');
}

/**
 * An enterprise contact books an open slot for their enterprise.
 *
 * One transaction reads the slot and the enterprise's counter for the slot's team, then marks
 * the slot held, raises the counter and inserts the booking (plus its messages). Two bookings
 * of one slot cannot both commit: the second writer of the slot conflicts, retries, and then
 * sees the slot held (CONFLICT). Nothing is ever half-done — no held slot without a booking,
 * no counted booking that does not exist — so there is no crash window to repair. As a last
 * line, `slotTurn` (slot id + how many times it was taken) is unique in the database.
 *
 * Database calls: 1 slot read, 4 parallel reads (expert, enterprise, team, counter; +1 insert for
 * an enterprise's first booking with a team), then in the
 * transaction 2 reads + 3 writes + 1 message (4 for an auto-confirming expert: the confirmation
 * and the two reminders) and the commit. At the open-booking limit: one
 * more query for overdue unconfirmed requests, and the transaction again if any expired.
 */
export const book = action({
  roles: ['enterprise'],
  params: z.strictObject({
    slotId: idParam,
    topic: z.string().trim().min(4, '请用至少 4 个字说明需要咨询的问题').max(200),
    note: z.string().trim().max(300).optional(),
  }),
  async handler({ slotId, topic, note }, { caller }) {
    // The booking carries the booker's name and topic: an enterprise role granted by an admin
    // does not mean the person agreed, so consent is checked here too.
    requirePrivacyConsent(caller, '预约专家服务');
    const enterpriseId = enterpriseOf(caller);
    // A plain read first: it turns most losers of a race away before they open a transaction,
    // and gives the expert whose profile (auto-confirm, name) the booking needs.
    const [pre] = (await col('slots').doc(slotId).get()).data;
    if (!pre) throw new AppError('NOT_FOUND', '该时段不存在或已被专家撤回，请刷新后重新选择。');
    if (pre.state !== 'open') throw notOpen(pre.state);
    const [expertRes, entRes, teamRes, , current] = await Promise.all([
      col('experts').doc(pre.expertId).get(),
      col('enterprises').doc(enterpriseId).get(),
      col('teams').doc(pre.teamId).get(),
      ensureCounter(enterpriseId, pre.teamId),
      currentExperts([pre.expertId]),
    ]);
    const expert = expertRes.data[0];
    const enterprise = entRes.data[0];
    const team = teamRes.data[0];
    // The current role decides, not the profile copy: a revoked expert is never booked.
    if (!expert || !expert.active || !current.has(pre.expertId)) throw new AppError('CLOSED', '该专家暂停接受预约，请选择其他专家。');
    if (!enterprise) throw new AppError('NOT_FOUND', '您绑定的企业已不存在，请联系党群服务中心。');

    const bookingId = `bk-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    const attempt = () => transaction(async (tx) => {
      const now = new Date();
      const slot = (await tx.collection('slots').doc(slotId).get()).data;
      if (!slot) throw new AppError('NOT_FOUND', '该时段不存在或已被专家撤回，请刷新后重新选择。');
      if (slot.state !== 'open') throw notOpen(slot.state);
      const startAt = new Date(slot.startAt);
      if (startAt.getTime() - now.getTime() < RULES.minNoticeMinutes * MINUTE) {
        throw new AppError('CLOSED', `距开始已不足 ${RULES.minNoticeMinutes / 60} 小时，无法在线预约，请选择其他时段或致电党群服务中心。`);
      }
      if (slot.priorityUntil && new Date(slot.priorityUntil).getTime() > now.getTime() && !slot.priorityEnterpriseIds.includes(enterpriseId)) {
        throw new AppError('CLOSED', `该时段目前优先开放给专家的结对企业，${parkTime(slot.priorityUntil)} 后开放预约。`);
      }
      const cid = counterId(enterpriseId, slot.teamId);
      const counter = (await tx.collection('bookingCounters').doc(cid).get()).data;
      const open = counter?.open ?? 0;
      if (open >= RULES.maxOpenPerTeam) {
        throw new AppError('FULL', `贵企业在${team?.name ?? '该服务团'}已有 ${open} 个未完成的预约，请在服务完成或取消后再预约。`);
      }

      const turn = (slot.holds ?? 0) + 1;
      const history: BookingEvent[] = [{ state: 'requested', at: now, by: caller.openid, role: 'enterprise' }];
      if (expert.autoConfirm) history.push({ state: 'confirmed', at: now, by: 'system', role: 'system', note: '专家已开启自动确认' });
      const booking: BookingDoc = {
        slotId,
        slotTurn: `${slotId}#${turn}`,
        expertId: slot.expertId,
        expertName: expert.name,
        teamId: slot.teamId,
        teamName: team?.name ?? '',
        enterpriseId,
        enterpriseName: enterprise.name,
        bookedBy: caller.openid,
        bookedByName: caller.user.profile?.name ?? '',
        startAt,
        endAt: new Date(slot.endAt),
        mode: slot.mode,
        place: slot.place,
        kind: slot.kind,
        rovingDayId: slot.rovingDayId,
        topic,
        note: note ?? '',
        state: history[history.length - 1].state,
        history,
        serviceRecord: null,
        score: null,
        comment: null,
        cancelReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.collection('slots').doc(slotId).update({ state: 'held', bookingId, holds: turn });
      await tx.collection('bookingCounters').doc(cid).update({ open: open + 1, updatedAt: now });
      await tx.collection('bookings').add({ _id: bookingId, ...booking });

      const when = parkRange(booking.startAt, booking.endAt);
      const page = BOOKING_PAGE(bookingId);
      const ref = `bookings/${bookingId}`;
      const confirmed = booking.state === 'confirmed';
      await enqueue(
        [
          { type: 'appointment.booked', toOpenid: slot.expertId, template: 'newBooking', page, ref,
            data: { enterprise: enterprise.name, topic: topic.slice(0, 20), time: when, state: confirmed ? '已自动确认' : '待您确认' } },
          ...(confirmed
            ? [{ type: 'appointment.confirmed', toOpenid: caller.openid, template: 'bookingResult', page, ref,
                data: { expert: expert.name, time: when, place: slot.place, state: '已确认' } },
              // Reminders only for an agreed appointment; a request gets them when it is confirmed.
              ...reminderRows({ _id: bookingId, ...booking }, now)]
            : []),
        ],
        tx,
      );
      return bookingView({ _id: bookingId, ...booking });
    });
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'FULL')) throw err;
      // Lazy expiry: the limit may be reached only by requests nobody confirmed before their
      // start, which the timer has not expired yet. Expire this enterprise's such bookings with
      // this team (each in its own transaction, as the timer does) and try once more. Costs
      // nothing on the ordinary path; one query only when the enterprise is at its limit.
      const scope = { enterpriseId, teamId: pre.teamId };
      const freed = (await expireDue(new Date(), scope)) + (await closeUnrecorded(new Date(), scope)).unrecorded;
      if (freed === 0) throw err;
      return attempt();
    }
  },
});
