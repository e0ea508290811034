/**
 * 党建台账 and 场馆预约 in a real browser on the h5 build: an admin opens the coverage figures and an
 * enterprise's 五清 ledger entry; the secretary records a 主题党日 and its attendees; the branch
 * books a room. Screenshots go to artifacts/e2e/org-*.png.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { dayjs, PARK_TZ } from '../server/core/time';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(180_000);

const e2e = useE2E();

async function shot(page: Page, name: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(ARTIFACTS, `org-${name}.png`), fullPage: true });
}

async function actAs(page: Page, title: string) {
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

/** The text box labelled `label` on the page being shown. */
const box = (page: Page, label: string, tag = 'input') =>
  page.locator('.rp-textbox').filter({ visible: true }).filter({ hasText: label }).locator(tag).first();

const chip = (page: Page, text: string) => page.locator('.rp-pick-chip').filter({ visible: true }).filter({ hasText: text }).first();

function watchApi(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

test('an_admin_opens_the_coverage_figures_and_an_enterprises_ledger_entry', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '党务管理员 · 王建国');
  await visible(page, '党建台账与覆盖率').click();
  await visible(page, '组织覆盖率').waitFor();
  await visible(page, '78.6%').waitFor();
  await shot(page, '1-hub');

  await visible(page, '覆盖率统计').click();
  await visible(page, '分行业').waitFor();
  await visible(page, '有党组织 33 ÷ 企业 42').waitFor();
  await visible(page, '高端装备制造').waitFor();
  await shot(page, '2-coverage');

  await page.goto(`${e2e.gw.url}/#/packages/org/ledger/index?flag=mismatch`);
  await visible(page, '共 9 家').waitFor();
  await shot(page, '3-ledger-flags');
  await visible(page, '苏州华纳新材料科技有限公司').click();
  await visible(page, '三清：党员情况').waitFor();
  await visible(page, /建议组建形式：单独组建/).waitFor();
  await visible(page, '指派党建指导员').waitFor();
  await shot(page, '4-ledger-entry');
  expect(apiErrors).toEqual([]);
});

test('the_secretary_records_a_theme_day_members_sign_in_with_the_rotating_code_or_are_added_by_hand', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '支部书记 · 李红梅');
  await visible(page, '组织生活记录').click();
  await visible(page, '记录组织生活', true).click();
  await visible(page, '保存并签到').waitFor();
  await box(page, '主题').fill('学习贯彻全会精神，重温入党誓词');
  await box(page, '列席人员（选填').fill('园区团委 王晓');
  await shot(page, '5-orglife-form');
  await visible(page, '保存并签到', true).click();

  // Recorded now, so sign-in is open: the secretary puts the rotating code on the screen.
  await visible(page, '显示签到码', true).click();
  await visible(page, /扫码签到/).waitFor();
  await shot(page, '6-meeting-kiosk');
  const records = (await e2e.gw.call('org', 'listOrgLife', { branchId: 'branch-joint' }, 'demo-secretary')).body.data;
  const rec = records.find((r: { topic: string }) => r.topic === '学习贯彻全会精神，重温入党誓词');
  expect(rec).toMatchObject({ kind: '主题党日', guests: 1 });
  const code = (await e2e.gw.call('checkin', 'currentCode', { eventId: rec.eventId }, 'demo-secretary')).body.data.scene;
  expect((await e2e.gw.call('checkin', 'scan', { code }, 'demo-member')).body.data.status).toBe('ok');

  // Back on the meeting: 张卫东 scanned; the secretary adds 刘芳, who did not.
  await page.goto(`${e2e.gw.url}/#/packages/org/meeting/index?id=${rec.id}`);
  await visible(page, '参会党员（1）').waitFor();
  await visible(page, /^扫码 /).waitFor();
  await chip(page, '刘芳').click();
  await visible(page, '补录', true).click();
  await visible(page, '参会党员（2）').waitFor();
  await visible(page, '书记补录').waitFor();
  await visible(page, '列席人员（1）').waitFor();
  await page.getByText('已补录 1 人').waitFor({ state: 'hidden' });
  await shot(page, '7-meeting-attendees');

  const after = (await e2e.gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary')).body.data;
  expect(after.signedIn.map((a: { name: string; via: string }) => [a.name, a.via]).sort()).toEqual([['刘芳', 'hand'], ['张卫东', 'code']].sort());
  // Members present (2) and 列席 (the guest by name) apart.
  expect(after).toMatchObject({ attendees: 2, guests: 1 });
  expect(apiErrors).toEqual([]);
});

test('the_branch_books_a_room_and_the_admin_sees_it_on_the_days_schedule', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  const day = dayjs().tz(PARK_TZ).add(3, 'day');
  await actAs(page, '支部书记 · 李红梅');
  await visible(page, /^服务$/).click();
  await visible(page, '场馆预约').click();
  await visible(page, '选择场馆').waitFor();
  await shot(page, '8-rooms');
  await visible(page, '党员活动室').click();
  await visible(page, '点选开始和结束的时段（每格半小时，最长 4 小时）').waitFor();
  await chip(page, `${day.month() + 1}/${day.date()}`).click();
  await page.locator('.rm-cell').filter({ visible: true }).filter({ hasText: '15:00' }).first().click();
  await page.locator('.rm-cell').filter({ visible: true }).filter({ hasText: '16:00' }).first().click();
  await visible(page, `已选：${day.format('YYYY-MM-DD')} 15:00–16:30`).waitFor();
  await box(page, '用途').fill('支部主题党日活动');
  await box(page, '参加人数').fill('16');
  await shot(page, '9-book');
  await visible(page, '确认预约', true).click();
  await visible(page, '取消预约').waitFor();
  await visible(page, '待签到', true).waitFor();
  await shot(page, '10-my-bookings');

  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/rooms/schedule/index`);
  await visible(page, /党员活动室（\d+）/).waitFor();
  await chip(page, `${day.month() + 1}/${day.date()}`).click();
  await visible(page, '星河湾产业园联合党支部 · 支部主题党日活动 · 16 人').waitFor();
  await shot(page, '11-schedule');
  expect(apiErrors).toEqual([]);
});

test('an_enterprise_contact_updates_its_own_entry_and_the_change_is_logged_and_the_admin_rates_branches', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '企业联系人 B · 孙磊');
  await visible(page, /^我的$/).click();
  await visible(page, '我的企业台账').click();
  await visible(page, '三清：党员情况').waitFor();
  await visible(page, '更新台账信息', true).click();
  await box(page, '入党积极分子').fill('3');
  await shot(page, '12-entry-edit');
  await visible(page, '保存', true).click();
  await visible(page, '入党积极分子：2 → 3').waitFor();
  await visible(page, /孙磊（企业联系人）/).waitFor();
  await shot(page, '13-entry-change-log');

  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/org/rating/index`);
  await visible(page, '星河湾产业园联合党支部').waitFor();
  await shot(page, '14-rating-sheet');
  await visible(page, '星河湾产业园联合党支部').click();
  await visible(page, '评分明细').waitFor();
  await visible(page, '按记录自动计分').waitFor();
  await shot(page, '15-branch-rating');
  await page.goto(`${e2e.gw.url}/#/packages/org/branches/index`);
  await visible(page, /有党员、尚未建立党组织/).waitFor();
  await shot(page, '16-branches');
  expect(apiErrors).toEqual([]);
});
