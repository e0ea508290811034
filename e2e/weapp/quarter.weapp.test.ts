/**
 * Issue 21 on the weapp build (the sandbox of sim.ts): the demo secretary records today's 支部党员大会
 * on the 组织生活 page, members sign in by scanning its rotating code (one on the scan page, one
 * through the gateway) or are ticked by hand, a guest's scan is listed apart, the 三会一课 board
 * shows it held and the current quarter's draft counts it; the admin scores and finalises last
 * quarter (only an ended quarter can be, cloudfunctions/org/finalizeRating.ts) on the branch
 * rating page. Every date is relative to now in park time.
 */
import { dayjs, PARK_TZ } from '../../server/core/time';
import { previousQuarter, quarterOf, quarterRange } from '../../cloudfunctions/org/scoring';
import { kindTable, type KindRow } from '../../src/domain/org';
import { bootSim, problemsOf, useWeappGateway } from './harness';
import type { PageRecord, WeappSim } from './sim';

jest.setTimeout(180_000);

const h = useWeappGateway();

const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};

/** The 三会一课 and 主题党日 items of a rating, one row per kind. */
function kindRows(sheet: { items: { key: string; detail: string }[] }): Map<string, KindRow> {
  const rows = new Map<string, KindRow>();
  for (const key of ['sanhui', 'themeDay']) {
    for (const r of kindTable(sheet.items.find((i) => i.key === key)?.detail ?? '') ?? []) rows.set(r.kind, r);
  }
  return rows;
}

/**
 * Types into the n-th TextBox input of the page. An input without an id has a compressed node
 * name in the weapp tree, so sim.input finds it neither way: picked by TextBox's class and named by
 * its own sid (as demand.weapp.test.ts does for NutUI's textarea).
 */
