import { aggregate } from 'mingo';
import { checkForm, coverageRates, mismatchExpr, nearbyCandidates, revenueBand, ruleFor, type CandidateBranch, type OrgForm } from './rules';

describe('form suggestion rule', () => {
  // full members, probationary (never counted), current form, instructor → suggested, matches
  const cases: [number, number, OrgForm | null, boolean, OrgForm, boolean][] = [
    [0, 0, null, false, '派驻', false],
    [0, 0, null, true, '派驻', true],
    [0, 2, null, false, '派驻', false], // probationary members do not make an organisation
    [0, 0, '派驻', false, '派驻', true],
    [0, 1, '联合组建', false, '派驻', false],
    [0, 1, '联合组建', true, '派驻', true],
    [1, 0, null, false, '联合组建', false],
    [1, 0, null, true, '联合组建', false], // an instructor does not replace an organisation once there are members
    [1, 0, '联合组建', false, '联合组建', true],
    [2, 3, '挂靠组建', false, '联合组建', true],
    [2, 0, '单独组建', false, '联合组建', false], // too few full members to stand alone
    [2, 0, '派驻', false, '联合组建', false],
    [3, 0, '单独组建', false, '单独组建', true],
    [3, 0, '联合组建', false, '单独组建', false], // should set up its own branch
    [3, 0, null, true, '单独组建', false],
    [12, 4, '单独组建', false, '单独组建', true],
    [12, 4, '挂靠组建', false, '单独组建', false],
  ];
  test.each(cases)('full=%i probationary=%i form=%s instructor=%s → %s, ok=%s', (full, _prob, form, hasInstructor, suggested, ok) => {
    const c = checkForm({ full, form, hasInstructor });
    expect(c.suggested).toBe(suggested);
    expect(c.ok).toBe(ok);
    expect(c.reason.length).toBeGreaterThan(5);
  });

  test('the_reason_names_what_is_wrong', () => {
    expect(checkForm({ full: 5, form: '联合组建', hasInstructor: false }).reason).toContain('目前为联合组建');
    expect(checkForm({ full: 0, form: null, hasInstructor: false }).reason).toContain('也未派驻指导员');
    expect(checkForm({ full: 2, form: null, hasInstructor: false }).reason).toContain('未建立党组织');
  });

  test('every_member_count_falls_under_exactly_one_rule', () => {
    for (let n = 0; n <= 200; n++) expect(ruleFor(n)).toBeDefined();
    expect(ruleFor(-3).suggested).toBe('派驻');
  });

  test('the_database_expression_agrees_with_checkForm_on_every_case', () => {
    const forms: (OrgForm | null)[] = [null, '单独组建', '联合组建', '挂靠组建', '派驻'];
    const docs = [];
    for (let full = 0; full <= 6; full++) for (const form of forms) for (const hasInstructor of [false, true]) docs.push({ full, form, hasInstructor });
    // A document straight from the ledger: no instructor field at all reads as false.
    docs.push({ full: 0, form: null } as never);
    const rows = aggregate(docs, [{ $addFields: { mismatch: mismatchExpr('$full', '$form', '$hasInstructor') } }]) as { full: number; form: OrgForm | null; hasInstructor?: boolean; mismatch: boolean }[];
    expect(rows).toHaveLength(docs.length);
    for (const r of rows) expect([r, r.mismatch]).toEqual([r, !checkForm({ full: r.full, form: r.form, hasInstructor: !!r.hasInstructor }).ok]);
  });
});

describe('nearby candidates', () => {
  const b = (id: string, form: OrgForm, buildings: string[], industries: string[], n = 2): CandidateBranch => ({ id, name: id, form, buildings, industries, enterpriseCount: n });
  const branches = [
    b('joint-far', '联合组建', ['C1 栋'], ['现代物流'], 2),
    b('joint-near', '联合组建', ['A2 栋'], ['生物医药'], 4),
    b('joint-same-industry', '联合组建', ['B1 栋'], ['软件和信息技术服务'], 3),
    b('single-near', '单独组建', ['A2 栋'], ['新材料'], 1),
    b('dispatched', '派驻', ['A2 栋'], ['软件和信息技术服务'], 1),
  ];

  test('joint_first_then_same_building_then_same_industry_and_never_dispatched', () => {
    const c = nearbyCandidates({ building: 'A2 栋', industry: '软件和信息技术服务' }, branches, 5);
    expect(c.map((x) => x.id)).toEqual(['joint-near', 'joint-same-industry', 'joint-far', 'single-near']);
    expect(c[0].why).toBe('同在A2 栋，可加入联合党支部');
    expect(c[1].why).toContain('同属软件和信息技术服务行业');
    expect(c[3].why).toContain('挂靠');
  });

  test('ties_go_to_the_smaller_organisation', () => {
    const c = nearbyCandidates({ building: 'Z 栋', industry: '其他' }, [b('big', '联合组建', [], [], 6), b('small', '联合组建', [], [], 2)]);
    expect(c.map((x) => x.id)).toEqual(['small', 'big']);
  });
});

describe('coverage rates', () => {
  test('rates_are_fractions_of_the_right_denominators', () => {
    // 单建率 and 联建率 divide by all enterprises (G-12), so with 挂靠 they add up to 组织覆盖率.
    const r = coverageRates({ enterprises: 40, withOrg: 30, withOrgOrInstructor: 36, single: 12, joint: 16, attached: 2, dispatched: 1, members: 250, belowThree: 3 });
    expect(r).toEqual({ orgCoverage: 0.75, workCoverage: 0.9, singleRate: 0.3, jointRate: 0.4, membersPerEnterprise: 6.25 });
  });

  test('an_empty_park_is_all_zero_not_NaN', () => {
    const r = coverageRates({ enterprises: 0, withOrg: 0, withOrgOrInstructor: 0, single: 0, joint: 0, attached: 0, dispatched: 0, members: 0, belowThree: 0 });
    expect(Object.values(r).every((v) => v === 0)).toBe(true);
  });
});

describe('revenue band', () => {
  test('the_band_is_read_from_the_one_revenue_figure', () => {
    expect([revenueBand(null), revenueBand(undefined), revenueBand(0), revenueBand(99.9), revenueBand(100), revenueBand(6200), revenueBand(10000), revenueBand(80000)]).toEqual([
      '未填报', '未填报', '100万元以下', '100万元以下', '100–500万元', '2000万–1亿元', '1–5亿元', '5亿元以上',
    ]);
  });
});
