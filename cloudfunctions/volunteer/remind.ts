/**
 * The day-before reminder (S-15): on the park day before an activity, from REMIND_FROM_HOUR, each
 * person confirmed for it is told once — title, time and place (the template `volunteerReminder`,
 * through 消息中心 always and WeChat where the person granted it).
 *
 * Why it is driven by the registrations, not the activities: a person who signs up (or is promoted
 * from the waitlist) in the evening before is still reminded by the next run, and an activity moved
 * to another day reminds its people again for the new day. Each run reads the confirmed
 * registrations starting tomorrow that are not yet marked reminded for that day:
 *   1. queues one row per registration with a fixed id (`vol-remind:<registration>:<day>`,
 *      server/core/outbox.ts enqueueOnce): two overlapping runs, or a run that died before step 2,
 *      insert the same ids, and the duplicate is the row already there — "once" lives in the
 *      outbox's unique `_id`, not in a read;
 *   2. marks those registrations `remindedFor: <day>`, so the next run does not read them again
 *      (a cost saving only; step 1 is what makes it once).
 * The row carries `sendIf: { status: 'confirmed' }`: a person who cancels between the queueing and
 * the delivery is not reminded of an activity they left.
 *
 * Database calls per run: before REMIND_FROM_HOUR none; otherwise per page of up to PAGE
 * registrations one read, one read of their activities (place), the inserts, one update.
 */
import { cmd, col } from '../../server/core/db';
import { enqueueOnce, type OutboxInput } from '../../server/core/outbox';
import { mapLimit } from '../../server/core/limit';
import { addDays, dayStart, inPark, parkDay, parkRange } from '../../server/core/time';
import { ACTIVITY_PAGE } from './shared';

/** Reminders go out from 09:00 park time of the day before: never a message at midnight. */
export const REMIND_FROM_HOUR = 9;
const PAGE = 500;

export const volunteerReminderId = (registrationId: string, day: string) => `vol-remind:${registrationId}:${day}`;

export async function remindTomorrow(now = new Date()): Promise<{ reminded: number }> {
  if (inPark(now).hour() < REMIND_FROM_HOUR) return { reminded: 0 };
  const _ = cmd();
  const day = addDays(parkDay(now), 1);
  const window = _.and(_.gte(dayStart(day)), _.lt(dayStart(addDays(day, 1))));
  let reminded = 0;
  for (let page = 0; page < 40; page++) {
    const { data: regs } = await col('volunteerRegistrations')
      .where({ status: 'confirmed', startAt: window, remindedFor: _.neq(day) })
      .field({ activityId: true, openid: true, title: true, startAt: true, endAt: true })
      .limit(PAGE)
      .get();
    const rows = regs.filter((r) => r.openid);
    if (!regs.length) break;
    const activityIds = [...new Set(rows.map((r) => r.activityId))];
    const { data: acts } = activityIds.length
      ? await col('volunteerActivities').where({ _id: _.in(activityIds), status: _.neq('cancelled') }).field({ place: true, title: true }).limit(activityIds.length).get()
      : { data: [] };
    const place = new Map(acts.map((a) => [a._id, a]));
    const outbox: (OutboxInput & { id: string })[] = rows.flatMap((r) => {
      const a = place.get(r.activityId);
      if (!a) return []; // cancelled: its people were told that instead
      return [{
        id: volunteerReminderId(r._id, day),
        type: 'volunteer.reminder',
        toOpenid: r.openid,
        template: 'volunteerReminder',
        page: ACTIVITY_PAGE(r.activityId),
        ref: `volunteerRegistrations/${r._id}`,
        sendIf: { status: 'confirmed' },
        data: { title: (a.title || r.title).slice(0, 20), time: parkRange(r.startAt, r.endAt), place: a.place.slice(0, 20) },
      }];
    });
    const chunks: (typeof outbox)[] = [];
    for (let i = 0; i < outbox.length; i += 20) chunks.push(outbox.slice(i, i + 20));
    await mapLimit(chunks, 1, (c) => enqueueOnce(c));
    await col('volunteerRegistrations').where({ _id: _.in(regs.map((r) => r._id)) }).update({ remindedFor: day });
    reminded += outbox.length;
    if (regs.length < PAGE) break;
  }
  return { reminded };
}