async function typeBox(sim: WeappSim, r: PageRecord, nth: number, value: string) {
  const hits: { sid: string; uid?: string }[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (n.sid && String(n.cl ?? '').includes('rp-textbox__input')) hits.push(n);
    (n.cn ?? []).forEach(walk);
  };
  walk(r.instance.data.root);
  const el = hits[nth];
  if (!el) throw new Error(`no TextBox input #${nth} on the page`);
  el.uid = el.sid;
  expect(await sim.input(r, el.sid, value)).toBe(true);
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

/** The page's text in one string: a line built from several expressions is several text nodes. */
const all = (r: PageRecord) => r.text.join('');

const TOPIC = '通报支部工作（小程序）';

it('orglife quarter: a secretary holds a 支部党员大会 (scans, a hand-ticked member, a guest apart), the board shows it held, and the admin finalises last quarter', async () => {
  await notAtParkMidnight();
  const thisQ = quarterOf();
  const lastQ = previousQuarter(thisQ);
  const heldBefore = kindRows(ok(await h.gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: thisQ }, 'demo-admin')).sheet).get('支部党员大会')!.held;

  // The secretary records it on the 组织生活 page (date and time default to now, park time).
  const sec = await bootSim(h.gw, 'demo-secretary');
  try {
    const r = await sec.openPage('packages/org/orglife/index');
    await sec.tapText(r, '记录组织生活');
    expect(all(r)).toContain('保存并签到');
    await sec.tapText(r, '支部党员大会', { quietMs: 50 });
    await sec.input(r, 'orglife-topic', TOPIC);
    await sec.tapText(r, '保存并签到', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'createOrgLife').map((c) => c.reply)).toEqual(['ok']);
    expect(r.nav.map((n) => n.url).join(' ')).toContain('packages/org/meeting/index');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sec.close();
  }
  const rec = (ok(await h.gw.call('org', 'listOrgLife', { branchId: 'branch-joint' }, 'demo-secretary')) as any[]).find((x) => x.topic === TOPIC);
  expect(rec).toMatchObject({ kind: '支部党员大会', state: 'counted' });
  expect(dayjs(rec.startAt).tz(PARK_TZ).format('YYYY-MM-DD')).toBe(dayjs().tz(PARK_TZ).format('YYYY-MM-DD'));
  const code = async () => ok(await h.gw.call('checkin', 'currentCode', { eventId: rec.eventId }, 'demo-secretary')).scene as string;

  // 张卫东 scans the code on the screen (the scan page, as WeChat opens it); 高建 scans too; 陈晓 is not of the branch.
  const member = await bootSim(h.gw, 'demo-member');
  try {
    const r = await member.openPage('packages/checkin/scan/index', { scene: encodeURIComponent(await code()) });
    expect(r.cloud.filter((c) => c.action === 'scan').map((c) => c.reply)).toEqual(['ok']);
    expect(all(r)).toContain('签到成功');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    member.close();
  }
  expect(ok(await h.gw.call('checkin', 'scan', { code: await code() }, 'seed-member-02')).status).toBe('ok');
  expect(ok(await h.gw.call('checkin', 'scan', { code: await code() }, 'demo-visitor'))).toMatchObject({ status: 'ok', guest: true });

  // The meeting page: two scanned, the secretary ticks 刘芳; the guest is listed apart.
  const sec2 = await bootSim(h.gw, 'demo-secretary');
  try {
    const r = await sec2.openPage('packages/org/meeting/index', { id: rec.id });
    expect(all(r)).toContain('参会党员（2）');
    await sec2.tapText(r, '刘芳', { quietMs: 50 });
    // '补录' is also in the section title above: the button is the last match.
    await sec2.tapText(r, '补录', { quietMs: 300, nth: -1 });
    expect(r.cloud.filter((c) => c.action === 'addAttendees').map((c) => c.reply)).toEqual(['ok']);
    const text = all(r);
    expect(text).toContain('参会党员（3）');
    expect(text).toContain('书记补录');
    expect(text).toContain('列席人员（1）');
    expect(text).toMatch(/非本支部党员 · 扫码/);
    expect(problemsOf(r)).toEqual([]);

    // The 三会一课 board: this quarter's 支部党员大会 is held.
    const cell = ok(await h.gw.call('org', 'orgLifeBoard', { quarter: thisQ }, 'demo-secretary')).cells.find((c: any) => c.branchId === 'branch-joint' && c.kind === '支部党员大会');
    expect(cell).toMatchObject({ status: 'held' });
    const b = await sec2.openPage('packages/org/board/index');
    expect(all(b)).toContain(`支部党员大会 ${cell.periodLabel}`);
    expect(problemsOf(b)).toEqual([]);
  } finally {
    sec2.close();
  }
  const after = ok(await h.gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary'));
  expect(after.signedIn.map((a: { name: string; via: string }) => [a.name, a.via]).sort()).toEqual([['刘芳', 'hand'], ['张卫东', 'code'], ['高建', 'code']].sort());
  expect(after).toMatchObject({ attendees: 3, guests: 1 });

  // Last quarter of a branch seeded without a rating: a verified late 支部党员大会 is its evidence.
  const branchId = 'br-zhixing';
  const start = dayjs.tz(`${quarterRange(lastQ).fromDay} 09:30`, PARK_TZ).add(20, 'day');
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  const late = ok(await h.gw.call('org', 'createOrgLife', { branchId, kind: '支部党员大会', topic: '补录：上季度支部党员大会', startAt: fmt(start), endAt: fmt(start.add(90, 'minute')), place: '线上' }, 'seed-secretary-zhixing'));
  ok(await h.gw.call('org', 'verifyOrgLife', { id: late.id, updatedAt: late.updatedAt, approve: true }, 'demo-admin'));

  const admin = await bootSim(h.gw, 'demo-admin');
  try {
    // This quarter's draft counts the new meeting, and cannot be finalised before the quarter ends.
    const d = await admin.openPage('packages/org/rating-branch/index', { branchId: 'branch-joint', quarter: thisQ });
    expect(all(d)).toContain('评分明细');
    expect(all(d)).toContain('季度结束后才能定级。');
    const draft = ok(await h.gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: thisQ }, 'demo-admin')).sheet;
    expect(kindRows(draft).get('支部党员大会')!.held).toBe(heldBefore + 1);
    expect(problemsOf(d)).toEqual([]);

    // Last quarter: score the hand-scored item (the only inputs on the page), then 确认定级 and confirm.
    const r = await admin.openPage('packages/org/rating-branch/index', { branchId, quarter: lastQ });
    expect(all(r)).toContain('还有未评分的项目。');
    await typeBox(admin, r, 0, '7');
    await typeBox(admin, r, 1, '研发骨干党员先锋岗');
    await admin.tapText(r, '保存评分', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'scoreItem').map((c) => c.reply)).toEqual(['ok']);
    expect(all(r)).toContain('定级后评分不可再改。');
    await admin.tapText(r, '确认定级', { quietMs: 100 });
    // The dialog's confirm button is the last 确认定级 on the page (after its title).
    await admin.tapText(r, '确认定级', { quietMs: 300, nth: -1 });
    expect(r.cloud.filter((c) => c.action === 'finalizeRating').map((c) => c.reply)).toEqual(['ok']);
    expect(all(r)).toContain('已定级');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    admin.close();
  }
  const fin = ok(await h.gw.call('org', 'branchRating', { branchId, quarter: lastQ }, 'demo-admin')).sheet;
  expect(fin.status).toBe('final');
  expect(kindRows(fin).get('支部党员大会')!.held).toBe(1);
  expect(fin.items.find((i: { key: string }) => i.key === 'feature')).toMatchObject({ points: 7 });
});
