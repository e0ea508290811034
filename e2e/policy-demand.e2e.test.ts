/**
 * 惠企政策 and 红色代办 in a real browser (h5 build against the local gateway):
 *   an enterprise opens 可享政策 and claims a package → the admin assigns the resulting demand →
 *   the handler accepts, records progress and resolves it → the enterprise rates it.
 * Plus a visitor searching and filtering policies, and the admin's figures. Screenshots go to
 * artifacts/e2e/ (policy-*.png, demand-*.png).
 */
import type { Page } from 'playwright-core';
import { newPhonePage, screenshot, useE2E, visible } from './browser';

jest.setTimeout(180_000);

const e2e = useE2E();

type Watched = Page & { apiErrors: string[] };

/** A phone page that remembers every failed API reply (none is expected). */
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

/** Fills the visible input or textarea whose placeholder starts with `placeholder`. */
async function fill(page: Page, placeholder: string, value: string) {
  const box = page.locator(`input[placeholder^="${placeholder}"], textarea[placeholder^="${placeholder}"]`).filter({ visible: true }).first();
  await box.click();
  await box.fill(value);
}

const demandIdFromUrl = (page: Page) => /[?&]id=([^&]+)/.exec(decodeURIComponent(page.url()))?.[1] ?? '';

test('a_visitor_searches_and_filters_policies_and_reads_one', async () => {
  const page = await newPage();
  await pickIdentity(page, '群众/职工 · 陈晓');
  await visible(page, '政策咨询', true).click();
  await visible(page, '惠企礼包', true).waitFor();
  await visible(page, /共 \d+ 项政策/).waitFor();
  await fill(page, '搜索政策名称或内容', '研发');
  await visible(page, '搜索', true).click();
  await visible(page, /共 \d+ 项政策（含“研发”）/).waitFor();
  await visible(page, '企业研发费用税前加计扣除').waitFor();
  await visible(page, '国家', true).click();
  await visible(page, '共 2 项政策（含“研发”）').waitFor();
  await screenshot(page, 'policy-search');
  await visible(page, '企业研发费用税前加计扣除').click();
  await visible(page, '支持内容').waitFor();
  await visible(page, '匹配条件').waitFor();
  await visible(page, '绑定企业', true).waitFor();
  await screenshot(page, 'policy-detail');
  expect(page.apiErrors).toEqual([]);
});

test('an_enterprise_claims_a_package_the_admin_assigns_it_the_handler_resolves_it_and_the_enterprise_rates_it', async () => {
  // 1. The enterprise opens 可享政策 from 首页 and sees what it matches and what it misses.
  const ent = await newPage();
  await pickIdentity(ent, '企业联系人 B · 孙磊');
  await visible(ent, '查看可享政策').click();
  await visible(ent, /^可享政策（\d+）$/).waitFor();
  await visible(ent, '✓ 所属行业为生物医药').waitFor();
  await visible(ent, '还差：高新技术企业认定').waitFor();
  await screenshot(ent, 'policy-match');

  // 2. It claims 小微企业礼包, asking for 上门代办.
  await visible(ent, '小微企业礼包').click();
  await visible(ent, '礼包内的政策').waitFor();
  await visible(ent, '领取礼包', true).click();
  await visible(ent, '希望的办理方式').waitFor();
  await visible(ent, '上门代办', true).click();
  await fill(ent, '如方便上门的时间', '工作日下午均可上门，材料已备齐。');
  await screenshot(ent, 'policy-claim');
  await visible(ent, '确认领取', true).click();
  await visible(ent, '办理记录').waitFor();
  await visible(ent, '待分派').waitFor();
  const id = demandIdFromUrl(ent);
  expect(id).not.toBe('');
  await screenshot(ent, 'demand-claimed');
  const claimed = (await e2e.gw.call('demand', 'get', { id }, 'demo-enterprise-b')).body.data;
  expect(claimed).toMatchObject({ kind: '代办', packageTitle: '小微企业礼包', proxyMode: '上门代办', description: '工作日下午均可上门，材料已备齐。', state: 'submitted' });

  // 3. The admin finds it among 待分派 and assigns it to the finance expert with a due day.
  const admin = await newPage();
  await pickIdentity(admin, '党务管理员 · 王建国');
  await visible(admin, '红色代办', true).click();
  await visible(admin, '诉求管理', true).click();
  await visible(admin, '领取小微企业礼包').click();
  await visible(admin, '分派办理人', true).waitFor();
  await visible(admin, '吴倩', true).click();
  await visible(admin, '15 天', true).click();
  await screenshot(admin, 'demand-assign');
  await visible(admin, '确认分派', true).click();
  await visible(admin, '待受理', true).waitFor();
  await visible(admin, '分派办理人 · 王建国').waitFor();

  // 4. The handler accepts, records progress and resolves it.
  const handler = await newPage();
  await pickIdentity(handler, '金融服务专家 · 吴倩');
  await visible(handler, '红色代办', true).click();
  await visible(handler, '待我办理', true).click();
  await visible(handler, '领取小微企业礼包').click();
  await visible(handler, '受理', true).click();
  await visible(handler, '记录办理进展').waitFor();
  await fill(handler, '如已联系企业', '已与企业约定本周四上门收取材料。');
  await visible(handler, '提交进展', true).click();
  await visible(handler, '办理进展 · 吴倩').waitFor();
  await fill(handler, '办结后企业将确认并评价', '礼包内6项政策已全部完成申报，担保费补贴已获批。');
  await visible(handler, '确认办结', true).click();
  await visible(handler, '已办结待评价', true).waitFor();
  await screenshot(handler, 'demand-resolved');

  // 5. The enterprise confirms and rates it from 我的诉求.
  await ent.goto(e2e.gw.url + '/');
  await visible(ent, '红色代办', true).click();
  await visible(ent, '我的诉求', true).click();
  await visible(ent, '领取小微企业礼包').click();
  await visible(ent, '确认办结并评价').waitFor();
  await ent.getByLabel('4 星').filter({ visible: true }).first().click();
  await visible(ent, '满意', true).waitFor();
  await fill(ent, '说说您对办理的感受', '上门服务很贴心。');
  await visible(ent, '提交评价', true).click();
  await visible(ent, '已评价', true).waitFor();
  await visible(ent, '确认评价 · 孙磊').waitFor();
  await screenshot(ent, 'demand-rated');

  const done = (await e2e.gw.call('demand', 'get', { id }, 'demo-admin')).body.data;
  expect(done).toMatchObject({ state: 'rated', score: 4, handlerName: '吴倩' });
  expect(done.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'progress', 'resolve', 'rate']);
  for (const p of [ent, admin, handler]) expect(p.apiErrors).toEqual([]);
});

test('the_admin_reads_the_figures', async () => {
  const page = await newPage();
  await pickIdentity(page, '党务管理员 · 王建国');
  await visible(page, '红色代办', true).click();
  await visible(page, '办理统计', true).click();
  await visible(page, '办结率', true).waitFor();
  await visible(page, '按类别', true).waitFor();
  await visible(page, '融资', true).waitFor();
  await screenshot(page, 'demand-stats');
});
