/**
 * Issue 21 in a real browser on the h5 build: the demo secretary holds a 支部党员大会 today — members
 * sign in by scanning the rotating code or are added by hand, a guest's scan is listed apart — the
 * 三会一课 board shows it held and the current quarter's draft rating counts it; then the admin
 * finalises a quarter on the rating pages. Only an ended quarter can be finalised
 * (cloudfunctions/org/finalizeRating.ts), so the current one is refused and last quarter is
 * finalised, and the finalised sheets' 三会一课 counts are checked against the records they came from.
 * Every date is relative to now in park time. Screenshots go to artifacts/e2e/quarter-*.png.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { dayjs, PARK_TZ } from '../server/core/time';
import { previousQuarter, quarterOf, quarterRange } from '../cloudfunctions/org/scoring';
import { kindTable, type KindRow } from '../src/domain/org';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(240_000);

const e2e = useE2E();

async function shot(page: Page, name: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(ARTIFACTS, `quarter-${name}.png`), fullPage: true });
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

const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};

/** The 三会一课 and 主题党日 items of a rating, as one row per kind (the table the rating page draws). */
function kindRows(sheet: { items: { key: string; detail: string }[] }): Map<string, KindRow> {
  const rows = new Map<string, KindRow>();
  for (const key of ['sanhui', 'themeDay']) {
    const item = sheet.items.find((i) => i.key === key);
    for (const r of kindTable(item?.detail ?? '') ?? []) rows.set(r.kind, r);
  }
  return rows;
}

/** The 已开 figure of `kind` in the rating page's 三会一课 table. */
const heldCell = (page: Page, kind: string) =>
  page.locator('.og-table__row').filter({ visible: true }).filter({ hasText: kind }).first().locator('.og-table__num').nth(1);

/** Counted records of a branch's quarter, per kind: what a rating's 已开 must be traceable to. */
async function countedPerKind(branchId: string, quarter: string): Promise<Map<string, number>> {
  const list = ok(await e2e.gw.call('org', 'listOrgLife', { branchId, quarter }, 'demo-admin')) as { kind: string; state: string }[];
  const n = new Map<string, number>();
  for (const r of list.filter((x) => x.state === 'counted')) n.set(r.kind, (n.get(r.kind) ?? 0) + 1);
  return n;
}

/**
 * The form's default meeting time is now's half hour + 90 minutes, capped at 23:59 park time: in
 * the last two minutes of a park day the meeting (and its sign-in) would end before the members
 * scan, so the test waits for the next day.
 */
async function notAtParkMidnight(): Promise<void> {
  const p = dayjs().tz(PARK_TZ);
  if (p.hour() === 23 && p.minute() >= 58) await new Promise((res) => setTimeout(res, p.endOf('day').diff(p) + 5_000));
}

const TOPIC = '通报支部工作，民主评议党员（e2e）';

