/**
 * The day-before reminder of volunteer activities (S-15, volunteer/remind.ts): each confirmed
 * person once, whatever the number of timer runs; nobody on the waitlist; a late sign-up on the next
 * run; nothing before 09:00. The timer's clock is passed in (a park day relative to today), never a
 * literal date.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { addDays, dayStart, parkDay } from '../../server/core/time';
import { makeActivity, ok, people } from '../../local/volunteer.testkit';
import { remindTomorrow, volunteerReminderId } from './remind';
import { main } from './function';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const HOUR = 3600_000;
const signUp = (activityId: string, who: string) => gw.call('volunteer', 'signUp', { activityId }, who);
/** The activity's day: three park days from today, so sign-up is open now. */
const activityDay = addDays(parkDay(), 3);
const theDayBefore = (hour: number) => new Date(dayStart(addDays(activityDay, -1)).getTime() + hour * HOUR);
const reminders = async (activityId: string) =>
  (await col('outbox').where({ type: 'volunteer.reminder', page: `packages/volunteer/detail/index?id=${activityId}` }).get()).data;

test('each_confirmed_volunteer_is_reminded_once_the_day_before_not_the_waitlist_and_a_late_sign_up_on_the_next_run', async () => {
  const startMs = dayStart(activityDay).getTime() + 14 * HOUR;
  const id = await makeActivity(gw, { capacity: 2, place: '星河湾社区广场' }, Math.round((startMs - Date.now()) / 60_000));
  // Exactly 14:00–16:00: the offset in minutes above can land a minute early when seconds pass.
  const pinned = { startAt: new Date(startMs), endAt: new Date(startMs + 2 * HOUR) };
  const [act] = (await col('volunteerActivities').doc(id).get()).data;
  await Promise.all([col('volunteerActivities').doc(id).update(pinned), col('events').doc(act.eventId).update(pinned)]);
  const [a, b, waiting, late] = await people(gw, 4, 'remind');
  for (const who of [a, b, waiting]) await ok(signUp(id, who));

  // Before 09:00 of the day before: nothing yet; two days before: nothing either.
  await remindTomorrow(theDayBefore(8));
  await remindTomorrow(new Date(theDayBefore(10).getTime() - 24 * HOUR));
  expect(await reminders(id)).toHaveLength(0);

  // Two overlapping runs and a later one: one row per confirmed person.
  await Promise.all([remindTomorrow(theDayBefore(9.5)), remindTomorrow(theDayBefore(9.5))]);
  await remindTomorrow(theDayBefore(9.7));
  const rows = await reminders(id);
  expect(rows.map((r) => r.toOpenid).sort()).toEqual([a, b].sort());
  const regA = (await col('volunteerRegistrations').where({ activityId: id, openid: a }).get()).data[0];
  expect(rows.find((r) => r.toOpenid === a)).toMatchObject({
    _id: volunteerReminderId(regA._id, activityDay),
    template: 'volunteerReminder',
    sendIf: { status: 'confirmed' },
    data: { title: '测试志愿活动', place: '星河湾社区广场', time: expect.stringMatching(/14:00–16:00$/) },
  });

  // b cancels: the waitlisted person moves up; a late sign-up joins the waitlist. The next run
  // reminds the promoted person, and nobody twice.
  await ok(gw.call('volunteer', 'cancel', { activityId: id }, b));
  await ok(signUp(id, late));
  await remindTomorrow(theDayBefore(11));
  const after = await reminders(id);
  expect(after.map((r) => r.toOpenid).sort()).toEqual([a, b, waiting].sort());
  expect(after.filter((r) => r.toOpenid === late)).toHaveLength(0);
});

test('the_volunteer_timer_queues_the_reminders_of_tomorrows_activities', async () => {
  // The timer runs on the real clock: an activity tomorrow at a late hour, reminded today only
  // once it is past 09:00 in the park (the test accepts either side of that hour).
  const tomorrow = addDays(parkDay(), 1);
  const startMs = dayStart(tomorrow).getTime() + 23 * HOUR;
  const id = await makeActivity(gw, { capacity: 3 }, Math.round((startMs - Date.now()) / 60_000));
  const [who] = await people(gw, 1, 'remind-timer');
  await ok(signUp(id, who));
  const report = (await main({ Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() } as never, {})) as any;
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  expect(await reminders(id)).toHaveLength(hour >= 9 ? 1 : 0);
  expect(JSON.stringify(report)).toContain('reminders');
});
