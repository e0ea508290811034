import { addYears, describeCriteria, fullYears, matchAll, matchPolicy, type MatchProfile, type PolicyCriteria } from './matching';

const TODAY = '2026-11-23';

/** Enterprises shaped like the seeded ones, plus edge cases. */
const E: Record<string, MatchProfile> = {
  hitech: { industry: '高端装备制造', headcount: 236, annualRevenueWan: 38000, foundedAt: '2015-04-18', qualifications: ['高新技术企业', '专精特新'], settledAt: '2016-03-01' },
  biotech: { industry: '生物医药', headcount: 88, annualRevenueWan: 6200, foundedAt: '2019-09-02', qualifications: ['科技型中小企业'], settledAt: '2019-10-15' },
  startup: { industry: '检验检测', headcount: 27, annualRevenueWan: 900, foundedAt: '2023-02-06', qualifications: [], settledAt: '2025-06-10' },
  logistics: { industry: '现代物流', headcount: 130, annualRevenueWan: 15000, foundedAt: '2017-11-20', qualifications: [], settledAt: '2018-01-05' },
  blank: { industry: '软件和信息技术服务', headcount: null, annualRevenueWan: null, foundedAt: null, qualifications: [], settledAt: null },
};

/** Policies covering every kind of condition. */
const P: Record<string, PolicyCriteria> = {
  open: {},
  hitechReward: { qualificationsAll: ['高新技术企业'] },
  rdSubsidy: { industries: ['生物医药', '集成电路', '高端装备制造'], qualificationsAny: ['高新技术企业', '科技型中小企业'] },
  smallMicro: { headcount: { max: 100 }, revenueWan: { max: 10000 } },
  newEntrant: { settledWithinYears: 3, yearsFounded: { max: 5 } },
  bigLeader: { headcount: { min: 200 }, revenueWan: { min: 20000 }, yearsFounded: { min: 5 } },
  specialised: { qualificationsAll: ['专精特新', '高新技术企业'], headcount: { min: 50 } },
  jobs: { headcount: { min: 30 } },
};

/** The whole table: enterprise × policy → verdict, and the gaps of every near miss. */
const TABLE: Array<[string, string, 'match' | 'near' | 'none', string[]?]> = [
  ['hitech', 'open', 'match'],
  ['hitech', 'hitechReward', 'match'],
  ['hitech', 'rdSubsidy', 'match'],
  ['hitech', 'smallMicro', 'none'],
  ['hitech', 'newEntrant', 'none'],
  ['hitech', 'bigLeader', 'match'],
  ['hitech', 'specialised', 'match'],
  ['hitech', 'jobs', 'match'],

  ['biotech', 'open', 'match'],
  ['biotech', 'hitechReward', 'near', ['高新技术企业认定']],
  ['biotech', 'rdSubsidy', 'match'],
  ['biotech', 'smallMicro', 'match'],
  ['biotech', 'newEntrant', 'none'],
  ['biotech', 'bigLeader', 'none'],
  ['biotech', 'specialised', 'near', ['专精特新认定', '高新技术企业认定']],
  ['biotech', 'jobs', 'match'],

  ['startup', 'hitechReward', 'near', ['高新技术企业认定']],
  ['startup', 'rdSubsidy', 'none'],
  ['startup', 'smallMicro', 'match'],
  ['startup', 'newEntrant', 'match'],
  ['startup', 'bigLeader', 'none'],
  ['startup', 'specialised', 'none'],
  ['startup', 'jobs', 'near', ['员工人数达到 30 人（现 27 人）']],

  ['logistics', 'rdSubsidy', 'none'],
  ['logistics', 'smallMicro', 'none'],
  ['logistics', 'bigLeader', 'none'],
  ['logistics', 'jobs', 'match'],
  ['logistics', 'hitechReward', 'near', ['高新技术企业认定']],
  ['logistics', 'specialised', 'near', ['专精特新认定', '高新技术企业认定']],

  ['blank', 'open', 'match'],
  ['blank', 'hitechReward', 'near', ['高新技术企业认定']],
  ['blank', 'smallMicro', 'near', ['填报员工人数', '填报年营业收入']],
  ['blank', 'newEntrant', 'near', ['填报成立日期', '填报入园日期']],
  ['blank', 'bigLeader', 'none'],
  ['blank', 'jobs', 'near', ['填报员工人数']],
];

describe('matchPolicy on the enterprise × policy table', () => {
  // Every row padded to four values: a shorter row would leave jest a fourth parameter it takes for `done`.
  const rows = TABLE.map(([e, p, v, g]) => [e, p, v, g ?? []] as const);
  test.each(rows)('%s × %s → %s', (ent, pol, verdict, gaps) => {
    const fit = matchPolicy(P[pol], E[ent], TODAY);
    expect(fit.verdict).toBe(verdict);
    if (verdict === 'match') {
      expect(fit.gaps).toEqual([]);
      expect(fit.blockers).toEqual([]);
      expect(fit.met.length).toBeGreaterThan(0);
    }
    if (verdict === 'near') {
      expect(fit.gaps).toEqual(gaps);
      expect(fit.blockers).toEqual([]);
    }
    if (verdict === 'none') expect(fit.blockers.length + fit.gaps.length).toBeGreaterThan(0);
  });
});

