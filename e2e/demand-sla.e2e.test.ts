/**
 * Service levels of demands in a real browser (h5 build against the local gateway):
 *   重办: an enterprise files a demand → the admin assigns it → the handler asks for material (the
 *   clock pauses) → the enterprise answers → the handler resolves → the enterprise rates 不满意 with
 *   a reason → the admin hands the 重办 to another handler → resolved again → rated; the timeline
 *   shows both rounds. Then the admin records the 回访 the 不满意 rating calls for.
 *   投诉建议: a visitor files one from 我的, finds it in 我的投诉建议, and the admin sees it in 诉求管理.
 *   The admin's service-level table and park calendar.
 * Screenshots go to artifacts/e2e/ (sla-*.png).
 */
import type { Page } from 'playwright-core';
import { newPhonePage, screenshot, useE2E, visible } from './browser';

jest.setTimeout(240_000);

const e2e = useE2E();

type Watched = Page & { apiErrors: string[] };

async function newPage(): Promise<Watched> {
  const page = (await newPhonePage(e2e.browser)) as Watched;
  page.apiErrors = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 500) page.apiErrors.push(`${r.status()} ${r.url()}`);
  });
  return page;
}

async function pickIdentity(page: Page, title: string) {
  await page.goto(e2e.gw.url + '/');
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

async function fill(page: Page, placeholder: string, value: string) {
  const box = page.locator(`input[placeholder^="${placeholder}"], textarea[placeholder^="${placeholder}"]`).filter({ visible: true }).first();
  await box.click();
  await box.fill(value);
}

/** Opens a demand from a hub entry of 红色代办 (我的诉求 / 待我办理 / 诉求管理) by its title. */
async function openFromHub(page: Page, entry: string, title: string) {
  await page.goto(e2e.gw.url + '/');
  await visible(page, '红色代办', true).click();
  await visible(page, entry, true).click();
  await visible(page, title).click();
  await visible(page, '办理记录').waitFor();
}

const idFromUrl = (page: Page) => /[?&]id=([^&]+)/.exec(decodeURIComponent(page.url()))?.[1] ?? '';

const TITLE = '员工社保转移办理咨询';
let demandId = '';

test('重办: material asked and answered with the clock paused, 不满意 with a reason, 重办 by another handler, resolved and rated', async () => {
  // 1. The enterprise files a demand.
  const ent = await newPage();
  await pickIdentity(ent, '企业联系人 A · 赵敏');
  await visible(ent, '红色代办', true).click();
  await visible(ent, '提交诉求', true).click();
  await visible(ent, '用工', true).click();
  await fill(ent, '一句话概括', TITLE);
  await fill(ent, '请说明遇到的问题', '新入职员工的社保从外地转入，不清楚需要哪些材料和流程。');
  await visible(ent, '提交诉求', true).click();
  await visible(ent, '办理记录').waitFor();
  await visible(ent, '待分派', true).waitFor();
  await visible(ent, '一般类 · 承诺 5 个工作日内办结').waitFor();
  demandId = idFromUrl(ent);
  expect(demandId).not.toBe('');

  // 2. The admin assigns it to 吴倩.
  const admin = await newPage();
  await pickIdentity(admin, '党务管理员 · 王建国');
  await openFromHub(admin, '诉求管理', TITLE);
  await visible(admin, '吴倩', true).click();
  await visible(admin, '确认分派', true).click();
  await visible(admin, '待受理', true).waitFor();

  // 3. The handler accepts and asks for material: the demand waits for the enterprise, the clock stops.
  const handler = await newPage();
  await pickIdentity(handler, '金融服务专家 · 吴倩');
  await openFromHub(handler, '待我办理', TITLE);
  await visible(handler, '受理', true).click();
  await visible(handler, '要求补充材料').waitFor();
  await fill(handler, '如：请补充近两年财务报表', '请补充员工原参保地的参保缴费凭证。');
  await visible(handler, '发送补充要求', true).click();
  await visible(handler, '待补充材料', true).waitFor();
  await visible(handler, /^计时已暂停/).waitFor();
  await screenshot(handler, 'sla-asked');

  // 4. The enterprise sees the question and why the clock is paused, and answers.
  await ent.reload();
  await visible(ent, '办理人的问题：请补充员工原参保地的参保缴费凭证。').waitFor();
  await visible(ent, '等待企业补充材料期间不计入办理时限，企业补充后继续计时。').waitFor();
  await screenshot(ent, 'sla-waiting');
  await fill(ent, '请回答办理人的问题', '参保缴费凭证已上传至中心邮箱，纸质件明天送到窗口。');
  await visible(ent, '提交补充说明', true).click();
  await visible(ent, '办理中', true).waitFor();
  await visible(ent, /^剩余 .* 个工作日/).waitFor();

  // 5. The handler resolves it.
  await handler.reload();
  await visible(handler, '补充说明 · 赵敏').waitFor();
  await fill(handler, '办结后企业将确认并评价', '已告知转移接续流程，材料齐全可直接办理。');
  await visible(handler, '确认办结', true).click();
  await visible(handler, '已办结待评价', true).waitFor();

  // 6. The enterprise is not satisfied: 2 stars asks for a reason and offers 重办.
  await ent.reload();
  await visible(ent, '确认办结并评价').waitFor();
  await ent.getByLabel('2 星').filter({ visible: true }).first().click();
  await visible(ent, '不满意的原因').waitFor();
  await fill(ent, '请说明哪里不满意', '只给了流程说明，没有协调社保中心办理。');
  await screenshot(ent, 'sla-unsatisfied');
  await visible(ent, '不满意，申请重办', true).click();
  await visible(ent, '不满意待重办', true).waitFor();

  // 7. The admin hands the 重办 to another handler, 周文.
  await admin.reload();
  await visible(admin, '安排重办', true).waitFor();
  await visible(admin, /企业对办理结果不满意：只给了流程说明/).waitFor();
  await visible(admin, '周文', true).click();
  await screenshot(admin, 'sla-redo-assign');
  await visible(admin, '确认重办', true).click();
  await visible(admin, '待受理', true).waitFor();

  // 8. 周文 accepts and resolves it.
  const second = await newPage();
  await pickIdentity(second, '法律服务专家 · 周文');
  await openFromHub(second, '待我办理', TITLE);
  await visible(second, '受理', true).click();
  await visible(second, '办结', true).waitFor();
  await fill(second, '办结后企业将确认并评价', '已陪同企业到社保中心完成转移接续。');
  await visible(second, '确认办结', true).click();
  await visible(second, '已办结待评价', true).waitFor();

  // 9. The enterprise rates it; the timeline shows both rounds.
  await ent.reload();
  await visible(ent, '确认办结并评价').waitFor();
  await ent.getByLabel('5 星').filter({ visible: true }).first().click();
  await visible(ent, '提交评价', true).click();
  await visible(ent, '已评价', true).waitFor();
  await visible(ent, '第 2 轮办理（不满意重办）').waitFor();
  await visible(ent, '第 1 轮办理').waitFor();
  await screenshot(ent, 'sla-rated');

  const done = (await e2e.gw.call('demand', 'get', { id: demandId }, 'demo-admin')).body.data;
  expect(done).toMatchObject({ state: 'rated', score: 5, handlerName: '周文', unsatisfied: true, reopenCount: 1 });
  expect(done.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'askInfo', 'answerInfo', 'resolve', 'redo', 'assign', 'accept', 'resolve', 'rate']);
  for (const p of [ent, admin, handler, second]) expect(p.apiErrors).toEqual([]);
});

