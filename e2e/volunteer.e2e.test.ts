/**
 * 志愿服务 in a real browser on the h5 build, three people on three phones: a visitor signs up for
 * an activity with two places, a Party member takes the last place, an enterprise contact joins the
 * waitlist (候补第 1 位); the visitor cancels and the waiting person is promoted at once (and gets a
 * message in the outbox). Screenshots go to artifacts/e2e/volunteer-*.png.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(150_000);

const env = useE2E();

/** Screenshot once Taro's page slide-in has finished (it is not part of what is tested). */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(ARTIFACTS, `volunteer-${name}.png`), fullPage: true });
}

async function phoneOf(title: string): Promise<Page> {
  const page = await newPhonePage(env.browser);
  await page.goto(`${env.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
  return page;
}

const TITLE = '周末科普志愿服务：垃圾分类进社区';

test('a_visitor_signs_up_a_member_fills_the_last_place_a_third_waits_the_first_cancels_and_the_third_is_promoted', async () => {
  const at = (min: number) => dayjs().tz(PARK_TZ).add(min, 'minute').format('YYYY-MM-DD HH:mm');
  const made = await env.gw.call('volunteer', 'createActivity', {
    title: TITLE, teamId: 'vt-yuanzhifan', category: '科普', tags: ['科普', '社区'], place: '星河湾社区文化广场',
    description: '在社区广场设置垃圾分类科普展台，志愿者负责讲解和互动游戏。', startAt: at(2 * 24 * 60), endAt: at(2 * 24 * 60 + 150), capacity: 2,
  }, 'demo-admin');
  expect(made.body.ok).toBe(true);
  const id: string = made.body.data.id;
  const detail = `${env.gw.url}/#/packages/volunteer/detail/index?id=${id}`;

  // 陈晓 (visitor): 服务 → 志愿服务 → the activity → 立即报名.
  const first = await phoneOf('群众/职工 · 陈晓');
  await visible(first, /^服务$/).click();
  await visible(first, '志愿服务', true).click();
  await visible(first, '只看我能报名的活动').waitFor();
  await visible(first, TITLE).waitFor();
  await shot(first, '1-list');
  await visible(first, TITLE).click();
  await visible(first, '剩余 2 个名额（共 2 个）').waitFor();
  await visible(first, '立即报名', true).click();
  await visible(first, '我的报名').waitFor();
  await visible(first, /^报名成功。/).waitFor();
  await shot(first, '2-first-signed-up');

  // 张卫东 (member) takes the last place.
  const second = await phoneOf('党员 · 张卫东');
  await second.goto(detail);
  await visible(second, '剩余 1 个名额（共 2 个）').waitFor();
  await visible(second, '立即报名', true).click();
  await visible(second, /^报名成功。/).waitFor();
  await visible(second, '名额已满，可报名候补').waitFor();
  await shot(second, '3-last-place-taken');

  // 孙磊 (enterprise contact) finds it full and joins the waitlist.
  const third = await phoneOf('企业联系人 B · 孙磊');
  await third.goto(detail);
  await visible(third, '名额已满，可报名候补').waitFor();
  await visible(third, '报名候补', true).click();
  await visible(third, '候补第 1 位', true).waitFor();
  await visible(third, /前面还有 0 人/).waitFor();
  await shot(third, '4-waitlisted');

  // 陈晓 cancels (with a confirmation) …
  await first.reload();
  await visible(first, '取消报名', true).click();
  await visible(first, /名额会立即递补给候补的志愿者/).waitFor();
  await shot(first, '5-cancel-confirm');
  await visible(first, '确定取消', true).click();
  // The place went straight to the waiting person: for 陈晓 the activity is full again.
  await visible(first, '报名候补', true).waitFor();
  await visible(first, '名额已满，可报名候补').waitFor();
  await shot(first, '6-first-cancelled');

  // … and 孙磊 now holds the place.
  await third.reload();
  await visible(third, /^候补成功，您已确认参加/).waitFor();
  await visible(third, '已报名', true).waitFor();
  await shot(third, '7-promoted');

  const rows = (await col('volunteerRegistrations').where({ activityId: id }).get()).data;
  const state = Object.fromEntries(rows.map((r) => [r.openid, r.status]));
  expect(state).toEqual({ 'demo-visitor': 'cancelled', 'demo-member': 'confirmed', 'demo-enterprise-b': 'confirmed' });
  const [a] = (await col('volunteerActivities').doc(id).get()).data;
  expect(a).toMatchObject({ capacity: 2, confirmed: 2, left: 0, waiting: 0, debt: 0 });
  expect((await col('outbox').where({ type: 'volunteer.promoted', toOpenid: 'demo-enterprise-b' }).count()).total).toBe(1);
});

test('the_organiser_sees_who_came_settles_a_missing_sign_out_and_volunteers_see_their_hours_and_the_ranking', async () => {
  // The seeded past activity: five signed in (one never signed out, one settled), one no-show.
  const admin = await phoneOf('党务管理员 · 王建国');
  await admin.goto(`${env.gw.url}/#/packages/volunteer/roster/index?id=va-fuwu`);
  await visible(admin, '确认参加（6）').waitFor();
  await visible(admin, '缺签退', true).first().waitFor();
  await shot(admin, '8-roster');
  const card = admin.locator('.vo-person').filter({ visible: true }).filter({ hasText: '何雨桐' }).first();
  await card.getByText('确认至活动结束', { exact: true }).click();
  await card.getByText('已计时长', { exact: true }).waitFor();
  await shot(admin, '9-roster-settled');
  const reg = (await col('volunteerRegistrations').doc('seed-va-fuwu-seed-vol-02').get()).data[0];
  expect(reg).toMatchObject({ hours: 'confirmed', minutes: 210 - 1 });

  const visitor = await phoneOf('群众/职工 · 陈晓');
  await visitor.goto(`${env.gw.url}/#/packages/volunteer/hours/index`);
  await visible(visitor, '7 小时 10 分', true).waitFor();
  await shot(visitor, '10-my-hours');
  await visitor.goto(`${env.gw.url}/#/packages/volunteer/ranking/index`);
  await visible(visitor, '陈晓（我）').waitFor();
  await shot(visitor, '11-ranking');
});
