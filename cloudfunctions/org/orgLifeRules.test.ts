import { checkKind, checkKinds, checkLine, DEFAULT_ORG_LIFE_RULES } from './orgLifeRules';

describe('the 三会一课 rule check', () => {
  test('a_monthly_rule_is_met_month_by_month_so_extra_meetings_in_one_month_do_not_fill_another', () => {
    const c = checkKind({ kind: '党小组会', per: 'month', min: 1 }, [4, 0, 0]);
    expect(c).toEqual({ kind: '党小组会', per: 'month', min: 1, required: 3, held: 4, met: 1, missing: 2 });
    expect(checkLine(c)).toBe('党小组会 每月 1 次：应开 3 次，已开 4 次（按月计 1 次），缺 2 次');
  });

  test('a_quarterly_rule_is_met_once_in_any_month_and_a_kind_without_a_rule_or_with_minimum_zero_is_not_required', () => {
    expect(checkKind({ kind: '党课', per: 'quarter', min: 1 }, [0, 0, 2])).toMatchObject({ required: 1, held: 2, met: 1, missing: 0 });
    const rules = DEFAULT_ORG_LIFE_RULES.map((r) => (r.kind === '支委会' ? { ...r, min: 0 } : r)).filter((r) => r.kind !== '党课');
    expect(checkKinds(rules, ['支部党员大会', '支委会', '党小组会', '党课'], { 支委会: [1, 1, 1] }).map((c) => c.kind)).toEqual(['支部党员大会', '党小组会']);
  });
});