test('the_secretary_holds_a_branch_general_meeting_members_scan_or_are_added_the_board_shows_it_held_and_the_draft_counts_it', async () => {
  await notAtParkMidnight();
  const thisQ = quarterOf();
  const before = kindRows(ok(await e2e.gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: thisQ }, 'demo-admin')).sheet);
  const heldBefore = before.get('支部党员大会')!.held;

  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '支部书记 · 李红梅');
  await visible(page, '组织生活记录').click();
  await visible(page, '记录组织生活', true).click();
  await visible(page, '保存并签到').waitFor();
  // The form's date and time default to now (park time): the meeting is today's.
  await chip(page, '支部党员大会').click();
  await box(page, '主题').fill(TOPIC);
  await shot(page, '1-form');
  await visible(page, '保存并签到', true).click();
  await visible(page, TOPIC).waitFor();
  await visible(page, '参会党员（0）').waitFor();

  const records = ok(await e2e.gw.call('org', 'listOrgLife', { branchId: 'branch-joint' }, 'demo-secretary'));
  const rec = records.find((r: { topic: string }) => r.topic === TOPIC);
  expect(rec).toMatchObject({ kind: '支部党员大会', state: 'counted' });
  expect(dayjs(rec.startAt).tz(PARK_TZ).format('YYYY-MM-DD')).toBe(dayjs().tz(PARK_TZ).format('YYYY-MM-DD'));

  // The rotating code on the screen; 张卫东 scans it with his phone.
  await visible(page, '显示签到码', true).click();
  await visible(page, /扫码签到/).waitFor();
  await shot(page, '2-kiosk');
  const code = async () => ok(await e2e.gw.call('checkin', 'currentCode', { eventId: rec.eventId }, 'demo-secretary')).scene as string;
  const phone = await newPhonePage(e2e.browser);
  await actAs(phone, '党员 · 张卫东');
  await phone.goto(`${e2e.gw.url}/#/packages/checkin/scan/index?scene=${encodeURIComponent(await code())}`);
  await visible(phone, '签到成功').waitFor();
  await shot(phone, '3-member-scan');
  // 高建 (on the roster) scans too; 陈晓, from outside the branch, scans and is 列席.
  expect(ok(await e2e.gw.call('checkin', 'scan', { code: await code() }, 'seed-member-02')).status).toBe('ok');
  expect(ok(await e2e.gw.call('checkin', 'scan', { code: await code() }, 'demo-visitor'))).toMatchObject({ status: 'ok', guest: true });

  // Back on the meeting: two scanned; the secretary ticks 刘芳, who did not.
  await page.goto(`${e2e.gw.url}/#/packages/org/meeting/index?id=${rec.id}`);
  await visible(page, '参会党员（2）').waitFor();
  await chip(page, '刘芳').click();
  await visible(page, '补录', true).click();
  await visible(page, '参会党员（3）').waitFor();
  await visible(page, '书记补录').waitFor();
  // The guest's scan is listed apart, never among the members present.
  await visible(page, '列席人员（1）').waitFor();
  await visible(page, /非本支部党员 · 扫码/).waitFor();
  await page.getByText('已补录 1 人').waitFor({ state: 'hidden' });
  await shot(page, '4-meeting-attendees');
  const after = ok(await e2e.gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary'));
  expect(after.signedIn.map((a: { name: string; via: string }) => [a.name, a.via]).sort()).toEqual([['刘芳', 'hand'], ['张卫东', 'code'], ['高建', 'code']].sort());
  expect(after.guestsScanned.map((a: { name: string }) => a.name)).toEqual(['陈晓']);
  expect(after).toMatchObject({ attendees: 3, guests: 1 });

  // The 三会一课 board: this quarter's 支部党员大会 is held.
  const board = ok(await e2e.gw.call('org', 'orgLifeBoard', { quarter: thisQ }, 'demo-secretary'));
  const cell = board.cells.find((c: any) => c.branchId === 'branch-joint' && c.kind === '支部党员大会');
  expect(cell).toMatchObject({ status: 'held' });
  expect(cell.held).toBeGreaterThanOrEqual(1);
  await page.goto(`${e2e.gw.url}/#/packages/org/board/index`);
  await visible(page, '“已开”只计已核实计入的记录', false).waitFor();
  await page.locator('.og-tag--done').filter({ visible: true }).filter({ hasText: `支部党员大会 ${cell.periodLabel}` }).first().waitFor();
  await shot(page, '5-board');

  // The current quarter's draft counts the new meeting in its 三会一课 item; it cannot be finalised yet.
  const draft = ok(await e2e.gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: thisQ }, 'demo-admin')).sheet;
  expect(draft.status).toBe('draft');
  expect(kindRows(draft).get('支部党员大会')!.held).toBe(heldBefore + 1);
  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/org/rating-branch/index?branchId=branch-joint&quarter=${thisQ}`);
  await visible(page, '评分明细').waitFor();
  await expect(heldCell(page, '支部党员大会').textContent()).resolves.toBe(String(heldBefore + 1));
  await visible(page, '季度结束后才能定级。').waitFor();
  await shot(page, '6-draft-this-quarter');
  const refused = await e2e.gw.call('org', 'finalizeRating', { quarter: thisQ, branchId: 'branch-joint' }, 'demo-admin');
  expect(refused.body.error?.code).toBe('CLOSED');
  expect(apiErrors).toEqual([]);
});

test('the_admin_scores_and_finalises_last_quarter_and_each_finalised_sheet_shows_the_record_counts_it_was_rated_on', async () => {
  const lastQ = previousQuarter(quarterOf());
  const branchId = 'br-zhixing'; // seeded without a rating last quarter (the others are finalised)
  // Its 支部党员大会 of last quarter, entered now by its secretary: late, so it counts once an admin has verified it.
  const start = dayjs.tz(`${quarterRange(lastQ).fromDay} 09:30`, PARK_TZ).add(20, 'day');
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  const late = ok(await e2e.gw.call('org', 'createOrgLife', { branchId, kind: '支部党员大会', topic: '补录：上季度支部党员大会', startAt: fmt(start), endAt: fmt(start.add(90, 'minute')), place: '线上' }, 'seed-secretary-zhixing'));
  expect(late).toMatchObject({ state: 'pending', pendingReason: 'late' });
  ok(await e2e.gw.call('org', 'verifyOrgLife', { id: late.id, updatedAt: late.updatedAt, approve: true }, 'demo-admin'));
  const counted = await countedPerKind(branchId, lastQ);
  expect(counted.get('支部党员大会')).toBe(1);

  const page = await newPhonePage(e2e.browser);
  const apiErrors = watchApi(page);
  await actAs(page, '党务管理员 · 王建国');
  await page.goto(`${e2e.gw.url}/#/packages/org/rating-branch/index?branchId=${branchId}&quarter=${lastQ}`);
  await visible(page, '评分明细').waitFor();
  await visible(page, '还有未评分的项目。').waitFor();
  // The one hand-scored item first: 确认定级 waits for it.
  const feature = page.locator('.rp-item').filter({ visible: true }).filter({ hasText: '特色亮点与群众评价' }).first();
  await feature.locator('.rp-textbox').filter({ hasText: '得分' }).locator('input').fill('7');
  await feature.locator('.rp-textbox').filter({ hasText: '评分依据' }).locator('input').fill('研发骨干党员先锋岗');
  await feature.getByText('保存评分', { exact: true }).click();
  await visible(page, '依据：研发骨干党员先锋岗', false).waitFor();
  await visible(page, '定级后评分不可再改。').waitFor();
  await shot(page, '7-scored');
  await page.locator('.rp-actions').filter({ visible: true }).getByText('确认定级', { exact: true }).first().click();
  await page.locator('.nut-dialog-footer-ok').filter({ visible: true }).first().click();
  await visible(page, '已定级', true).waitFor();
  await shot(page, '8-finalised');

  const fin = ok(await e2e.gw.call('org', 'branchRating', { branchId, quarter: lastQ }, 'demo-admin')).sheet;
  expect(fin.status).toBe('final');
  expect(fin.items.find((i: { key: string }) => i.key === 'feature')).toMatchObject({ points: 7, note: '研发骨干党员先锋岗' });
  // Each kind's 已开 is the count of its counted records: the new 支部党员大会, nothing else.
  for (const [kind, row] of kindRows(fin)) expect([kind, row.held]).toEqual([kind, counted.get(kind) ?? 0]);
  await expect(heldCell(page, '支部党员大会').textContent()).resolves.toBe('1');
  expect((await e2e.gw.call('org', 'finalizeRating', { quarter: lastQ, branchId }, 'demo-admin')).body.error?.code).toBe('CONFLICT');

  // The seeded finalised quarter of the joint branch: its items trace to last quarter's records.
  const seeded = ok(await e2e.gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: lastQ }, 'demo-admin')).sheet;
  expect(seeded.status).toBe('final');
  const seededCounts = await countedPerKind('branch-joint', lastQ);
  const rows = kindRows(seeded);
  expect(rows.size).toBe(5);
  for (const [kind, row] of rows) expect([kind, row.held]).toEqual([kind, seededCounts.get(kind) ?? 0]);
  await page.goto(`${e2e.gw.url}/#/packages/org/rating-branch/index?branchId=branch-joint&quarter=${lastQ}`);
  await visible(page, '评分明细').waitFor();
  await visible(page, '已定级', true).waitFor();
  for (const [kind, row] of rows) await expect(heldCell(page, kind).textContent()).resolves.toBe(row.counted == null ? String(row.held) : `${row.held}（按月计 ${row.counted}）`);
  await shot(page, '9-seeded-final');

  // The quarter's sheet lists both as 已定级.
  const sheet = ok(await e2e.gw.call('org', 'ratingSheet', { quarter: lastQ }, 'demo-admin'));
  expect(sheet.rows.filter((r: any) => r.status === 'final').map((r: any) => r.branchId)).toEqual(expect.arrayContaining(['branch-joint', branchId]));
  expect(apiErrors).toEqual([]);
});
