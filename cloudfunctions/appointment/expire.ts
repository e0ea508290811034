/**
 * Expiry of bookings nobody confirmed: a `requested` booking whose start has passed can no longer
 * be confirmed usefully, yet it would stay open for ever — counting against the enterprise's
 * limit of open bookings with that team (which it can no longer cancel after the cut-off) and
 * keeping its slot held. The timer (cloudbaserc.json → appointment trigger `expire`) and, lazily,
 * `book` when an enterprise hits that limit move such bookings to `cancelled` with the `expire`
 * event.
 *
 * Each booking goes through `transition` — the same transaction as a cancellation: the counter
 * drops, the slot (already in the past) closes instead of reopening, the reminders are withdrawn
 * and both sides are told, all or nothing. Two overlapping runs cannot expire one booking twice:
 * the second one's transaction conflicts on the booking, retries, reads `cancelled` and is refused
 * (CONFLICT), which here just means "already done".
 */
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { BOOKING_PAGE, parkRange } from './shared';
import { SYSTEM, transition } from './transition';

/** Bookings expired per run at most, oldest first; the next run (10 minutes later) takes the rest. */
export const EXPIRE_BATCH = 20;
export const EXPIRE_REASON = '专家未在开始前确认，系统已自动取消';

/**
 * Expires up to EXPIRE_BATCH unconfirmed bookings that started before `now` (only those of one
 * enterprise with one team when `scope` is given); answers how many this run expired.
 * Database calls: 1 query + one transition per booking (run in parallel).
 */
export async function expireDue(now: Date, scope?: { enterpriseId: string; teamId: string }): Promise<number> {
  const where: Record<string, unknown> = { state: 'requested', startAt: cmd().lt(now), ...scope };
  const { data } = await col('bookings').where(where).orderBy('startAt', 'asc').field({ _id: true }).limit(EXPIRE_BATCH).get();
  const done = await Promise.all(
    data.map((b) =>
      transition({
        bookingId: b._id,
        event: 'expire',
        caller: SYSTEM,
        role: () => 'system',
        note: EXPIRE_REASON,
        patch: { cancelReason: EXPIRE_REASON },
        // The query said so; re-checked on the transaction's own read so the rule holds by itself.
        check: (bk, at) => {
          if (new Date(bk.startAt).getTime() > at.getTime()) throw new AppError('CONFLICT', '该预约尚未开始，不能自动取消。');
        },
        notify: (after) => {
          const data = { time: parkRange(after.startAt, after.endAt), reason: EXPIRE_REASON, by: '系统' };
          const page = BOOKING_PAGE(after._id);
          const ref = `bookings/${after._id}`;
          return [
            { type: 'appointment.expired', toOpenid: after.bookedBy, template: 'bookingCancelled', page, ref, data },
            { type: 'appointment.expired', toOpenid: after.expertId, template: 'bookingCancelled', page, ref, data },
          ];
        },
      }).then(
        () => 1,
        (err) => {
          // Confirmed, cancelled or expired by someone else since the query: nothing left to do.
          if (err instanceof AppError && err.code === 'CONFLICT') return 0;
          // One bad booking must not stop the page; it is retried on the next run.
          console.error('appointment: expiring booking failed', b._id, err);
          return 0;
        },
      ),
    ),
  );
  return done.reduce<number>((s, n) => s + n, 0);
}
