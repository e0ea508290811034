/**
 * 党建台账 and 场馆预约 in a real browser on the h5 build: an admin opens the coverage figures and an
 * enterprise's 五清 ledger entry; the secretary records a 主题党日 and its attendees; the branch
 * books a room. Screenshots go to artifacts/e2e/org-*.png.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { dayjs, PARK_TZ } from '../server/core/time';
import { freshOpenid } from '../local/testing';
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
  // 30 of 42 (findings G-12: 单独/联合组建 count with 3+ 正式党员 on the roster; 绿源环保's branch has 2).
  await visible(page, '71.4%').waitFor();
  await shot(page, '1-hub');

  await visible(page, '覆盖率统计').click();
  await visible(page, '分行业').waitFor();
  await visible(page, '计入组织覆盖 30 ÷ 企业 42').waitFor();
  await visible(page, '未达3名正式党员的党组织（1 个）').waitFor();
  await visible(page, '口径说明').waitFor();
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

/** Be `openid` in the h5 app (what 选择演示身份 writes: Taro storage wraps each value as { data }). */
async function actAsOpenid(page: Page, openid: string, label: string) {
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await page.evaluate(([id, name]) => {
    localStorage.setItem('redpark.demo.openid', JSON.stringify({ data: id }));
    localStorage.setItem('redpark.demo.label', JSON.stringify({ data: name }));
  }, [openid, label]);
}

/**
 * A new joint branch and its secretary, so the test owns the quarter's records: the seeded branch's
 * last quarter is finalised (locked), and a meeting 10 days back lands there in a quarter's first days.
 */
async function freshBranch(tag: string) {
  const ok = (r: { body: any }) => {
    expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
    return r.body.data;
  };
  const admin = (action: string, params: unknown) => e2e.gw.call('org', action, params, 'demo-admin');
  const founded = dayjs().tz(PARK_TZ).subtract(5, 'year').format('YYYY-MM-DD');
  const ent = async (n: string) => ok(await admin('createEnterprise', { name: `核实测试${tag}${n}科技有限公司`, industry: '人工智能', foundedAt: founded, headcount: 20 })).id;
  const branchId: string = ok(await admin('upsertBranch', { name: `核实测试${tag}联合党支部`, form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] })).id;
  const secretary = freshOpenid('e2e-sec');
  ok(await e2e.gw.call('user', 'acceptPrivacy', {}, secretary));
  ok(await e2e.gw.call('user', 'updateProfile', { name: `赵书记${tag}` }, secretary));
  ok(await e2e.gw.call('user', 'grantRole', { openid: secretary, role: 'secretary', branchId }, 'demo-admin'));
  return { branchId, secretary, name: `核实测试${tag}联合党支部` };
}

test('a_secretary_enters_a_meeting_late_edits_it_and_an_admin_verifies_it_before_it_counts', async () => {
  const { branchId, secretary, name } = await freshBranch('甲');
  const start = dayjs().tz(PARK_TZ).subtract(10, 'day').hour(9).minute(0);
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  // Entered 10 days after the meeting (the form's date picker is the only way the page differs): waits for 核实.
  const late = (await e2e.gw.call('org', 'createOrgLife', { branchId, kind: '支部党员大会', topic: '补录支部党员大会', startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '线上' }, secretary)).body.data;
  expect(late).toMatchObject({ state: 'pending', pendingReason: 'late' });
  const other = (await e2e.gw.call('org', 'createOrgLife', { branchId, kind: '党课', topic: '补录党课', startAt: fmt(start.add(1, 'day')), endAt: fmt(start.add(1, 'day').add(1, 'hour')), place: '线上' }, secretary)).body.data;

  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAsOpenid(page, secretary, `支部书记 · 赵书记甲`);
  await page.goto(`${e2e.gw.url}/#/packages/org/meeting/index?id=${late.id}`);
  await visible(page, /会后 7 天以上录入，经管理员核实后计入星级评定/).waitFor();
  // The secretary corrects the topic: after the meeting, so the page warns it goes back to 核实.
  await visible(page, '修改记录', true).click();
  await visible(page, '会议开始后修改记录，需经管理员重新核实后才计入星级评定。').waitFor();
  await box(page, '主题').fill('支部党员大会：选举支部委员');
  await shot(page, '17-meeting-edit');
  await visible(page, '保存修改', true).click();
  await visible(page, '支部党员大会：选举支部委员').waitFor();
  await visible(page, /会后修改，经管理员核实后计入星级评定/).waitFor();
  await visible(page, '撤回记录', true).waitFor();

  // The admin opens 组织生活核实 from the console.
  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/admin/index/index`);
  await visible(page, '组织生活核实').click();
  const card = (topic: string) => page.locator('.og-verify').filter({ visible: true }).filter({ hasText: topic }).first();
  await card('支部党员大会：选举支部委员').waitFor();
  await expect(card('支部党员大会：选举支部委员').getByText(name).count()).resolves.toBe(1);
  await card('支部党员大会：选举支部委员').getByText('原因：会后修改了记录').waitFor();
  await card('支部党员大会：选举支部委员').getByText(/录入人 赵书记甲/).waitFor();
  await card('补录党课').getByText('原因：会后 7 天以上补录').waitFor();
  await shot(page, '18-verify-list');

  // Rejecting asks for a reason first.
  await card('补录党课').getByText('不通过', { exact: true }).click();
  await card('补录党课').getByText('确认不通过', { exact: true }).click();
  await card('补录党课').getByText('不通过核实时请填写原因。').waitFor();
  await card('补录党课').locator('.rp-textbox').filter({ hasText: '不通过的原因' }).locator('input').fill('签到记录显示当天未开会');
  await card('补录党课').getByText('确认不通过', { exact: true }).click();
  await card('补录党课').waitFor({ state: 'detached' });
  await card('支部党员大会：选举支部委员').getByText('核实通过', { exact: true }).click();
  await card('支部党员大会：选举支部委员').waitFor({ state: 'detached' });
  await shot(page, '19-verify-done');

  const approved = (await e2e.gw.call('org', 'getOrgLife', { id: late.id }, 'demo-admin')).body.data;
  expect(approved).toMatchObject({ state: 'counted', confirmedBy: 'demo-admin', confirmedByName: '王建国', recordedBy: secretary });
  const rejected = (await e2e.gw.call('org', 'getOrgLife', { id: other.id }, 'demo-admin')).body.data;
  expect(rejected).toMatchObject({ state: 'rejected', reviewNote: '签到记录显示当天未开会' });

  // The secretary withdraws the rejected one; then neither edit nor withdraw is offered.
  await actAsOpenid(page, secretary, `支部书记 · 赵书记甲`);
  await page.goto(`${e2e.gw.url}/#/packages/org/meeting/index?id=${other.id}`);
  await visible(page, '未通过原因：签到记录显示当天未开会').waitFor();
  await visible(page, '撤回记录', true).click();
  await box(page, '撤回原因').fill('当天未开会，误录');
  await visible(page, '确认撤回', true).click();
  await visible(page, '该记录已撤回，不再计入星级评定。').waitFor();
  await expect(visible(page, '修改记录', true).count()).resolves.toBe(0);
  await shot(page, '20-meeting-withdrawn');
  expect(apiErrors).toEqual([]);
});

