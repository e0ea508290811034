import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkTime } from '../../server/core/time';
import { dueAt } from './bookings';
import { CHECKIN_OPENS_MS } from './grid';
import { releaseQuota } from './quota';
import { bookingIdParam, bookingView } from './shared';

/**
 * 前台签到: an admin at the front desk checks in someone's booking when the group arrives (lifecycle
 * L-30: only the booking's own people could, by scanning, and a late secretary lost the room at +15
 * minutes while the group sat in it). Same window as a scan, from 30 minutes before the start to the
 * check-in deadline; one conditional update on the booking still being 'booked' and due, so a
 * release or a cancel landing meanwhile wins or loses cleanly. Audited.
 */
export const checkInBooking = action({
  roles: ['admin'],
  params: z.strictObject({ id: bookingIdParam }),
  async handler({ id }, ctx) {
    const [b] = (await col('roomBookings').doc(id).get()).data;
    if (!b) throw new AppError('NOT_FOUND', '预约不存在，请刷新今日排期后重试。');
    const now = new Date();
    const { updated } = await col('roomBookings')
      .where({ _id: id, ...dueAt(now) })
      .update({ state: 'checked_in', checkedInAt: now, checkedInBy: ctx.caller.openid });
    if (!updated) {
      if (b.state !== 'booked') throw new AppError('CONFLICT', '该预约已签到、已取消或已释放，请刷新今日排期后查看。');
      if (new Date(b.startAt).getTime() - CHECKIN_OPENS_MS > now.getTime()) {
        throw new AppError('CLOSED', `该预约 ${parkTime(new Date(new Date(b.startAt).getTime() - CHECKIN_OPENS_MS))} 起才能签到，请到时再办理。`);
      }
      throw new AppError('CLOSED', '该预约已超过签到时间，场馆已释放；如仍需使用，请重新预约。');
    }
    await releaseQuota(b, 'checked_in');
    await audit(ctx, { fn: 'room', action: 'checkInBooking', target: `roomBookings/${id}`, before: { state: b.state }, after: { state: 'checked_in' } });
    return bookingView({ ...b, state: 'checked_in', checkedInAt: now, checkedInBy: ctx.caller.openid });
  },
});
