import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { freedCells, HALF_HOUR_MS, roomCells } from './grid';
import { bookingToActOn } from './holders';
import { returnMinutes } from './quota';
import { bookingIdParam, bookingView } from './shared';

/**
 * 提前结束: whoever acts for the holder now (or an admin) ends a checked-in booking early, so the
 * rest of the room's time can be booked (lifecycle L-33: a room stayed blocked after the meeting
 * ended). The booking keeps its cells up to the next half hour (the one in progress stays theirs)
 * and ends there; the minutes given up go back to the holder's day quota. One conditional update on
 * the booking still being checked in and ending later than that.
 */
export const endBooking = action({
  roles: ['secretary', 'enterprise', 'admin'],
  params: z.strictObject({ id: bookingIdParam }),
  async handler({ id }, ctx) {
    const b = await bookingToActOn(ctx.caller, id, '结束');
    const isAdmin = ctx.caller.is('admin');
    if (b.state !== 'checked_in') throw new AppError('CONFLICT', '只有已签到的预约可以提前结束；未签到的预约请直接取消。');
    const now = new Date();
    const startAt = new Date(b.startAt);
    const endAt = new Date(Math.max(startAt.getTime(), Math.ceil(now.getTime() / HALF_HOUR_MS) * HALF_HOUR_MS));
    // Ended before it started: it keeps no cell (an empty list would collide in the unique index).
    const cells = endAt > startAt ? roomCells(b.venueId, startAt, endAt) : freedCells(id);
    const freed = (new Date(b.endAt).getTime() - endAt.getTime()) / 60_000;
    const { updated } = await col('roomBookings')
      .where({ _id: id, state: 'checked_in', endAt: cmd().gt(endAt) })
      .update({ endAt, cells, endedAt: now, endedBy: ctx.caller.openid, quotaMinutes: Math.max(0, (b.quotaMinutes ?? 0) - freed) });
    if (!updated) throw new AppError('CONFLICT', '该预约已结束或将在半小时内结束，无需提前结束。');
    await returnMinutes(b, freed);
    if (isAdmin) await audit(ctx, { fn: 'room', action: 'endBooking', target: `roomBookings/${id}`, before: { endAt: new Date(b.endAt).toISOString() }, after: { endAt: endAt.toISOString() } });
    return bookingView({ ...b, endAt, cells, endedAt: now, endedBy: ctx.caller.openid });
  },
});
