/**
 * Fair, private no-show handling for volunteers (S-12): the volunteer timer marks the no-shows of
 * ended activities, two unexcused ones within 90 days pause the person's sign-ups for 7 days
 * (told only to them), and an organiser's excuse lifts it at once. Every date is relative to now.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { codeOf, makeActivity, moveActivity, ok, people } from '../../local/volunteer.testkit';
import { main } from './function';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const DAY = 86_400_000;
const signUp = (activityId: string, who: string) => gw.call('volunteer', 'signUp', { activityId }, who);
const runTimer = () => main({ Type: 'Timer', TriggerName: 'reconcile', Time: new Date().toISOString() } as never, {});

/** `who` signs up (confirmed), then the activity is moved to have ended `daysAgo` days ago, unattended. */
async function missed(who: string, daysAgo: number): Promise<string> {
  const id = await makeActivity(gw, { capacity: 5 });
  await ok(signUp(id, who));
  await moveActivity(id, Date.now() - daysAgo * DAY - 3 * 3600_000, 120);
  return id;
}
const rowOf = async (activityId: string, openid: string) => (await col('volunteerRegistrations').where({ activityId, openid }).get()).data[0];

test('the_volunteer_timer_marks_confirmed_people_who_never_signed_in_once_the_activity_has_ended', async () => {
  const [who] = await people(gw, 1, 'ns-timer');
  const id = await missed(who, 1);
  await runTimer();
  expect(await rowOf(id, who)).toMatchObject({ noShow: true, noShowAt: expect.any(Date) });
  expect((await col('volunteerActivities').doc(id).get()).data[0].noShowsMarkedAt).toBeTruthy();
});

test('two_unexcused_no_shows_in_90_days_pause_sign_ups_for_7_days_told_only_to_the_person_until_an_organiser_excuses_one', async () => {
  const [who, other] = await people(gw, 2, 'ns-cool');
  const first = await missed(who, 25);
  await missed(who, 2);
  await runTimer();
  const next = await makeActivity(gw, { capacity: 5 });
  const refused = (await signUp(next, who)).body;
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('CLOSED');
  expect(refused.error.message).toMatch(/^您近 90 天内有 2 次未到场/);
  expect(refused.error.message).toMatch(/暂停报名志愿活动至 \d+月\d+日 \d\d:\d\d/);
  expect(refused.error.message).toMatch(/组织者或党群服务中心/);
  // Nothing was taken, and nobody else is affected.
  expect((await col('volunteerActivities').doc(next).get()).data[0]).toMatchObject({ confirmed: 0, left: 5 });
  expect((await ok(signUp(next, other))).status).toBe('confirmed');

  const row = await rowOf(first, who);
  expect(await codeOf(gw.call('volunteer', 'excuseNoShow', { registrationId: row._id, reason: '已提前电话请假' }, who))).toBe('FORBIDDEN');
  await ok(gw.call('volunteer', 'excuseNoShow', { registrationId: row._id, reason: '已提前电话请假' }, 'demo-admin'));
  expect((await col('audit').where({ fn: 'volunteer', action: 'excuseNoShow', target: `volunteerRegistrations/${row._id}` }).get()).data).toHaveLength(1);
  expect(await rowOf(first, who)).toMatchObject({ noShow: true, noShowExcused: { reason: '已提前电话请假' } });
  expect((await ok(signUp(next, who))).status).toBe('confirmed');
});

test('the_pause_ends_7_days_after_the_later_no_show_was_recorded', async () => {
  const [who] = await people(gw, 1, 'ns-ends');
  const ids = [await missed(who, 20), await missed(who, 10)];
  await runTimer();
  const next = await makeActivity(gw, { capacity: 5 });
  expect(await codeOf(signUp(next, who))).toBe('CLOSED');
  await Promise.all(ids.map(async (id) => col('volunteerRegistrations').doc((await rowOf(id, who))._id).update({ noShowAt: new Date(Date.now() - 7 * DAY - 60_000) })));
  expect((await ok(signUp(next, who))).status).toBe('confirmed');
});

test('the_cool_down_sees_the_latest_no_show_even_behind_ten_older_ones', async () => {
  // Ten no-shows recorded long enough ago that they alone would not pause anyone any more, stored
  // first, then one recorded an hour ago: the query must read the latest, not any ten.
  const [who] = await people(gw, 1, 'ns-many');
  const old = Array.from({ length: 10 }, (_, i) => ({
    activityId: `ns-many-old-${i}`,
    activeKey: `ns-many-old-${i}:${who}`,
    openid: who,
    status: 'confirmed',
    noShow: true,
    startAt: new Date(Date.now() - (60 + i) * DAY),
    endAt: new Date(Date.now() - (60 + i) * DAY + 3600_000),
    noShowAt: new Date(Date.now() - (30 + i) * DAY),
  }));
  await col('volunteerRegistrations').add(old);
  await col('volunteerRegistrations').add({
    activityId: 'ns-many-recent', activeKey: `ns-many-recent:${who}`, openid: who, status: 'confirmed', noShow: true,
    startAt: new Date(Date.now() - 2 * DAY), endAt: new Date(Date.now() - 2 * DAY + 3600_000), noShowAt: new Date(Date.now() - 3600_000),
  });
  const next = await makeActivity(gw, { capacity: 5 });
  expect(await codeOf(signUp(next, who))).toBe('CLOSED');
});
