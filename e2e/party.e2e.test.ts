/**
 * 支部工作 in a real browser on the h5 build: a secretary's month — registers a member who arrives
 * with a 介绍信 (转入, its date picked in the date picker), confirms the pending move into the
 * branch, gives the new member a 工作单位 from the searchable enterprise picker, enters a member's
 * 党费 and marks it paid, and moves a 入党积极分子 of more than a year (set up through the gateway,
 * relative dates) on to 发展对象 with two 培养联系人 found by name in the roster. Then the 花名册导入
 * page takes a real .xlsx built here (exceljs): one bad row listed with its reason, one row
 * imported after 确认. Screenshots go to artifacts/e2e/party-*.png.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Page } from 'playwright-core';
import { dayjs, PARK_TZ } from '../server/core/time';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Workbook = require('exceljs/lib/doc/workbook');

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

/**
 * Opens the date picker of the row titled `title` (Taro h5's weui picker), drags its year column one
 * line down — the year before, same month and day — and taps 确定. Returns the day the row then shows.
 */
async function pickYearBefore(page: Page, title: string): Promise<string> {
  await page.locator('.rp-row-item').filter({ visible: true }).filter({ hasText: title }).first().click();
  // The overlay itself has no box (its children are fixed): the sliding sheet is what shows.
  const sheet = page.locator('.weui-picker').filter({ visible: true }).first();
  await sheet.waitFor();
  const year = sheet.locator('.weui-picker__group').first();
  const content = year.locator('.weui-picker__content');
  const offset = () => content.evaluate((el) => (el as HTMLElement).style.transform);
  // The sheet slides up; a drag that starts while it moves can miss the column (CI saw the year
  // unchanged on a loaded machine). Wait until its box holds still, then drag until the column moves.
  let last = '';
  for (let i = 0; i < 20; i += 1) {
    const now = JSON.stringify(await year.boundingBox());
    if (now === last) break;
    last = now;
    await page.waitForTimeout(100);
  }
  const before = await offset();
  for (let attempt = 0; attempt < 3 && (await offset()) === before; attempt += 1) {
    const b = (await year.boundingBox())!;
    const x = b.x + b.width / 2;
    const y = b.y + b.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 34, { steps: 6 }); // one LINE_HEIGHT of the picker
    await page.mouse.up();
    await page.waitForTimeout(400);
  }
  expect(await offset()).not.toBe(before);
  await sheet.getByText('确定', { exact: true }).click();
  await sheet.waitFor({ state: 'hidden' });
  const shown = await page.locator('.rp-row-item').filter({ visible: true }).filter({ hasText: title }).first().locator('.rp-row-item__extra').innerText();
  return shown.trim();
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
  // The 介绍信 is dated with the picker: a year back (today's month and day, or the month's last day).
  const letterDate = await pickYearBefore(page, '介绍信日期');
  expect(letterDate).toMatch(new RegExp(`^${today.year() - 1}-${today.format('MM')}-\\d\\d$`));
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
  const arrived = (await call<{ rows: { id: string; name: string }[] }>('listMembers', { branchId: BRANCH, q: '韩明远' })).rows[0];
  const history = await call<{ transfers: { letterNo: string | null; letterDate: string | null }[] }>('getMember', { id: arrived.id });
  expect(history.transfers.find((t) => t.letterNo === letterNo)?.letterDate).toBe(letterDate);
  // 工作单位 from the park's enterprises, searched by name (not a typed id).
  await visible(page, '修改信息', true).click();
  await visible(page, '选择工作单位', true).click();
  await page.locator('input[placeholder="企业名称"]').filter({ visible: true }).first().fill('芯源');
  await visible(page, '搜索', true).click();
  const employer = page.locator('.bw-option').filter({ visible: true }).filter({ hasText: '芯源' }).first();
  const employerName = (await employer.locator('.bw-option__name').innerText()).trim();
  await employer.click();
  await page.locator('.rp-row-item').filter({ visible: true }).filter({ hasText: '工作单位' }).filter({ hasText: employerName }).first().waitFor();
  await shot(page, '4-employer');
  await visible(page, '保存修改', true).click();
  await page.locator('.rp-row-item').filter({ visible: true }).filter({ hasText: '工作单位' }).filter({ hasText: employerName }).first().waitFor();
  expect((await call<{ member: { enterpriseName: string } }>('getMember', { id: arrived.id })).member.enterpriseName).toBe(employerName);
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
  // Two 正式党员 found by name in the contact picker (it searches the whole roster, page by page).
  const full = (await call<{ rows: { id: string; name: string }[] }>('listMembers', { branchId: BRANCH, standing: '正式' })).rows;
  const contactSearch = page.locator('input[placeholder="姓名或电话"]').filter({ visible: true }).first();
  for (const m of full.slice(-2)) {
    await contactSearch.fill(m.name);
    await visible(page, '搜索', true).click();
    await page.locator('.bw-option').filter({ visible: true }).filter({ hasText: m.name }).first().click();
  }
  await visible(page, `已选：${full.slice(-2).map((m) => m.name).join('、')}`).waitFor();
  await shot(page, '7-advance');
  await visible(page, '推进发展步骤', true).click();
  await visible(page, '推进到“预备党员”').waitFor();
  const file = await call<{ record: { stage: string; contacts: unknown[] } }>('developmentFile', { id: dev.id });
  expect(file.record.stage).toBe('发展对象');
  expect(file.record.contacts).toHaveLength(2);
  expect((file.record.contacts as { memberId: string }[]).map((c) => c.memberId).sort()).toEqual(full.slice(-2).map((m) => m.id).sort());
  await shot(page, '8-file');
  expect(apiErrors).toEqual([]);
});

