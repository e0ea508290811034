/**
 * The confirm deadline of a request (S-08), a step of the appointment timer. A `requested`
 * booking nobody confirmed would otherwise stay silent until it expires at its start:
 *
 *   remind    RULES.confirmRemindHours before the start (and the request at least
 *             confirmGraceMinutes old — the booking notice was the first ask): one message to the
 *             expert;
 *   escalate  RULES.confirmEscalateHours before the start (and the reminder at least
 *             confirmGraceMinutes old, so the expert always has had a chance): one message to
 *             each admin.
 * Once each, as closeUnrecorded does it: the outbox row has a fixed id (keyed by the booking's
 * `moves`, so a moved booking gets its own deadline), the insert is the "once", and only then is the
 * booking marked (`confirmRemindedAt` / `confirmEscalatedAt`, conditional on still requested and
 * not yet marked). A run that dies between the two is finished by the next; a second run finds
 * the row there (duplicate) and just marks. A request confirmed meanwhile is not marked, and its
 * queued message is dropped at send time (`sendIf: requested`).
 *
 * Database calls per run: 2 queries, then per booking 1 insert and 1 conditional update (+1 query
 * for the admins when any escalates).
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { enqueueOnce } from '../../server/core/outbox';
import type { BookingDoc } from './docs';
import { adminRecipients, BOOKING_PAGE, parkRange } from './shared';
import { MINUTE, RULES } from './rules';

const BATCH = 50;
const HOUR = 60 * MINUTE;

const key = (b: { _id: string; moves?: number }) => `${b._id}-m${b.moves ?? 0}`;

export async function confirmDeadlines(now: Date): Promise<{ reminded: number; escalated: number }> {
  const _ = cmd();
  const grace = new Date(now.getTime() - RULES.confirmGraceMinutes * MINUTE);
  const [remind, escalate] = await Promise.all([
    col('bookings')
      .where({ state: 'requested', confirmRemindedAt: null, startAt: _.and(_.gt(now), _.lte(new Date(now.getTime() + RULES.confirmRemindHours * HOUR))), updatedAt: _.lte(grace) })
      .orderBy('startAt', 'asc').limit(BATCH).get(),
    col('bookings')
      .where({ state: 'requested', confirmEscalatedAt: null, confirmRemindedAt: _.lte(grace), startAt: _.and(_.gt(now), _.lte(new Date(now.getTime() + RULES.confirmEscalateHours * HOUR))) })
      .orderBy('startAt', 'asc').limit(BATCH).get(),
  ]);

  let reminded = 0;
  for (const b of remind.data) {
    try {
      await enqueueOnce([{
        id: `confirm-remind-${key(b)}`,
        type: 'appointment.confirmReminder', toOpenid: b.expertId, template: 'newBooking', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
        data: { enterprise: b.enterpriseName, topic: b.topic.slice(0, 20), time: parkRange(b.startAt, b.endAt), state: '即将开始，请尽快确认' },
        sendIf: { state: 'requested', slotId: b.slotId },
      }]);
      const { updated } = await col('bookings').where({ _id: b._id, state: 'requested', slotId: b.slotId, confirmRemindedAt: null }).update({ confirmRemindedAt: now });
      reminded += updated;
    } catch (err) {
      console.error('appointment: confirm reminder failed', b._id, err);
    }
  }

  let escalated = 0;
  if (escalate.data.length) {
    const admins = await adminRecipients();
    for (const b of escalate.data as WithId<BookingDoc>[]) {
      try {
        await enqueueOnce(admins.map((a) => ({
          id: `confirm-late-${key(b)}-${a}`,
          type: 'appointment.confirmOverdue', toOpenid: a, template: 'newBooking', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
          data: { enterprise: b.enterpriseName, topic: `${b.expertName}未确认`.slice(0, 20), time: parkRange(b.startAt, b.endAt), state: '专家仍未确认，请协调' },
          sendIf: { state: 'requested', slotId: b.slotId },
        })));
        const { updated } = await col('bookings').where({ _id: b._id, state: 'requested', slotId: b.slotId, confirmEscalatedAt: null }).update({ confirmEscalatedAt: now });
        escalated += updated;
      } catch (err) {
        console.error('appointment: confirm escalation failed', b._id, err);
      }
    }
  }
  return { reminded, escalated };
}
