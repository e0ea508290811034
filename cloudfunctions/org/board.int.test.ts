/**
 * The 三会一课 board and its reminders (finding F-01 in ../shared/findings/party.md): branch × kind ×
 * period as held / due / overdue from counted records only, ownership from the caller's current
 * role, the park-wide export, and reminders to the current secretary before a period ends, queued
 * once. Every period is computed from the clock (this and last quarter, relative days), never a date.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { addDays, dayjs, PARK_TZ } from '../../server/core/time';
import { readFirstSheet } from '../admin/public';
import { quarterPeriods } from './board';
import { orgLifeReminderId, remindOrgLife } from './remind';
import { previousQuarter, quarterOf, quarterRange } from './scoring';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const admin = (action: string, params: unknown = {}) => gw.call('org', action, params, 'demo-admin');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const park = () => dayjs().tz(PARK_TZ);
let seq = 0;

async function person(name: string, role?: string, scope: Record<string, string> = {}) {
  const openid = freshOpenid('bd');
  await gw.call('user', 'acceptPrivacy', {}, openid);
  await gw.call('user', 'updateProfile', { name }, openid);
  if (role) ok(await gw.call('user', 'grantRole', { openid, role, ...scope }, 'demo-admin'));
  return openid;
}

/** A joint branch founded two years ago (so last quarter's periods are its to hold), with its secretary. */
async function branch() {
  const n = ++seq;
  const founded = park().subtract(5, 'year').format('YYYY-MM-DD');
  const ent = async (tag: string) =>
    ok(await admin('createEnterprise', { name: `三会一课看板${n}${tag}科技有限公司`, industry: '人工智能', foundedAt: founded, headcount: 20, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } })).id;
  const branchId = ok(await admin('upsertBranch', { name: `三会一课看板${n}联合党支部`, form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] })).id as string;
  await col('branches').doc(branchId).update({ createdAt: park().subtract(2, 'year').toDate() });
  const secretary = await person(`看板书记${n}`, 'secretary', { branchId });
  return { branchId, secretary };
}

/** A record written straight into the database (setup only) at `startAt`. */
async function meeting(branchId: string, kind: string, startAt: Date, state = 'counted') {
  const n = ++seq;
  const endAt = new Date(startAt.getTime() + 3600_000);
  await col('orgLife').add({
    _id: `ol-bd${n}x${Date.now().toString(36)}`.slice(0, 19), branchId, kind: kind as any, topic: `${kind}${n}`, startAt, endAt, venueId: null, place: '会议室', summary: '',
    eventId: `ev-bd-${n}-${Date.now().toString(36)}`, guestNames: [], recordedBy: 'demo-secretary', createdAt: endAt, updatedAt: endAt, state: state as any,
  });
}

/** Day 10 of month `i` (0..2) of the quarter, 09:00 park time. */
const inMonth = (quarter: string, i: number) => dayjs.tz(`${quarterPeriods(quarter).months[i].fromDay.slice(0, 8)}10 09:00`, PARK_TZ).toDate();
const cell = (board: any, branchId: string, kind: string, period: string) => board.cells.find((c: any) => c.branchId === branchId && c.kind === kind && c.period === period);

