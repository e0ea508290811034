/**
 * The 三会一课 board (F-01) in a real browser on the h5 build: the admin opens it from the 党建 home,
 * filters last quarter's overdue items and exports the park; the demo secretary sees their own
 * branch's list of what is still to hold. Screenshots go to artifacts/e2e/board-*.png.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(180_000);

const e2e = useE2E();

async function shot(page: Page, name: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(ARTIFACTS, `board-${name}.png`), fullPage: true });
}

async function actAs(page: Page, title: string) {
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

const chip = (page: Page, text: string) => page.locator('.rp-pick-chip').filter({ visible: true }).filter({ hasText: text }).first();

function watchApi(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

test('an_admin_filters_the_park_board_and_exports_it_and_a_secretary_sees_what_is_still_to_hold', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/org/index/index`);
  await visible(page, '三会一课落实情况').click();
  await visible(page, '逾期未开').waitFor();
  await visible(page, /只计已核实计入的记录/).waitFor();
  await shot(page, '1-admin-this-quarter');

  // Last quarter (the second quarter chip), overdue only: the seeded branches that fell behind.
  await page.locator('.rp-pick').filter({ visible: true }).first().locator('.rp-pick-chip').nth(1).click();
  await chip(page, '逾期未开').click();
  await page.locator('.og-board').filter({ visible: true }).first().waitFor();
  await visible(page, /逾期未开/).waitFor();
  await shot(page, '2-admin-last-quarter-overdue');
  await visible(page, '导出全园区情况表（Excel）').click();
  await page.waitForTimeout(1500);
  expect(apiErrors).toEqual([]);

  const sec = await newPhonePage(e2e.browser);
  const secErrors = watchApi(sec);
  await actAs(sec, '支部书记 · 李红梅');
  await sec.goto(`${e2e.gw.url}/#/packages/org/board/index`);
  await visible(sec, /前召开|已于 .* 截止/).waitFor();
  await visible(sec, /星河湾产业园联合党支部/).waitFor();
  await shot(sec, '3-secretary-due-list');
  expect(secErrors).toEqual([]);
});