test('the_secretary_imports_a_roster_file_sees_the_bad_row_with_its_reason_and_confirms_the_good_one', async () => {
  const today = dayjs().tz(PARK_TZ);
  const wb = new Workbook();
  const ws = wb.addWorksheet('党员花名册');
  ws.addRow(['编号', '姓名', '所在支部', '党员类别', '入党日期', '转正日期', '工作单位', '组织关系', '组织关系所在单位', '联系电话']);
  ws.addRow(['', '钱文博', '星河湾产业园联合党支部', '正式', today.subtract(6, 'year').format('YYYY-MM-DD'), today.subtract(5, 'year').format('YYYY-MM-DD'), '', '已转入', '', '']);
  ws.addRow(['', '赵明轩', '星河湾产业园联合党支部', '正式', '去年七一', '', '', '已转入', '', '']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-roster-')), '花名册导入.xlsx');
  await wb.xlsx.writeFile(file);

  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '支部书记 · 李红梅');
  await visible(page, '支部工作').click();
  await visible(page, '党员花名册').waitFor();
  await page.waitForTimeout(700); // the page's slide-in: a tap during it is lost
  await visible(page, '党员花名册').click();
  await visible(page, '导入 Excel', true).click();
  await visible(page, '第一步：导出花名册作模板').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '选择 Excel 文件', true).click()]);
  await chooser.setFiles(file);
  // The check lists the bad row and writes nothing until 确认.
  await visible(page, '共 2 行：可导入 1 行，有问题 1 行').waitFor();
  await visible(page, '第 3 行 · 赵明轩').waitFor();
  await visible(page, /入党日期“去年七一”不是有效日期/).waitFor();
  expect((await call<{ total: number }>('listMembers', { branchId: BRANCH, q: '钱文博' })).total).toBe(0);
  await shot(page, '9-import-check');
  await visible(page, '确认导入 1 行', true).click();
  await visible(page, '导入完成：新增 1 人，更新 0 人，未变 0 人').waitFor();
  await shot(page, '10-import-done');
  expect((await call<{ total: number }>('listMembers', { branchId: BRANCH, q: '钱文博' })).total).toBe(1);
  expect((await call<{ total: number }>('listMembers', { branchId: BRANCH, q: '赵明轩' })).total).toBe(0);
  expect(apiErrors).toEqual([]);
});