describe('三会一课 board (F-01)', () => {
  test('last_quarter_shows_held_and_overdue_per_kind_and_period_counting_only_counted_records', async () => {
    const { branchId } = await branch();
    const q = previousQuarter(quarterOf());
    const [m0, m1, m2] = quarterPeriods(q).months.map((m) => m.key);
    await meeting(branchId, '支部党员大会', inMonth(q, 1));
    await meeting(branchId, '支委会', inMonth(q, 0));
    await meeting(branchId, '支委会', inMonth(q, 0)); // two in one month do not make up for another month
    await meeting(branchId, '党课', inMonth(q, 2), 'pending'); // entered late, not yet 核实
    await meeting(branchId, '党小组会', inMonth(q, 1), 'withdrawn');
    const board = ok(await admin('orgLifeBoard', { quarter: q, branchId }));
    expect(board.branches).toEqual([{ id: branchId, name: expect.stringContaining('三会一课看板') }]);
    expect(cell(board, branchId, '支部党员大会', q)).toMatchObject({ status: 'held', held: 1, min: 1, per: 'quarter', dueOn: quarterRange(q).toDay, statusLabel: '已开' });
    expect(cell(board, branchId, '支委会', m0)).toMatchObject({ status: 'held', held: 2 });
    expect(cell(board, branchId, '支委会', m1)).toMatchObject({ status: 'overdue', held: 0, statusLabel: '逾期未开' });
    expect(cell(board, branchId, '支委会', m2)).toMatchObject({ status: 'overdue' });
    expect(cell(board, branchId, '党课', q)).toMatchObject({ status: 'overdue', held: 0, pending: 1 });
    expect(cell(board, branchId, '党小组会', m1)).toMatchObject({ status: 'overdue', held: 0, pending: 0 });
    // 2 quarterly kinds + 3 monthly kinds × 3 months.
    expect(board.cells).toHaveLength(11);
    expect(board.totals).toEqual({ held: 2, due: 0, overdue: 9 });
    const overdue = ok(await admin('orgLifeBoard', { quarter: q, branchId, status: 'overdue', kind: '支委会' }));
    expect(overdue.cells.map((c: any) => c.period)).toEqual([m1, m2]);
  });

  test('this_quarter_is_due_until_the_period_ends_and_held_once_a_counted_meeting_is_in', async () => {
    const { branchId } = await branch();
    const q = quarterOf();
    const thisMonth = park().format('YYYY-MM');
    await meeting(branchId, '主题党日', park().startOf('day').add(1, 'minute').toDate());
    const board = ok(await admin('orgLifeBoard', { branchId }));
    expect(board.quarter).toBe(q);
    expect(cell(board, branchId, '主题党日', thisMonth)).toMatchObject({ status: 'held', held: 1 });
    expect(cell(board, branchId, '支委会', thisMonth)).toMatchObject({ status: 'due', held: 0 });
    expect(cell(board, branchId, '支部党员大会', q)).toMatchObject({ status: 'due' });
    // Earlier months of the quarter are over: nothing held there is overdue.
    for (const m of quarterPeriods(q).months.filter((x) => x.key < thisMonth)) expect(cell(board, branchId, '支委会', m.key).status).toBe('overdue');
  });

  test('a_branch_is_not_overdue_for_periods_that_ended_before_it_was_founded', async () => {
    const { branchId } = await branch();
    await col('branches').doc(branchId).update({ createdAt: new Date() });
    const board = ok(await admin('orgLifeBoard', { quarter: previousQuarter(quarterOf()), branchId }));
    expect(board.cells).toEqual([]);
  });

  test('a_secretary_sees_the_branches_they_lead_now_and_only_admins_export_the_park', async () => {
    const a = await branch();
    const b = await branch();
    const mine = ok(await gw.call('org', 'orgLifeBoard', {}, a.secretary));
    expect(new Set(mine.cells.map((c: any) => c.branchId))).toEqual(new Set([a.branchId]));
    expect(mine.branches.map((x: any) => x.id)).toEqual([a.branchId]);
    expect((await gw.call('org', 'orgLifeBoard', { branchId: b.branchId }, a.secretary)).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('org', 'orgLifeBoard', { excel: true }, a.secretary)).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('org', 'orgLifeBoard', {}, freshOpenid('nobody'))).status).toBe(403);
    // The branch is handed to someone else: the former secretary's board is empty at once.
    await col('branches').doc(a.branchId).update({ secretaryOpenid: b.secretary });
    expect(ok(await gw.call('org', 'orgLifeBoard', {}, a.secretary)).cells).toEqual([]);

    const park = ok(await admin('orgLifeBoard', { quarter: previousQuarter(quarterOf()), excel: true }));
    expect(park.cells.some((c: any) => c.branchId === b.branchId)).toBe(true);
    expect(park.file.fileName).toMatch(/^三会一课落实情况_\d{4}Q[1-4]\.xlsx$/);
    const rows = await readFirstSheet(Buffer.from(park.file.base64, 'base64'));
    expect(rows[2].cells.slice(0, 8)).toEqual(['党组织', '类别', '周期', '截止日期', '应开（次）', '已开（次）', '待核实（条）', '状态']);
    expect(rows.length - 3).toBe(park.cells.length);
    expect((await col('audit').where({ fn: 'org', action: 'orgLifeBoard' }).count()).total).toBe(1);
  });

  test('the_board_costs_the_same_few_database_calls_for_one_branch_or_the_whole_park', async () => {
    await branch();
    const calls = async (params: unknown) => {
      const before = gw.emulator.stats.requests;
      ok(await admin('orgLifeBoard', params));
      return gw.emulator.stats.requests - before;
    };
    const one = await calls({ branchId: (await branch()).branchId });
    const all = await calls({});
    expect(all).toBe(one);
    expect(all).toBeLessThanOrEqual(5);
  });
});

