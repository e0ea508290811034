/**
 * 办理统计 on the seeded demands (local/seed-policy.ts → SEED_DEMANDS), through the gateway.
 * Its own gateway and data folder, so no other test's demands are counted.
 *
 * The seeded demands, by month of submission (M-1 = last month) — durations in hours:
 *   M-3  融资 rated 52 · 法律 rated 30 · 政策咨询 rated 8 · 用工 resolved 120 · 审批代办 open, overdue
 *   M-2  融资 rated 72 · 法律 resolved 20 · 融资 accepted, overdue · 其他 withdrawn · 政策咨询 rated 36
 *   M-1  用工 rated 96 · 审批代办 unassigned · 融资 in progress (due later) · 法律 assigned (due later)
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { now } from '../../server/core/time';
import { col } from '../../server/core/db';
import { DAY_MS } from './calendar';
import { loadCalendar, slaOf } from './sla';

/**
 * The service-level figures as the pure clock (./calendar.ts, ./sla.ts slaOf) computes them from the
 * documents, demand by demand — what the database pipeline must agree with. Seeded dates move with
 * the day the tests run, so the expected overdue counts are computed, not written down.
 */
async function reference(filter: (d: { month: string; category: string }) => boolean) {
  const [{ data }, cal] = await Promise.all([col('demands').limit(1000).get(), loadCalendar()]);
  const at = new Date();
  const rows = data.filter((d) => d.state !== 'cancelled' && filter(d)).map((d) => slaOf(d, cal, at));
  const used = rows.filter((r) => r.onTime !== null).map((r) => r.usedDays).sort((a, b) => a - b);
  return {
    overdue: rows.filter((r) => r.overdue).length,
    onTime: rows.filter((r) => r.onTime === true).length,
    usedDays: used,
  };
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const month = (ago: number) => now().subtract(ago, 'month').format('YYYY-MM');

test('figures_per_category_month_and_overall_are_computed_in_the_database_from_the_seeded_demands', async () => {
  const r = await gw.call('demand', 'stats', {}, 'demo-admin');
  expect(r.body.ok).toBe(true);
  const s = r.body.data;
  // 13 collected (the withdrawn one is not), 8 resolved, median of 8 20 30 36 52 72 96 120 = (36+52)/2.
  // Overdue is the service level's now (findings S-01): counted from submission whether assigned or
  // not, so the 待分派 代办 of last month counts once its 15 working days are gone — no longer only
  // the two assigned ones past the 办理期限 they were given.
  const all = await reference(() => true);
  expect(s.total).toMatchObject({ collected: 13, resolved: 8, rate: 0.615, medianHours: 44, overdue: all.overdue, onTime: all.onTime });
  expect(all.overdue).toBeGreaterThanOrEqual(2); // dm-seed-05 and dm-seed-08, months past any class's deadline
  const byCategory = Object.fromEntries(s.byCategory.map(({ category, ...f }: { category: string }) => [category, f]));
  expect(byCategory).toMatchObject({
    融资: { collected: 4, resolved: 2, rate: 0.5, medianHours: 62, overdue: (await reference((d) => d.category === '融资')).overdue },
    法律: { collected: 3, resolved: 2, rate: 0.667, medianHours: 25, overdue: (await reference((d) => d.category === '法律')).overdue },
    政策咨询: { collected: 2, resolved: 2, rate: 1, medianHours: 22, overdue: 0 },
    用工: { collected: 2, resolved: 2, rate: 1, medianHours: 108, overdue: 0 },
    审批代办: { collected: 2, resolved: 0, rate: 0, medianHours: null, overdue: (await reference((d) => d.category === '审批代办')).overdue },
  });
  expect(Object.keys(byCategory).sort()).toEqual(['审批代办', '政策咨询', '法律', '用工', '融资'].sort());
  expect(s.byMonth).toMatchObject([
    { month: month(3), collected: 5, resolved: 4, rate: 0.8, medianHours: 41, overdue: (await reference((d) => d.month === month(3))).overdue },
    { month: month(2), collected: 4, resolved: 3, rate: 0.75, medianHours: 36, overdue: (await reference((d) => d.month === month(2))).overdue },
    { month: month(1), collected: 4, resolved: 1, rate: 0.25, medianHours: 96, overdue: (await reference((d) => d.month === month(1))).overdue },
  ]);
  const cell = (c: string, m: string) => s.byCategoryMonth.find((x: { category: string; month: string }) => x.category === c && x.month === m);
  expect(cell('融资', month(2))).toMatchObject({ category: '融资', month: month(2), collected: 2, resolved: 1, rate: 0.5, medianHours: 72, overdue: 1 });
  expect(cell('用工', month(3))).toMatchObject({ collected: 1, resolved: 1, medianHours: 120 });
  expect(s.byCategoryMonth.reduce((n: number, x: { collected: number }) => n + x.collected, 0)).toBe(13);
  expect([s.fromMonth, s.toMonth]).toEqual([month(11), month(0)]);
});

test('a_month_range_narrows_the_figures_and_a_new_resolution_counts_at_once', async () => {
  const only = (await gw.call('demand', 'stats', { fromMonth: month(1), toMonth: month(1) }, 'demo-admin')).body.data;
  expect(only.total).toMatchObject({ collected: 4, resolved: 1, rate: 0.25, medianHours: 96, overdue: (await reference((d) => d.month === month(1))).overdue });
  expect(only.byMonth.map((m: { month: string }) => m.month)).toEqual([month(1)]);

  // The in-progress 融资 demand of last month is resolved now: M-1 has two resolved.
  expect((await gw.call('demand', 'resolve', { id: 'dm-seed-13', resolution: '贴息申报材料已报送并获受理。' }, 'demo-expert-finance')).body.ok).toBe(true);
  const after = (await gw.call('demand', 'stats', { fromMonth: month(1), toMonth: month(1) }, 'demo-admin')).body.data;
  expect(after.total).toMatchObject({ collected: 4, resolved: 2, rate: 0.5 });
  const empty = (await gw.call('demand', 'stats', { fromMonth: '2020-01', toMonth: '2020-12' }, 'demo-admin')).body.data;
  expect(empty.total).toMatchObject({ collected: 0, resolved: 0, rate: null, medianHours: null, overdue: 0, onTimeRate: null, medianWorkingDays: null });
  expect((await gw.call('demand', 'stats', { fromMonth: '2026-05', toMonth: '2026-01' }, 'demo-admin')).body.error.code).toBe('VALIDATION');
});

test('more_than_20_category_month_cells_are_all_reported_not_cut_to_the_20_rows_of_an_aggregation_without_limit', async () => {
  // CloudBase returns 20 rows from an aggregation with no final .limit() (findings P-02); the emulator does too.
  // 30 more demands, one per category × month over 5 earlier months: 30 new cells on top of the seeded ones.
  const { col } = await import('../../server/core/db');
  const { DEMAND_CATEGORIES } = await import('./terms');
  const model = (await col('demands').doc('dm-seed-01').get()).data[0] as unknown as Record<string, unknown>;
  const { _id: _ignored, ...rest } = model;
  let n = 0;
  for (let ago = 4; ago <= 8; ago++) {
    for (const category of DEMAND_CATEGORIES) {
      await col('demands').add({ ...rest, _id: `dm-many-${++n}`, category, month: month(ago) } as never);
    }
  }
  const s = (await gw.call('demand', 'stats', {}, 'demo-admin')).body.data;
  expect(s.byCategoryMonth.length).toBeGreaterThan(20);
  expect(s.byCategoryMonth.reduce((k: number, x: { collected: number }) => k + x.collected, 0)).toBe(s.total.collected);
  expect(s.byMonth.reduce((k: number, x: { collected: number }) => k + x.collected, 0)).toBe(s.total.collected);
  expect(s.byMonth.map((m: { month: string }) => m.month)).toEqual(expect.arrayContaining([month(4), month(8)]));
  expect(s.total.collected).toBe(13 + 30);
});
