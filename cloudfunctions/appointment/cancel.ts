import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { BOOKING_PAGE, idParam, parkRange } from './shared';
import { transition, type ActingRole, type TransitionSpec } from './transition';
import type { Caller } from '../../server/core/caller';
import { RULES, MINUTE } from './rules';

/**
 * Either side cancels an open booking until the cut-off before the start; admins at any time.
 * When the enterprise cancels, the slot opens again for others (if still ahead); when the expert
 * or an admin cancels it closes, since the expert cannot make that time (see transition.ts). The
 * reminders are withdrawn and the other side is told, right after the move. Experts must give
 * a reason: the enterprise needs it.
 */
/**
 * Why `role` may no longer cancel a booking starting at `b.startAt`, or null if it may. One rule
 * for the cancel itself and for getBooking's `cancellable` (the page hides what would be refused).
 */
export function tooLateToCancel(b: { startAt: Date }, role: ActingRole, now: Date): AppError | null {
  if (role === 'admin') return null;
  const ahead = new Date(b.startAt).getTime() - now.getTime();
  if (ahead <= 0) return new AppError('CLOSED', '该预约时间已过，不能再取消；请由专家记录服务，逾期未记录的预约会自动关闭。');
  if (ahead < RULES.cancelCutoffMinutes * MINUTE) {
    return new AppError('CLOSED', `距开始已不足 ${RULES.cancelCutoffMinutes / 60} 小时，不能在线取消，请直接联系对方或党群服务中心。`);
  }
  return null;
}

/**
 * The cancel rules above as one condition on the booking, for a caller whom only one side fits
 * (an enterprise contact, an expert, an admin who is neither): the cancellation is then one
 * updateAndReturn, without reading the booking first. Anyone else (several of those roles at once,
 * an expert with no reason) goes the ordinary way: read, decide, write.
 */
function claimOf(caller: Caller, text: string, now: Date): TransitionSpec['claim'] {
  const _ = cmd();
  const enterpriseId = caller.is('enterprise') ? caller.user.enterpriseId : null;
  const sides = [caller.is('expert'), !!enterpriseId, caller.is('admin')].filter(Boolean).length;
  if (sides !== 1) return undefined;
  // Not too late: `tooLateToCancel` refuses a start already passed or inside the cut-off.
  const ahead = { startAt: _.gte(new Date(now.getTime() + Math.max(RULES.cancelCutoffMinutes * MINUTE, 1))) };
  if (caller.is('admin')) return { where: {}, role: 'admin' };
  if (enterpriseId) return { where: { enterpriseId, ...ahead }, role: 'enterprise' };
  return text.length >= 2 ? { where: { expertId: caller.openid, ...ahead }, role: 'expert' } : undefined;
}

export const cancel = action({
  roles: ['enterprise', 'expert', 'admin'],
  params: z.strictObject({ bookingId: idParam, reason: z.string().trim().max(200).optional() }),
  async handler({ bookingId, reason }, { caller }) {
    const roleOf = (b: { expertId: string; enterpriseId: string }): ActingRole => {
      if (caller.is('expert') && b.expertId === caller.openid) return 'expert';
      if (caller.is('enterprise') && b.enterpriseId === caller.user.enterpriseId) return 'enterprise';
      return 'admin';
    };
    const text = reason ?? '';
    return transition({
      claim: claimOf(caller, text, new Date()),
      bookingId,
      event: 'cancel',
      caller,
      role: roleOf,
      note: text || undefined,
      patch: { cancelReason: text },
      check: (b, now) => {
        const role = roleOf(b);
        if (role === 'expert' && text.length < 2) throw new AppError('VALIDATION', '请填写取消原因，企业会收到这条说明。');
        const late = tooLateToCancel(b, role, now);
        if (late) throw late;
      },
      notify: (b, _to, role) => {
        const data = { time: parkRange(b.startAt, b.endAt), reason: (text || '未说明').slice(0, 20), by: role === 'enterprise' ? b.enterpriseName : role === 'expert' ? b.expertName : '党群服务中心' };
        const page = BOOKING_PAGE(b._id);
        const ref = `bookings/${b._id}`;
        const rows = [];
        if (role !== 'expert') rows.push({ type: 'appointment.cancelled', toOpenid: b.expertId, template: 'bookingCancelled', page, ref, data });
        if (role !== 'enterprise') rows.push({ type: 'appointment.cancelled', toOpenid: b.bookedBy, template: 'bookingCancelled', page, ref, data });
        return rows;
      },
    });
  },
});