describe('三会一课 reminders (F-01)', () => {
  /** An instant `daysBefore` days before the current quarter's last day, at noon park time. */
  const beforeQuarterEnd = (daysBefore: number) => dayjs.tz(`${addDays(quarterRange(quarterOf()).toDay, -daysBefore)} 12:00`, PARK_TZ).toDate();

  test('the_current_secretary_is_reminded_seven_and_one_day_before_a_period_ends_of_kinds_still_due_once_each', async () => {
    const { branchId, secretary } = await branch();
    const q = quarterOf();
    const last = quarterPeriods(q).months[2].key;
    await meeting(branchId, '主题党日', dayjs.tz(`${quarterPeriods(q).months[2].fromDay} 09:00`, PARK_TZ).toDate());
    const mine = async () => (await col('outbox').where({ ref: `branches/${branchId}`, type: 'org.orgLifeDue' }).limit(100).get()).data;

    // Ten days before: nothing yet.
    await remindOrgLife(beforeQuarterEnd(10));
    expect(await mine()).toEqual([]);

    await remindOrgLife(beforeQuarterEnd(5));
    await remindOrgLife(beforeQuarterEnd(4)); // the next day's run, and a re-run: no second copy
    let rows = await mine();
    const ids = rows.map((r) => r._id).sort();
    expect(ids).toEqual([
      orgLifeReminderId(branchId, '党小组会', last, 7),
      orgLifeReminderId(branchId, '党课', q, 7),
      orgLifeReminderId(branchId, '支委会', last, 7),
      orgLifeReminderId(branchId, '支部党员大会', q, 7),
    ].sort());
    expect(rows.every((r) => r.toOpenid === secretary && r.template === 'partyReminder')).toBe(true);
    expect(rows.find((r) => r._id === orgLifeReminderId(branchId, '党课', q, 7))!.page).toBe(`/packages/org/board/index?branchId=${branchId}&quarter=${q}`);
    expect(rows.find((r) => r._id === orgLifeReminderId(branchId, '党课', q, 7))!.data.detail).toContain('党课尚未召开');

    // The 党课 is held; the branch gets a new secretary; the last day comes.
    await meeting(branchId, '党课', beforeQuarterEnd(3));
    const next = await person('新任书记');
    await col('branches').doc(branchId).update({ secretaryOpenid: next });
    await remindOrgLife(beforeQuarterEnd(0));
    await remindOrgLife(beforeQuarterEnd(0));
    rows = await mine();
    const lastDay = rows.filter((r) => r._id.endsWith(':1'));
    expect(lastDay.map((r) => r._id).sort()).toEqual([
      orgLifeReminderId(branchId, '党小组会', last, 1),
      orgLifeReminderId(branchId, '支委会', last, 1),
      orgLifeReminderId(branchId, '支部党员大会', q, 1),
    ].sort());
    expect(lastDay.every((r) => r.toOpenid === next)).toBe(true);
    expect(rows).toHaveLength(7);
  });

  test('a_branch_without_a_secretary_is_not_reminded', async () => {
    const { branchId } = await branch();
    await col('branches').doc(branchId).update({ secretaryOpenid: null });
    await remindOrgLife(beforeQuarterEnd(2));
    expect((await col('outbox').where({ ref: `branches/${branchId}` }).count()).total).toBe(0);
  });
});

describe('the seeded park (F-01)', () => {
  test('the_seed_gives_held_due_and_overdue_items_over_this_and_last_quarter', async () => {
    const now = ok(await admin('orgLifeBoard', {}));
    const last = ok(await admin('orgLifeBoard', { quarter: previousQuarter(quarterOf()) }));
    const seeded = (b: any) => b.cells.filter((c: any) => ['branch-joint', 'br-xinyuan', 'br-joint-d', 'br-zhixing'].includes(c.branchId));
    expect(seeded(now).some((c: any) => c.status === 'due')).toBe(true);
    expect(seeded(last).some((c: any) => c.status === 'held')).toBe(true);
    expect(seeded(last).some((c: any) => c.status === 'overdue')).toBe(true);
    // The demo secretary's own board is their branch's.
    const mine = ok(await gw.call('org', 'orgLifeBoard', {}, 'demo-secretary'));
    expect(new Set(mine.cells.map((c: any) => c.branchId))).toEqual(new Set(['branch-joint']));
  });

  test('the_seed_gives_a_finalised_last_quarter_whose_meeting_counts_trace_item_by_item_to_its_records', async () => {
    const last = previousQuarter(quarterOf());
    const sheet = ok(await admin('ratingSheet', { quarter: last }));
    const finals = sheet.rows.filter((r: any) => r.status === 'final').map((r: any) => r.branchId).sort();
    expect(finals).toEqual(['br-joint-d', 'br-xinyuan', 'branch-joint'].sort());
    for (const branchId of finals) {
      const rating = ok(await admin('branchRating', { branchId, quarter: last })).sheet;
      // Each kind's 已开 in the stored 三会一课 / 主题党日 items is the count of its counted records.
      const records = ok(await admin('listOrgLife', { branchId, quarter: last })) as { kind: string; state: string }[];
      const counted = (kind: string) => records.filter((r) => r.kind === kind && r.state === 'counted').length;
      // The item's detail, one 「支委会 每月 1 次：应开 3 次，已开 3 次，缺 0 次」 per kind (orgLifeRules.checkLine).
      const rows = ['sanhui', 'themeDay'].flatMap((key) =>
        (rating.items.find((i: any) => i.key === key).detail as string).split('；').map((line) => {
          const m = /^(\S+) .*已开 (\d+) 次/.exec(line.trim());
          return { kind: m?.[1] ?? line, held: Number(m?.[2]) };
        }),
      );
      expect(rows.map((r) => r.kind).sort()).toEqual(['主题党日', '党小组会', '党课', '支委会', '支部党员大会'].sort());
      expect(rows.map((r) => [r.kind, r.held])).toEqual(rows.map((r) => [r.kind, counted(r.kind)]));
      expect(records.length).toBeGreaterThan(0);
      // The stored total is the sum of its items, and every item is scored.
      expect(rating.items.every((i: any) => i.points !== null)).toBe(true);
      expect(rating.total).toBeCloseTo(rating.items.reduce((s: number, i: any) => s + i.points, 0), 5);
    }
  });
});
