/**
 * What hangs on the expert role, closed when an admin revokes it (user.revokeRole → here, through
 * public.ts). Listing and booking also check the expert's current role (`currentExperts`), so an
 * expert is unbookable from the moment the role goes, whatever this hand-over has done yet.
 *
 *   1. the profile stops being listed: `experts/<openid>.active = false` (one document);
 *   2. their future open slots are withdrawn: one conditional remove `where state = 'open'`, so a
 *      slot an enterprise took a moment earlier is not removed but shows up in step 3;
 *   3. their open bookings still ahead are cancelled through `transition` (role admin: the slot
 *      closes, the counter drops, the reminders are withdrawn) with a notice to the enterprise
 *      only — the former expert no longer receives enterprises' booking details.
 * Every step is idempotent, so a revoke interrupted half-way is completed by running it again.
 * `openBookings`: the caller may pass the first page of step 3 read in its own aggregation (the
 * query of `openBookingsOf`, issue 19); it saves that query, and an empty page ends step 3 at once.
 * Past confirmed bookings are left to the timer (expire.ts: reminded, then `unrecorded`).
 */
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import { BOOKING_PAGE, parkRange } from './shared';
import { transition } from './transition';

export const RETIRE_REASON = '专家已停止提供服务，预约已取消，请重新预约其他专家';

/** Step 3's query: the expert's open bookings still ahead (a page of ids). */
export function openBookingsOf(openid: string, now: Date): Record<string, unknown> {
  const _ = cmd();
  return { expertId: openid, state: _.in(['requested', 'confirmed']), startAt: _.gt(now) };
}
export const RETIRE_PAGE = 100;

export async function retireExpert(openid: string, admin: Caller, openBookings?: { _id: string }[], now = new Date()): Promise<{ slotsWithdrawn: number; bookingsCancelled: number }> {
  const _ = cmd();
  // Steps 1 and 2 touch different collections: sent together.
  const [, { deleted }] = await Promise.all([
    col('experts').where({ _id: openid }).update({ active: false, updatedAt: now }),
    col('slots').where({ expertId: openid, state: 'open', startAt: _.gt(now) }).remove(),
  ]);
  let cancelled = 0;
  for (let round = 0; round < 20; round++) {
    const data = round === 0 && openBookings ? openBookings : (await col('bookings').where(openBookingsOf(openid, now)).field({ _id: true }).limit(RETIRE_PAGE).get()).data;
    if (data.length === 0) break;
    let progressed = 0;
    for (const b of data) {
      try {
        await transition({
          bookingId: b._id,
          event: 'cancel',
          caller: admin,
          role: () => 'admin',
          note: RETIRE_REASON,
          patch: { cancelReason: RETIRE_REASON },
          notify: (after) => [
            { type: 'appointment.cancelled', toOpenid: after.bookedBy, template: 'bookingCancelled', page: BOOKING_PAGE(after._id), ref: `bookings/${after._id}`,
              data: { time: parkRange(after.startAt, after.endAt), reason: '专家已停止提供服务', by: '党群服务中心' } },
          ],
        });
        cancelled++;
        progressed++;
      } catch (err) {
        // Cancelled or served by someone else since the query: nothing left to do.
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
        progressed++;
      }
    }
    if (progressed === 0) break;
  }
  return { slotsWithdrawn: deleted ?? 0, bookingsCancelled: cancelled };
}

/** Of these openids, the ones that hold the expert role now (the role, not a copy, decides). */
export async function currentExperts(ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const { data } = await col('users').where({ _id: cmd().in(unique), roles: 'expert' }).field({ _id: true }).limit(1000).get();
  return new Set(data.map((u) => u._id));
}
