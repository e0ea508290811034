import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { freedCells } from './grid';
import { bookingIdParam } from './shared';
import { bookingToActOn } from './holders';
import { releaseQuota } from './quota';

/** Whoever acts for the holder now (./holders.ts), or an admin, cancels a booking not yet checked into; its cells are free at once. */
export const cancelBooking = action({
  roles: ['secretary', 'enterprise', 'admin'],
  params: z.strictObject({ id: bookingIdParam }),
  async handler({ id }, ctx) {
    const b = await bookingToActOn(ctx.caller, id, '取消');
    const isAdmin = ctx.caller.is('admin');
    const now = new Date();
    // Conditional on still being 'booked': a check-in or a release landing meanwhile wins.
    const { updated } = await col('roomBookings')
      .where({ _id: id, state: 'booked' })
      .update({ state: 'cancelled', cells: freedCells(id), endedAt: now, endedBy: ctx.caller.openid });
    if (!updated) throw new AppError('CONFLICT', '该预约已签到、已取消或已释放，请刷新后查看。');
    await releaseQuota(b, 'cancelled');
    if (isAdmin) await audit(ctx, { fn: 'room', action: 'cancelBooking', target: `roomBookings/${id}`, before: { state: b.state }, after: { state: 'cancelled' } });
    return { id, state: 'cancelled' as const };
  },
});