test('回访: the 不满意 demand is in this month’s callbacks and the admin records the call', async () => {
  expect(demandId).not.toBe('');
  const admin = await newPage();
  await pickIdentity(admin, '党务管理员 · 王建国');
  await visible(admin, '红色代办', true).click();
  await visible(admin, '回访', true).click();
  await visible(admin, `${TITLE} ›`).waitFor();
  await visible(admin, '不满意必访', true).waitFor();
  await visible(admin, '记录回访 ›').click();
  await visible(admin, '已联系上', true).click();
  await visible(admin, '满意', true).click();
  await fill(admin, '如：电话回访', '电话回访赵敏，重办后问题已解决。');
  await visible(admin, '记录回访', true).click();
  await visible(admin, '已回访', true).waitFor();
  await visible(admin, /已联系，满意：电话回访赵敏/).waitFor();
  await screenshot(admin, 'sla-callback');
  const d = (await e2e.gw.call('demand', 'get', { id: demandId }, 'demo-admin')).body.data;
  expect(d.callback).toMatchObject({ reached: true, satisfied: true });
  expect(admin.apiErrors).toEqual([]);
});

test('投诉建议: a visitor files one from 我的, sees it in 我的投诉建议, and the admin finds it in 诉求管理', async () => {
  const v = await newPage();
  await pickIdentity(v, '群众/职工 · 陈晓');
  await visible(v, /^我的$/).click();
  await visible(v, '投诉建议', true).click();
  await visible(v, '建议', true).click();
  await visible(v, '党群服务中心', true).click();
  await fill(v, '一句话概括', '午休时间窗口无人');
  await fill(v, '请说明时间、地点', '中午12点到13点服务窗口没有人值班，希望安排轮岗。');
  await screenshot(v, 'sla-complaint');
  await visible(v, '提交', true).click();
  await visible(v, '办理记录').waitFor();
  await visible(v, '【建议·党群服务中心】午休时间窗口无人').waitFor();
  await visible(v, '投诉建议类 · 承诺 10 个工作日内办结').waitFor();
  const id = idFromUrl(v);
  expect((await e2e.gw.call('demand', 'get', { id }, 'demo-admin')).body.data).toMatchObject({ kind: '投诉建议', category: '投诉建议', state: 'submitted' });

  await v.goto(e2e.gw.url + '/#/packages/demand/complaints/index');
  await visible(v, '【建议·党群服务中心】午休时间窗口无人').waitFor();

  const admin = await newPage();
  await pickIdentity(admin, '党务管理员 · 王建国');
  await visible(admin, '红色代办', true).click();
  await visible(admin, '诉求管理', true).click();
  await admin.locator('.rp-chip').filter({ hasText: /^投诉建议$/ }).filter({ visible: true }).last().click();
  await visible(admin, '【建议·党群服务中心】午休时间窗口无人').waitFor();
  await screenshot(admin, 'sla-complaint-admin');
  for (const p of [v, admin]) expect(p.apiErrors).toEqual([]);
});

