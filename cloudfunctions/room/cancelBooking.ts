import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { freedCells } from './grid';
import { bookingIdParam } from './shared';
import { bookingToActOn, heldBy, holdersOf } from './holders';
import { releaseQuota } from './quota';

/**
 * Whoever acts for the holder now (./holders.ts), or an admin, cancels a booking not yet checked
 * into; its cells are free at once.
 *
 * The right to act and the state are ONE condition on the booking's update (`updateAndReturn`,
 * which answers the booking as written — its holder, room, day and counted minutes are what the
 * quota needs), so the booking is not read first. Only a refusal reads it, to say why (gone,
 * not yours, or already checked in / cancelled / released): a refused tap may cost one call more.
 *
 * Database calls on success (issue 19; 6 before: the booking was read first):
 *   the caller's user record (router)                                         1
 *   the branches they are secretary of (holdersOf; a secretary who is not an admin only)  0–1
 *   the conditional update answering the booking                              1
 *   the holder's quota counters given back (open place, day's minutes; ./quota.ts)   0–2
 *   the audit row (an admin only)                                             0–1
 * — at most 5: a secretary 5, an admin 5, an enterprise contact 4.
 */
export const cancelBooking = action({
  roles: ['secretary', 'enterprise', 'admin'],
  params: z.strictObject({ id: bookingIdParam }),
  async handler({ id }, ctx) {
    const isAdmin = ctx.caller.is('admin');
    const holders = isAdmin ? [] : await holdersOf(ctx.caller);
    const now = new Date();
    // Conditional on still being 'booked' (a check-in or a release landing meanwhile wins) and,
    // unless an admin, on being held by whom the caller acts for now.
    const fields = { _id: id, state: 'booked' };
    const { doc: b } = holders.length || isAdmin
      ? await col('roomBookings')
          .where(isAdmin ? fields : heldBy(holders, fields))
          .updateAndReturn({ state: 'cancelled', cells: freedCells(id), endedAt: now, endedBy: ctx.caller.openid })
      : { doc: null };
    if (!b) {
      // Why it was refused: NOT_FOUND / FORBIDDEN as before, else it has left 'booked'.
      await bookingToActOn(ctx.caller, id, '取消');
      throw new AppError('CONFLICT', '该预约已签到、已取消或已释放，请刷新后查看。');
    }
    await releaseQuota(b, 'cancelled');
    if (isAdmin) await audit(ctx, { fn: 'room', action: 'cancelBooking', target: `roomBookings/${id}`, before: { state: 'booked' }, after: { state: 'cancelled' } });
    return { id, state: 'cancelled' as const };
  },
});
