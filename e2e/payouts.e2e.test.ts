/**
 * 红星津贴发放 in a real browser on the h5 build: the admin adds a 党务工作者 from a finalised
 * branch's 花名册 to last quarter's payout list (org.addPayoutRecipient had no button before), the
 * row appears 待审批 with the branch's frozen amount, and the admin approves it. The seed finalises
 * last quarter relative to now, so nothing here depends on today's date.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { previousQuarter, quarterOf } from '../cloudfunctions/org/scoring';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(180_000);

const e2e = useE2E();

const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const chip = (page: Page, text: string) => page.locator('.rp-pick-chip').filter({ visible: true }).filter({ hasText: text }).first();
const box = (page: Page, label: string) => page.locator('.rp-textbox').filter({ visible: true }).filter({ hasText: label }).locator('input').first();

test('the_admin_adds_a_party_worker_from_the_roster_to_last_quarters_payouts_and_approves_the_row', async () => {
  const q = previousQuarter(quarterOf());
  const listed = ok(await e2e.gw.call('org', 'listPayouts', { quarter: q }, 'demo-admin'));
  const branch = listed.rows[0] ?? listed.withoutRows[0];
  expect(branch).toBeTruthy();
  const taken = new Set(listed.rows.filter((r: { branchId: string }) => r.branchId === branch.branchId).map((r: { name: string }) => r.name));
  const roster = ok(await e2e.gw.call('party', 'listMembers', { branchId: branch.branchId }, 'demo-admin')).rows as { id: string; name: string }[];
  const pick = roster.find((m) => !taken.has(m.name));
  expect(pick).toBeTruthy();

  const page = await newPhonePage(e2e.browser);
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '党务管理员 · 王建国').click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
  await page.goto(`${e2e.gw.url}/#/packages/org/payouts/index`);
  await visible(page, '累计已发放（元）').waitFor();
  await visible(page, '增加发放对象', true).click();
  await chip(page, branch.branchName).click();
  await box(page, '搜索姓名').fill(pick!.name);
  await chip(page, pick!.name).click();
  await box(page, '增加原因').fill('党务专干，负责支部台账');
  await page.locator('#payout-add').getByText('增加', { exact: true }).click();
  await visible(page, `已增加 ${pick!.name}`).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'payouts-added.png'), fullPage: true });

  const after = ok(await e2e.gw.call('org', 'listPayouts', { quarter: q }, 'demo-admin'));
  const row = after.rows.find((r: { name: string; branchId: string }) => r.name === pick!.name && r.branchId === branch.branchId);
  expect(row).toMatchObject({ source: 'roster', state: 'pending', amount: branch.amount ?? branch.allowance });

  // The new row is approved on the page like any other.
  const card = page.locator('.rp-card').filter({ visible: true }).filter({ hasText: pick!.name }).filter({ hasText: '管理员增加' }).first();
  await card.getByText('审批', { exact: true }).click();
  await page.locator('.nut-dialog-footer-ok').filter({ visible: true }).first().click();
  await visible(page, '已审批').first().waitFor();
  const approved = ok(await e2e.gw.call('org', 'listPayouts', { quarter: q }, 'demo-admin')).rows.find((r: { id: string }) => r.id === row.id);
  expect(approved.state).toBe('approved');
});
