/**
 * 支部工作 in a real browser on the h5 build: a secretary's month — registers a member who arrives
 * with a 介绍信 (转入), confirms the pending move into the branch, enters a member's 党费 and marks it
 * paid, and moves a 入党积极分子 of more than a year (set up through the gateway, relative dates) on
 * to 发展对象 with two 培养联系人 chosen from the roster. Screenshots go to artifacts/e2e/party-*.png.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { dayjs, PARK_TZ } from '../server/core/time';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(240_000);

const e2e = useE2E();
const SECRETARY = 'demo-secretary';
const BRANCH = 'branch-joint';

async function shot(page: Page, name: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(ARTIFACTS, `party-${name}.png`), fullPage: true });
}

async function actAs(page: Page, title: string) {
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

const box = (page: Page, label: string) => page.locator('.rp-textbox').filter({ visible: true }).filter({ hasText: label }).locator('input').first();

function watchApi(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

async function call<T = unknown>(action: string, params: Record<string, unknown>): Promise<T> {
  const r = await e2e.gw.call('party', action, params, SECRETARY);
  if (!r.body.ok) throw new Error(`${action}: ${JSON.stringify(r.body)}`);
  return r.body.data as T;
}

test('a_secretarys_month_transfer_in_dues_paid_and_an_activist_of_over_a_year_becomes_a_candidate', async () => {
  const today = dayjs().tz(PARK_TZ);
  const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  // A file whose 积极分子 step is more than a year ago: due to become 发展对象.
  const dev = await call<{ id: string }>('createDevelopment', { name: '孙启航', branchId: BRANCH, appliedOn: day(today.subtract(430, 'day')) });
  await call('advanceDevelopment', { id: dev.id, to: '入党积极分子', on: day(today.subtract(400, 'day')) });
  // The month's first member still to register: the open rows come first.
  const month = await call<{ members: { name: string; status: string }[] }>('duesMonth', { branchId: BRANCH, month: today.format('YYYY-MM') });
  const payer = month.members[0].name;
  expect(month.members[0].status).toBe('未登记');

  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '支部书记 · 李红梅');
  await visible(page, '支部工作').click();
  await visible(page, '党员花名册').waitFor();
  await shot(page, '1-hub');

  // 转入 with a 介绍信.
  await visible(page, '组织关系转接').click();
  await visible(page, '确认转入', true).waitFor();
  await shot(page, '2-transfers');
  // The seeded move from 芯源 into this branch waits for this secretary.
  await visible(page, '确认转入', true).click();
  await page.getByText('确认转入', { exact: true }).filter({ visible: true }).first().waitFor({ state: 'hidden' });
  const decided = await call<{ rows: { id: string; state: string }[] }>('listTransfers', { branchId: BRANCH });
  expect(decided.rows.find((t) => t.id === 'pt-seed-pending')?.state).toBe('confirmed');
  await visible(page, '登记转入', true).click();
  await visible(page, '组织关系转入登记').waitFor();
  await box(page, '姓名').fill('韩明远');
  // A 预备党员 joined recently: no 转正日期 to pick.
  await page.locator('.rp-pick-chip').filter({ visible: true }).filter({ hasText: '预备党员' }).first().click();
  await box(page, '转出党组织').fill('常州市武进区湖塘镇党委');
  const letterNo = `武组转〔${today.year()}〕${Date.now() % 1000}号`;
  await box(page, '介绍信编号').fill(letterNo);
  await shot(page, '3-transfer-in');
  await visible(page, '登记转入', true).click();
  await visible(page, '韩明远').waitFor();
  await visible(page, new RegExp(`介绍信 ${letterNo.replace(/[〔〕]/g, '.')}`)).waitFor();
  await page.goBack();

  // The roster finds the new member.
  await visible(page, '党员花名册').click();
  await page.locator('input[placeholder="姓名或电话"]').filter({ visible: true }).first().fill('韩明远');
  await visible(page, '搜索', true).click();
  await visible(page, '共 1 人').waitFor();
  await visible(page, '韩明远').click();
  await visible(page, '所在支部记录').waitFor();
  await visible(page, '星河湾产业园联合党支部').waitFor();
  await shot(page, '4-member');
  await page.goBack();
  await page.goBack();

  // 党费: the amount, then 标记已缴 today.
  await visible(page, '党费收缴登记').click();
  const card = page.locator('.rp-card').filter({ visible: true }).filter({ hasText: payer }).first();
  await card.waitFor();
  await card.locator('input').first().fill('25.5');
  await card.getByText('保存党费登记', { exact: true }).click();
  await card.getByText('未缴', { exact: true }).waitFor();
  await card.getByText('标记已缴', { exact: true }).click();
  const paid = page.locator('.rp-card').filter({ visible: true }).filter({ hasText: payer }).filter({ hasText: `${day(today)} 缴纳` }).first();
  await paid.waitFor();
  await paid.getByText('已缴', { exact: true }).waitFor();
  await visible(page, /已缴 1，/).waitFor();
  await shot(page, '5-dues');
  const after = await call<{ members: { name: string; status: string; amountFen: number | null; paidOn: string | null }[] }>('duesMonth', { branchId: BRANCH, month: today.format('YYYY-MM') });
  expect(after.members.find((m) => m.name === payer)).toMatchObject({ status: '已缴', amountFen: 2550, paidOn: day(today) });
  await page.goBack();

  // 发展: the due list names the activist; two contacts from the roster, today's date.
  await visible(page, '发展党员').click();
  await visible(page, '孙启航').waitFor();
  await visible(page, '可列为发展对象').waitFor();
  await shot(page, '6-development');
  await visible(page, '孙启航').click();
  await visible(page, '推进到“发展对象”').waitFor();
  const chips = page.locator('.rp-pick-chip').filter({ visible: true });
  await chips.nth(0).click();
  await chips.nth(1).click();
  await shot(page, '7-advance');
  await visible(page, '推进发展步骤', true).click();
  await visible(page, '推进到“预备党员”').waitFor();
  const file = await call<{ record: { stage: string; contacts: unknown[] } }>('developmentFile', { id: dev.id });
  expect(file.record.stage).toBe('发展对象');
  expect(file.record.contacts).toHaveLength(2);
  await shot(page, '8-file');
  expect(apiErrors).toEqual([]);
});
