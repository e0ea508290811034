/**
 * The appointment timer's work: expiry of bookings nobody confirmed (`expireDue`) and the closing
 * of confirmed ones nobody recorded (`closeUnrecorded`, below).
 *
 * Expiry of bookings nobody confirmed: a `requested` booking whose start has passed can no longer
 * be confirmed usefully, yet it would stay open for ever — counting against the enterprise's
 * limit of open bookings with that team (which it can no longer cancel after the cut-off) and
 * keeping its slot held. The timer (cloudbaserc.json → appointment trigger `expire`) and, lazily,
 * `book` when an enterprise hits that limit move such bookings to `cancelled` with the `expire`
 * event.
 *
 * Each booking goes through `transition` — the same path as a cancellation: the counter drops,
 * the slot (already in the past) closes instead of reopening, the reminders are withdrawn and both
 * sides are told. Two overlapping runs cannot expire one booking twice: the move is conditioned on
 * the state it was read in, so the second run's write matches nothing, it reads `cancelled` again
 * and is refused (CONFLICT), which here just means "already done".
 */
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { outboxRow } from '../../server/core/outbox';
import { BOOKING_PAGE, parkRange } from './shared';
import { SYSTEM, transition } from './transition';
import { MINUTE, RULES } from './rules';

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
        // The query said so; re-checked on transition's own read so the rule holds by itself.
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

export const UNRECORDED_REASON = '预约时间已过且专家未记录服务，系统已自动关闭';
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const recordReminderId = (bookingId: string) => `record-${bookingId}`;

/**
 * Confirmed bookings whose time has passed and that the expert never recorded (neither `complete`
 * nor `markNoShow`). Without an owner they would stay `confirmed` for ever and hold one of the
 * enterprise's `maxOpenPerTeam` places with the team. The same timer, in two steps:
 *
 *   remind   `recordReminderHours` after the end: one message asks the expert to record the
 *            service or the no-show. The outbox row has a fixed id (`record-<bookingId>`), so the
 *            insert itself is the "once" — a second run gets a duplicate key and only then marks
 *            the booking (`recordRemindedAt`, a conditional update on the still-confirmed booking).
 *            A run that dies between the two steps is finished by the next one.
 *   lapse    `unrecordedAfterDays` after the end, and at least a day after the reminder, the
 *            booking moves to `unrecorded` through `transition` (event `lapse`): the enterprise's
 *            counter drops with it and both sides are told.
 *
 * An expert who records the service after the reminder (or before the lapse) wins: `complete`
 * and the lapse are both transitions of the same document from `confirmed`, one of them conflicts.
 */
export async function closeUnrecorded(now: Date, scope?: { enterpriseId: string; teamId: string }): Promise<{ reminded: number; unrecorded: number }> {
  const _ = cmd();
  const remindBefore = new Date(now.getTime() - RULES.recordReminderHours * HOUR);
  const due = await col('bookings')
    .where({ state: 'confirmed', endAt: _.lt(remindBefore), recordRemindedAt: null, ...scope })
    .orderBy('endAt', 'asc')
    .limit(EXPIRE_BATCH)
    .get();
  let reminded = 0;
  for (const b of due.data) {
    try {
      await col('outbox').add({
        ...outboxRow({
          type: 'appointment.recordReminder', toOpenid: b.expertId, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
          data: { expert: b.enterpriseName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '请记录服务' },
        }, now),
        _id: recordReminderId(b._id),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) {
        console.error('appointment: record reminder failed', b._id, err);
        continue;
      }
    }
    const { updated } = await col('bookings').where({ _id: b._id, state: 'confirmed', recordRemindedAt: null }).update({ recordRemindedAt: now });
    reminded += updated;
  }

  const lapseBefore = new Date(now.getTime() - RULES.unrecordedAfterDays * DAY);
  const remindedBefore = new Date(now.getTime() - DAY);
  const old = await col('bookings')
    .where({ state: 'confirmed', endAt: _.lt(lapseBefore), recordRemindedAt: _.lt(remindedBefore), ...scope })
    .orderBy('endAt', 'asc')
    .field({ _id: true })
    .limit(EXPIRE_BATCH)
    .get();
  const done = await Promise.all(
    old.data.map((b) =>
      transition({
        bookingId: b._id,
        event: 'lapse',
        caller: SYSTEM,
        role: () => 'system',
        note: UNRECORDED_REASON,
        check: (bk, at) => {
          if (new Date(bk.endAt).getTime() > at.getTime() - RULES.unrecordedAfterDays * DAY) throw new AppError('CONFLICT', '该预约尚未逾期。');
        },
        notify: (after) => {
          const data = { expert: after.expertName, time: parkRange(after.startAt, after.endAt), place: after.place, state: '逾期未记录', note: '' };
          const page = BOOKING_PAGE(after._id);
          const ref = `bookings/${after._id}`;
          return [
            { type: 'appointment.unrecorded', toOpenid: after.bookedBy, template: 'bookingResult', page, ref, data },
            { type: 'appointment.unrecorded', toOpenid: after.expertId, template: 'bookingResult', page, ref, data: { ...data, expert: after.enterpriseName } },
          ];
        },
      }).then(
        () => 1,
        (err) => {
          if (err instanceof AppError && err.code === 'CONFLICT') return 0;
          console.error('appointment: closing unrecorded booking failed', b._id, err);
          return 0;
        },
      ),
    ),
  );
  return { reminded, unrecorded: done.reduce<number>((n, x) => n + x, 0) };
}
