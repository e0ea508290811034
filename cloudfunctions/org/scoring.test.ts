import { DEFAULT_RUBRIC, evidencePoints, previousQuarter, quarterLabel, quarterOf, quarterRange, scoreSheet, starsFor, type Evidence } from './scoring';

describe('quarters in park time', () => {
  test('an_instant_belongs_to_the_park_quarter_whatever_the_server_zone', () => {
    // 2026-09-30 16:30 UTC is already 1 October in Shanghai.
    expect(quarterOf(new Date('2026-09-30T16:30:00Z'))).toBe('2026Q4');
    expect(quarterOf(new Date('2026-09-30T15:59:00Z'))).toBe('2026Q3');
  });

  test('a_quarter_runs_from_park_midnight_to_park_midnight', () => {
    const r = quarterRange('2026Q4');
    expect(r.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect([r.fromDay, r.toDay]).toEqual(['2026-10-01', '2026-12-31']);
    expect(quarterRange('2027Q1').toDay).toBe('2027-03-31');
    expect(previousQuarter('2027Q1')).toBe('2026Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
    expect(quarterLabel('2026Q4')).toBe('2026 年第四季度');
  });
});

describe('points and stars', () => {
  test('evidence_scales_linearly_up_to_the_target_and_no_further', () => {
    const item = { points: 25, target: 8 };
    expect(evidencePoints(item, 0)).toBe(0);
    expect(evidencePoints(item, 4)).toBe(12.5);
    expect(evidencePoints(item, 7)).toBe(21.9);
    expect(evidencePoints(item, 8)).toBe(25);
    expect(evidencePoints(item, 20)).toBe(25);
  });

  test('stars_come_from_the_highest_band_reached', () => {
    const bands = DEFAULT_RUBRIC.bands;
    expect(starsFor(95, bands)).toEqual({ stars: 5, allowance: 3000 });
    expect(starsFor(90, bands)).toEqual({ stars: 5, allowance: 3000 });
    expect(starsFor(89.9, bands)).toEqual({ stars: 4, allowance: 2000 });
    expect(starsFor(12, bands)).toEqual({ stars: 1, allowance: 0 });
    expect(starsFor(50, [{ stars: 3, minScore: 60, allowance: 100 }])).toEqual({ stars: 0, allowance: 0 });
  });

  test('the_default_rubric_totals_100_points', () => {
    expect(DEFAULT_RUBRIC.items.reduce((s, i) => s + i.points, 0)).toBe(100);
  });
});

describe('a branch sheet', () => {
  const available = new Set(['orgLife.sanhuiyike', 'orgLife.themeDay', 'orgLife.attendance', 'checkin.lecture']);
  const ev = new Map<string, Evidence>([
    ['orgLife.sanhuiyike', { value: 8, unit: '次', detail: '支部党员大会 1 次…' }],
    ['orgLife.themeDay', { value: 2, unit: '次', detail: '主题党日 2 次' }],
    ['orgLife.attendance', { value: 90, unit: '%', detail: '平均参会率 90%' }],
  ]);

  test('evidence_items_fill_themselves_and_missing_evidence_scores_zero', () => {
    const s = scoreSheet(DEFAULT_RUBRIC, ev, {}, available);
    const by = Object.fromEntries(s.items.map((i) => [i.key, i]));
    expect(by.sanhui).toMatchObject({ auto: true, value: 8, points: 25 });
    expect(by.themeDay).toMatchObject({ auto: true, value: 2, points: 10 });
    expect(by.attendance).toMatchObject({ auto: true, points: 10 });
    expect(by.lecture).toMatchObject({ auto: true, value: 0, points: 0, detail: '暂无记录' });
    // Providers not available yet and 'manual' items wait for the assessor.
    for (const k of ['study', 'volunteer', 'demands', 'feature']) expect(by[k]).toMatchObject({ auto: false, points: null });
    expect(s.complete).toBe(false);
    expect(s.total).toBe(45);
  });

  test('assessor_scores_complete_the_sheet_and_are_capped_at_the_item_points', () => {
    const m = (points: number) => ({ points, note: '依据', scoredBy: 'demo-admin', scoredAt: new Date() });
    const s = scoreSheet(DEFAULT_RUBRIC, ev, { study: m(15), volunteer: m(8), demands: m(5), feature: m(99) }, available);
    expect(s.complete).toBe(true);
    expect(s.items.find((i) => i.key === 'feature')!.points).toBe(10);
    expect(s.total).toBe(83);
    expect([s.stars, s.allowance]).toEqual([4, 2000]);
  });

  test('a_veto_keeps_the_total_but_gives_no_star_and_no_allowance', () => {
    const m = (points: number) => ({ points, note: '依据', scoredBy: 'demo-admin', scoredAt: new Date() });
    const veto = { ruleKey: 'credit', ruleLabel: '企业严重失信', reason: '失信名单', by: 'demo-admin', byName: '王建国', at: new Date() };
    const s = scoreSheet(DEFAULT_RUBRIC, ev, { study: m(15), volunteer: m(8), demands: m(5), feature: m(10) }, available, { veto });
    expect([s.total, s.stars, s.allowance, s.veto?.ruleKey]).toEqual([83, 0, 0, 'credit']);
  });

  test('an_accepted_correction_replaces_an_evidence_items_points_and_a_later_assessor_score_beats_it_on_a_hand_item', () => {
    const t0 = new Date(Date.now() - 60_000);
    const t1 = new Date();
    const adjustments = {
      sanhui: { points: 20, note: '申诉受理：签到表', appealId: 'ap1', by: 'demo-admin', at: t0 },
      feature: { points: 9, note: '申诉受理：亮点', appealId: 'ap2', by: 'demo-admin', at: t0 },
    };
    const s = scoreSheet(DEFAULT_RUBRIC, ev, { feature: { points: 6, note: '复核', scoredBy: 'demo-admin', scoredAt: t1 } }, available, { adjustments });
    const by = Object.fromEntries(s.items.map((i) => [i.key, i]));
    expect(by.sanhui).toMatchObject({ value: 8, points: 20, adjusted: { from: 25, appealId: 'ap1' } });
    expect(by.feature.points).toBe(6);
    const earlier = scoreSheet(DEFAULT_RUBRIC, ev, { feature: { points: 6, note: '复核', scoredBy: 'demo-admin', scoredAt: new Date(t0.getTime() - 1) } }, available, { adjustments });
    expect(earlier.items.find((i) => i.key === 'feature')!.points).toBe(9);
  });
});
