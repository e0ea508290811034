/**
 * The admin console in a real browser on the h5 build: an admin opens 数据看板 (charts drawn on
 * canvas), exports the enterprise ledger (a real .xlsx download, read back with exceljs), and
 * imports a small file with one bad row and sees its row number and reason. Screenshots in
 * artifacts/e2e/admin-*.png.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Page } from 'playwright-core';
import { col } from '../server/core/db';
import { ARTIFACTS, newPhonePage, screenshot, useE2E, visible } from './browser';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Workbook = require('exceljs/lib/doc/workbook');

jest.setTimeout(120_000);

const e2e = useE2E();

async function asAdmin(route: string): Promise<Page> {
  const page = await newPhonePage(e2e.browser);
  await page.goto(`${e2e.gw.url}/#${route}`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '党务管理员 · 王建国').click();
  return page;
}

/** How many pixels of a canvas are drawn (not white or transparent). */
const drawnPixels = (page: Page, n: number) =>
  page.evaluate((i) => {
    const canvases = Array.from(document.querySelectorAll('canvas')).filter((c) => c.offsetParent !== null);
    const c = canvases[i] as HTMLCanvasElement | undefined;
    if (!c) return -1;
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let drawn = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p + 3] > 0 && (data[p] < 240 || data[p + 1] < 240 || data[p + 2] < 240)) drawn++;
    return drawn;
  }, n);

test('admin_opens_the_dashboard_and_sees_the_charts', async () => {
  // Two rated bookings yesterday, so the team and state charts have something to draw.
  const at = new Date(Date.now() - 24 * 3600_000);
  for (const [i, team, name, score] of [[1, 'team-legal', '法律', 5], [2, 'team-finance', '金融', 4]] as const) {
    await col('bookings').add({
      _id: `e2e-adm-${i}`, slotId: `e2e-slot-${i}`, slotTurn: `e2e-slot-${i}#1`, expertId: 'demo-expert-legal', expertName: '周文', teamId: team, teamName: name,
      enterpriseId: 'ent-a', enterpriseName: '星河智能', bookedBy: 'demo-enterprise-a', bookedByName: '李娜', startAt: at, endAt: at, mode: 'venue', place: '大厅',
      kind: 'bookable', rovingDayId: null, topic: '政策咨询', note: '', state: 'rated', history: [], serviceRecord: '已解答', score, comment: '满意', cancelReason: null,
      createdAt: at, updatedAt: at,
    });
  }
  const page = await asAdmin('/packages/admin/dashboard/index');
  await visible(page, '每日到访', true).waitFor();
  for (const t of ['到访人次', '各场所到访人次', '各服务团预约与服务', '各服务团满意度', '预约状态分布']) await visible(page, t, true).waitFor();
  await visible(page, '平均满意度', true).waitFor();
  await page.waitForTimeout(500);
  for (let i = 0; i < 4; i++) expect(await drawnPixels(page, i)).toBeGreaterThan(500);
  await screenshot(page, 'admin-dashboard');
  await visible(page, '预约状态分布', true).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-dashboard-appointments.png') });

  // Study completion by group (the seed's two groups have this month's topic), coverage by form
  // and the star distribution of the seed's finalised quarter: charts 5–7, each drawn.
  for (const t of ['党组织覆盖率', '单独组建率']) await visible(page, t, true).waitFor();
  await visible(page, /^各学习小组完成率/).waitFor();
  await visible(page, /^企业党组织覆盖（共 \d+ 家）$/).waitFor();
  await visible(page, /^星级评定分布（\d{4}年第.季度，\d+ 个党组织）$/).waitFor();
  for (let i = 5; i < 8; i++) expect(await drawnPixels(page, i)).toBeGreaterThan(500);
  await visible(page, /^各学习小组完成率/).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-dashboard-study-coverage.png') });
  // The title is already on screen under the coverage chart: scroll it to the top so the bars are in the picture.
  await visible(page, /^星级评定分布/).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-dashboard-stars.png') });
});