test('关于 names the operator and the 备案 fields', async () => {
  const v = await newPage();
  await pickIdentity(v, '群众/职工 · 陈晓');
  await visible(v, /^我的$/).click();
  await visible(v, '关于', true).click();
  for (const label of ['主办单位', '运营单位', '小程序备案号', '联系电话', '地址']) await visible(v, label, true).waitFor();
  await visible(v, '星河湾产业园党群服务中心', true).waitFor();
  await screenshot(v, 'sla-about');
});

test('the admin edits a service level and marks a holiday on the park calendar', async () => {
  const admin = await newPage();
  await pickIdentity(admin, '党务管理员 · 王建国');
  await visible(admin, '红色代办', true).click();
  await visible(admin, '服务时限与工作日历', true).click();
  await visible(admin, '咨询 · 1 个工作日', true).waitFor();
  await visible(admin, '政策咨询', true).click();
  await fill(admin, '1–60', '2');
  await fill(admin, '如：按园区服务承诺调整', '咨询类多需跨部门确认');
  await visible(admin, '保存时限', true).click();
  await visible(admin, '咨询 · 2 个工作日', true).waitFor();
  // Today (the pickers' default) as a one-day holiday, then back to a plain day.
  await fill(admin, '如：国庆节', '园区活动日');
  await visible(admin, '保存日历', true).click();
  await visible(admin, /· 园区活动日$/).waitFor();
  await screenshot(admin, 'sla-levels');
  await visible(admin, '恢复', true).click();
  await visible(admin, '还没有设置节假日').waitFor();
  expect(admin.apiErrors).toEqual([]);
});