describe('reasons', () => {
  test('a_match_says_which_conditions_hold_with_the_enterprises_own_figures', () => {
    const fit = matchPolicy(P.rdSubsidy, E.biotech, TODAY);
    expect(fit.met).toEqual(['所属行业为生物医药', '已认定科技型中小企业']);
    expect(matchPolicy(P.bigLeader, E.hitech, TODAY).met).toEqual([
      '员工人数 236 人（不少于 200 人）',
      '年营业收入 38000 万元（不少于 20000 万元）',
      '成立 11 年（满 5 年）',
    ]);
    expect(matchPolicy(P.smallMicro, E.startup, TODAY).met).toEqual(['员工人数 27 人（不超过 100 人）', '年营业收入 900 万元（不超过 10000 万元）']);
    expect(matchPolicy(P.newEntrant, E.startup, TODAY).met).toEqual(['成立 3 年（未满 5 年）', '2025-06-10 入园（入园未满 3 年）']);
  });

  test('a_policy_without_structured_conditions_is_open_to_every_enterprise', () => {
    expect(matchPolicy({}, E.blank, TODAY)).toEqual({ verdict: 'match', met: ['不限条件，园区企业均可申报'], gaps: [], blockers: [] });
  });

  test('blockers_name_what_cannot_be_changed', () => {
    expect(matchPolicy(P.smallMicro, E.hitech, TODAY).blockers).toEqual([
      '员工人数超过 100 人上限（现 236 人）',
      '年营业收入超过 10000 万元上限（现 38000 万元）',
    ]);
    expect(matchPolicy(P.rdSubsidy, E.logistics, TODAY).blockers).toEqual(['所属行业不在支持范围（限生物医药、集成电路、高端装备制造）']);
    expect(matchPolicy(P.newEntrant, E.hitech, TODAY).blockers).toEqual(['成立已满 5 年（限成立未满 5 年）', '入园已满 3 年（限新入园 3 年内企业）']);
  });

  test('any_of_qualifications_is_one_gap_naming_the_alternatives', () => {
    expect(matchPolicy({ qualificationsAny: ['高新技术企业', '科技型中小企业'] }, E.startup, TODAY)).toMatchObject({
      verdict: 'near',
      gaps: ['高新技术企业或科技型中小企业认定'],
    });
  });

  test('a_years_gap_within_the_coming_year_is_near_and_says_from_which_day_it_closes', () => {
    expect(matchPolicy({ yearsFounded: { min: 4 } }, E.startup, TODAY)).toMatchObject({ verdict: 'near', gaps: ['成立满 4 年（2027-02-06 起）'] });
    expect(matchPolicy({ yearsFounded: { min: 5 } }, E.startup, TODAY)).toMatchObject({ verdict: 'none', blockers: ['成立未满 5 年（2028-02-06 满）'] });
  });

  test('a_figure_far_below_a_minimum_is_a_blocker_not_a_near_miss', () => {
    expect(matchPolicy(P.bigLeader, E.biotech, TODAY).blockers).toEqual(['员工人数不足 200 人（现 88 人）', '年营业收入不足 20000 万元（现 6200 万元）']);
    expect(matchPolicy({ headcount: { min: 30 } }, { ...E.startup, headcount: 24 }, TODAY).verdict).toBe('near');
    expect(matchPolicy({ headcount: { min: 30 } }, { ...E.startup, headcount: 23 }, TODAY).verdict).toBe('none');
  });

  test('three_gaps_are_no_longer_a_near_miss', () => {
    const fit = matchPolicy({ qualificationsAll: ['高新技术企业', '专精特新', '瞪羚企业'] }, E.startup, TODAY);
    expect(fit.verdict).toBe('none');
    expect(fit.gaps).toHaveLength(3);
  });
});

describe('dates', () => {
  test('an_anniversary_counts_on_its_own_day', () => {
    expect(fullYears('2023-11-23', '2026-11-22')).toBe(2);
    expect(fullYears('2023-11-23', '2026-11-23')).toBe(3);
    expect(matchPolicy({ yearsFounded: { min: 3 } }, { ...E.blank, foundedAt: '2023-11-23' }, '2026-11-23').verdict).toBe('match');
    expect(matchPolicy({ yearsFounded: { min: 3 } }, { ...E.blank, foundedAt: '2023-11-24' }, '2026-11-23').verdict).toBe('near');
    expect(matchPolicy({ settledWithinYears: 1 }, { ...E.blank, settledAt: '2025-11-23' }, '2026-11-23').verdict).toBe('none');
    expect(matchPolicy({ settledWithinYears: 1 }, { ...E.blank, settledAt: '2025-11-24' }, '2026-11-23').verdict).toBe('match');
  });

  test('29_february_moves_to_28_february_in_a_common_year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('matchAll', () => {
  test('lists_matches_then_near_misses_with_fewest_gaps_first_and_leaves_out_the_rest', () => {
    const policies = Object.entries(P).map(([id, criteria]) => ({ id, criteria }));
    const { matched, near } = matchAll(policies, E.biotech, TODAY);
    expect(matched.map((m) => m.policy.id)).toEqual(['open', 'rdSubsidy', 'smallMicro', 'jobs']);
    expect(near.map((m) => m.policy.id)).toEqual(['hitechReward', 'specialised']);
  });
});

describe('describeCriteria', () => {
  test('puts_every_structured_condition_into_words', () => {
    expect(describeCriteria({ ...P.rdSubsidy, ...P.smallMicro, yearsFounded: { min: 1, max: 5 }, qualificationsAll: ['专精特新'], settledWithinYears: 2 })).toEqual([
      '所属行业：生物医药、集成电路、高端装备制造',
      '员工人数不超过 100 人',
      '年营业收入不超过 10000 万元',
      '成立满 1 年',
      '成立未满 5 年',
      '须认定：专精特新',
      '须认定其一：高新技术企业 或 科技型中小企业',
      '入园未满 2 年',
    ]);
    expect(describeCriteria({ headcount: { min: 10, max: 100 } })).toEqual(['员工人数 10–100 人']);
  });
});