test('someone_outside_the_branch_scanning_its_meeting_code_is_signed_in_as_a_guest', async () => {
  const { branchId, secretary } = await freshBranch('乙');
  const now = dayjs().tz(PARK_TZ);
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  const rec = (await e2e.gw.call('org', 'createOrgLife', { branchId, kind: '主题党日', topic: '列席测试主题党日', startAt: fmt(now.subtract(10, 'minute')), endAt: fmt(now.add(50, 'minute')), place: '线上' }, secretary)).body.data;
  const scene: string = (await e2e.gw.call('checkin', 'currentCode', { eventId: rec.eventId }, secretary)).body.data.scene;
  const page = await newPhonePage(e2e.browser);
  await actAs(page, '群众/职工 · 陈晓');
  await page.goto(`${e2e.gw.url}/#/packages/checkin/scan/index?scene=${encodeURIComponent(scene)}`);
  await visible(page, '已签到（列席）').waitFor();
  await shot(page, '21-scan-guest');
  const after = (await e2e.gw.call('org', 'getOrgLife', { id: rec.id }, secretary)).body.data;
  expect(after).toMatchObject({ attendees: 0, guests: 1 });
});

test('the_rating_shows_three_meetings_one_lesson_as_required_held_and_missing_per_kind', async () => {
  const page = await newPhonePage(e2e.browser);
  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/org/rating-branch/index?branchId=branch-joint`);
  await visible(page, '评分明细').waitFor();
  await page.locator('.og-table').filter({ visible: true }).first().waitFor();
  await visible(page, '应开').waitFor();
  await visible(page, '支部党员大会').waitFor();
  await shot(page, '22-rating-kinds');
});

test('an_admin_edits_the_rule_table_and_a_stale_save_reloads_it', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/org/index/index`);
  await visible(page, '三会一课规则').click();
  await visible(page, /默认规则|第 \d+ 版/).waitFor();
  const before = (await e2e.gw.call('org', 'getOrgLifeRules', {}, 'demo-admin')).body.data;
  // Another admin saves first (the same table, one version on).
  expect((await e2e.gw.call('org', 'updateOrgLifeRules', { version: before.version, rules: before.rules }, 'demo-admin')).body.ok).toBe(true);
  await box(page, '每季度至少召开（次）').fill('2');
  await visible(page, '保存规则', true).click();
  await visible(page, '规则已被其他管理员修改，已刷新为最新版本，请重新修改后保存。').waitFor();
  await visible(page, `第 ${before.version + 1} 版`, false).waitFor();
  await box(page, '每季度至少召开（次）').fill('1');
  await visible(page, '保存规则', true).click();
  await page.getByText(`已保存为第 ${before.version + 2} 版`).waitFor();
  await shot(page, '23-rules');
  expect((await e2e.gw.call('org', 'getOrgLifeRules', {}, 'demo-admin')).body.data.version).toBe(before.version + 2);
  // The stale save answered 409 (expected here); nothing else failed.
  expect(apiErrors.filter((e) => !e.startsWith('409'))).toEqual([]);
});