test('admin_exports_the_enterprise_ledger_as_an_excel_file', async () => {
  const page = await asAdmin('/packages/admin/export/index');
  await visible(page, '企业台账（五清）', true).waitFor();
  const row = page.locator('.adm-item').filter({ hasText: '企业台账（五清）' }).filter({ visible: true }).first();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByText('导出', { exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/^企业台账（五清）_\d{8}\.xlsx$/);
  const file = path.join(ARTIFACTS, 'admin-enterprises.xlsx');
  await download.saveAs(file);
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  expect(ws.getRow(1).getCell(1).value).toBe('企业台账（五清）');
  expect((ws.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['企业名称', '统一社会信用代码', '所属行业']);
  expect(ws.rowCount - 3).toBe((await col('enterprises').count()).total);
  await visible(page, /^已导出 \d+ 条/).waitFor();
  await screenshot(page, 'admin-export');
});

test('admin_imports_a_file_with_one_bad_row_and_sees_the_reason', async () => {
  const t = (await e2e.gw.call('admin', 'importTemplate', {}, 'demo-admin')).body.data;
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(t.base64, 'base64'));
  const ws = wb.worksheets[0];
  ws.getRow(3).values = ['晨光生物医药有限公司', '91350100M000100Y43', '生物医药', '64', '2017-09-01', '高新技术企业'];
  ws.getRow(4).values = ['青禾农业科技有限公司', '', '其他', '二十', '2020-05-06', ''];
  ws.getRow(5).values = ['蓝海跨境电商有限公司', '', '商务服务', '18', '2022-03-15', ''];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-import-')), '企业导入.xlsx');
  await wb.xlsx.writeFile(file);

  const page = await asAdmin('/packages/admin/import/index');
  await visible(page, '下载导入模板', true).waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '选择 Excel 文件并导入', true).click()]);
  await chooser.setFiles(file);
  await visible(page, /导入完成/).waitFor();
  await visible(page, '共 3 行：合格 2 行（已写入 2 行，新增 2、更新 0），未导入 1 行').waitFor();
  await visible(page, '第 4 行 · 青禾农业科技有限公司').waitFor();
  await visible(page, '「从业人员」应为 1 至 100000 的整数').waitFor();
  await screenshot(page, 'admin-import');
  expect((await col('enterprises').where({ name: '晨光生物医药有限公司' }).count()).total).toBe(1);
  expect((await col('enterprises').where({ name: '青禾农业科技有限公司' }).count()).total).toBe(0);
});

test('admin_browses_the_audit_log_and_a_role_revoke_asks_for_confirmation', async () => {
  const page = await asAdmin('/packages/admin/audit/index');
  await visible(page, '管理后台', true).click();
  await visible(page, '管理后台 · 导入企业', true).waitFor();
  await visible(page, /enterprises\/import\//).waitFor();
  await screenshot(page, 'admin-audit');

  const users = await asAdmin('/packages/admin/users/index');
  await users.locator('input').filter({ visible: true }).first().fill('demo-expert-legal');
  await visible(users, '搜索', true).click();
  await visible(users, 'demo-expert-legal', true).waitFor();
  await visible(users, '服务专家 ×', true).click();
  await visible(users, '确认撤销角色', true).waitFor();
  await visible(users, /将撤销 .+ 的“服务专家”角色/).waitFor();
  await screenshot(users, 'admin-users-confirm');
  await visible(users, '再想想', true).click();
  const me = await e2e.gw.call('user', 'me', {}, 'demo-expert-legal');
  expect(me.body.data.roles).toContain('expert');
});

test('admin_sees_per_template_messages_owed_vs_deliverable_and_why_undelivered_ones_failed', async () => {
  const now = new Date();
  const row = { type: 'test', data: {}, page: '', ref: 'e2e/outbox', attempts: 1, createdAt: now };
  await col('outbox').add({ ...row, _id: 'e2e-ob-owed', toOpenid: 'demo-enterprise-a', template: 'demandProgress', dueAt: new Date(now.getTime() + 86400_000), status: 'pending' });
  await col('outbox').add({ ...row, _id: 'e2e-ob-failed', toOpenid: 'demo-member', template: 'studyReminder', dueAt: now, status: 'failed', failedReason: '用户未授权订阅该消息', finishedAt: now });
  const page = await asAdmin('/packages/admin/outbox/index');
  await visible(page, '各类消息：待发与可送达', true).waitFor();
  for (const t of ['诉求办理进度', '学习提醒', '预约进度']) await visible(page, t).waitFor();
  expect(await page.getByText(/待发 \d+ · 可送达 \d+ · 有授权 \d+ 人/).count()).toBeGreaterThanOrEqual(9);
  await visible(page, '用户未授权订阅该消息：').waitFor();
  await screenshot(page, 'admin-outbox');
});
