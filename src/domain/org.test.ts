import { changeText, defaultMeetingTimes, kindTable, ledgerPatch, pct, pendingReasonText, quarterName, quarterOfInstant, recentQuarters, recordActions, rulesFromDraft, shiftQuarter, splitNames, starText, toForm, NO_ORG_REASONS, type LedgerFacts } from './org';
import { NO_ORG_REASONS as SERVER_NO_ORG_REASONS } from '../../cloudfunctions/org/rules';

const facts: LedgerFacts = {
  name: '苏州星河智能装备有限公司', industry: '高端装备制造', building: 'A1 栋', foundedAt: '2015-04-18', headcount: 236, annualRevenueWan: 21000,
  qualifications: ['高新技术企业'], workforce: { activists: 6, applicants: 4 }, partyMembers: { full: 14, probationary: 2, registeredInPark: 12 },
  legalPerson: { name: '王振华', isPartyMember: true }, investor: { name: '王振华', isPartyMember: true },
  noOrgReason: { kind: null, note: '' },
};

describe('figures', () => {
  test('rates_read_as_percentages_with_one_decimal', () => {
    expect(pct(0.7857)).toBe('78.6%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0)).toBe('0.0%');
  });
  test('stars_are_drawn_out_of_five', () => {
    expect(starText(4)).toBe('★★★★☆');
    expect(starText(0)).toBe('☆☆☆☆☆');
    expect(starText(9)).toBe('★★★★★');
  });
  test('quarters_step_across_years', () => {
    expect(shiftQuarter('2026Q1', -1)).toBe('2025Q4');
    expect(shiftQuarter('2026Q4', 1)).toBe('2027Q1');
    expect(recentQuarters('2026Q2', 3)).toEqual(['2026Q2', '2026Q1', '2025Q4']);
  });
});

describe('the ledger form', () => {
  test('only_changed_facts_are_sent_and_nested_ones_whole', () => {
    const f = { ...toForm(facts), headcount: '240', full: '15', legalParty: true };
    expect(ledgerPatch(facts, f, false)).toEqual({ patch: { headcount: 240, partyMembers: { full: 15, probationary: 2, registeredInPark: 12 } } });
    expect(ledgerPatch(facts, toForm(facts), true)).toEqual({ patch: {} });
  });
  test('the_name_is_sent_only_by_those_who_may_change_it', () => {
    const f = { ...toForm(facts), name: '新名字科技有限公司' };
    expect(ledgerPatch(facts, f, false).patch).toEqual({});
    expect(ledgerPatch(facts, f, true).patch).toEqual({ name: '新名字科技有限公司' });
  });
  test('numbers_and_dates_are_checked_before_sending', () => {
    expect(ledgerPatch(facts, { ...toForm(facts), activists: '三' }, false).error).toBe('入党积极分子请填写整数');
    expect(ledgerPatch(facts, { ...toForm(facts), foundedAt: '2015/4/18' }, false).error).toContain('成立日期');
    expect(ledgerPatch(facts, { ...toForm(facts), annualRevenueWan: '两亿' }, false).error).toContain('年营业收入');
    expect(ledgerPatch(facts, { ...toForm(facts), annualRevenueWan: '' }, false).patch).toEqual({ annualRevenueWan: null });
    expect(ledgerPatch(facts, { ...toForm(facts), annualRevenueWan: '22000.5' }, false).patch).toEqual({ annualRevenueWan: 22000.5 });
  });
  test('the_reason_no_organisation_was_set_up_is_sent_whole_and_other_needs_a_note', () => {
    expect(NO_ORG_REASONS).toEqual(SERVER_NO_ORG_REASONS);
    expect(ledgerPatch(facts, { ...toForm(facts), noOrgKind: '新设立企业', noOrgNote: ' 今年入园 ' }, false).patch).toEqual({ noOrgReason: { kind: '新设立企业', note: '今年入园' } });
    expect(ledgerPatch(facts, { ...toForm(facts), noOrgKind: '其他', noOrgNote: '' }, false).error).toContain('具体说明');
    // Clearing the reason drops its note too.
    const filled = { ...facts, noOrgReason: { kind: '其他' as const, note: '待核实' } };
    expect(ledgerPatch(filled, { ...toForm(filled), noOrgKind: '' }, false).patch).toEqual({ noOrgReason: { kind: null, note: '' } });
  });
  test('change_log_values_read_as_text', () => {
    expect([changeText(true), changeText(null), changeText(['高新技术企业', '专精特新']), changeText(3)]).toEqual(['是', '（空）', '高新技术企业、专精特新', '3']);
  });
});

describe('quarters and names', () => {
  test('the_quarter_of_an_instant_is_the_parks', () => {
    expect(quarterOfInstant(Date.parse('2026-09-30T16:30:00Z'))).toBe('2026Q4');
    expect(quarterOfInstant(Date.parse('2026-09-30T15:30:00Z'))).toBe('2026Q3');
    expect(quarterName('2026Q4')).toBe('2026年第四季度');
  });
  test('guest_names_split_on_commas_but_keep_inner_spaces', () => {
    expect(splitNames('何晓东，小王、 老李；何晓东')).toEqual(['何晓东', '小王', '老李']);
    expect(splitNames('园区团委  王晓, 何晓东')).toEqual(['园区团委 王晓', '何晓东']);
    expect(splitNames('  ')).toEqual([]);
  });
});

describe('a meeting recorded now', () => {
  test('starts_at_the_current_park_half_hour_and_lasts_90_minutes_within_the_day', () => {
    expect(defaultMeetingTimes(Date.parse('2026-11-23T01:47:00Z'))).toEqual({ day: '2026-11-23', start: '09:30', end: '11:00' });
    expect(defaultMeetingTimes(Date.parse('2026-11-23T15:40:00Z'))).toEqual({ day: '2026-11-23', start: '23:30', end: '23:59' });
    expect(defaultMeetingTimes(Date.parse('2026-11-23T16:05:00Z')).day).toBe('2026-11-24');
  });
});

describe('organisation life (核实, rules, 三会一课 table)', () => {
  test('the_sanhui_detail_reads_as_one_row_per_kind_with_required_held_and_missing', () => {
    const detail = '支部党员大会 每季度 1 次：应开 1 次，已开 0 次，缺 1 次；支委会 每月 1 次：应开 3 次，已开 4 次（按月计 1 次），缺 2 次';
    expect(kindTable(detail)).toEqual([
      { kind: '支部党员大会', rule: '每季度 1 次', required: 1, held: 0, counted: null, missing: 1 },
      { kind: '支委会', rule: '每月 1 次', required: 3, held: 4, counted: 1, missing: 2 },
    ]);
    // An older finalised sheet's wording (no 按月计) still reads as a table.
    expect(kindTable('支委会 每月 1 次：应开 3 次，已开 3 次，缺 0 次')).toEqual([{ kind: '支委会', rule: '每月 1 次', required: 3, held: 3, counted: null, missing: 0 }]);
  });
  test('any_other_detail_stays_text_rather_than_a_half_table', () => {
    expect(kindTable('规则表未要求此类会议')).toBeNull();
    expect(kindTable('3 次组织生活共 12 人次参加，台账党员 4 名')).toBeNull();
    expect(kindTable('支委会 每月 1 次：应开 3 次，已开 3 次，缺 0 次；其他说明')).toBeNull();
    expect(kindTable('')).toBeNull();
  });
  test('rule_minimums_are_whole_numbers_from_0_to_10_before_sending', () => {
    expect(rulesFromDraft([{ kind: '党课', per: 'quarter', min: ' 2 ' }, { kind: '支委会', per: 'month', min: '0' }])).toEqual({
      rules: [{ kind: '党课', per: 'quarter', min: 2 }, { kind: '支委会', per: 'month', min: 0 }],
    });
    expect(rulesFromDraft([{ kind: '党课', per: 'quarter', min: '1.5' }]).error).toBe('党课的次数请填写 0–10 的整数');
    expect(rulesFromDraft([{ kind: '支委会', per: 'month', min: '11' }]).error).toBe('支委会的次数请填写 0–10 的整数');
    expect(rulesFromDraft([]).error).toBe('请至少保留一条规则');
  });
  test('a_withdrawn_or_locked_record_offers_no_edit_and_says_why', () => {
    expect(recordActions({ state: 'pending' }, false)).toEqual({ canEdit: true, reason: '' });
    expect(recordActions({ state: 'withdrawn' }, false)).toMatchObject({ canEdit: false, reason: '该记录已撤回，不再计入星级评定。' });
    expect(recordActions({ state: 'counted' }, true)).toMatchObject({ canEdit: false, reason: '该季度星级已定级，本季度的记录已锁定。' });
  });
  test('the_verify_list_says_why_a_record_waits', () => {
    expect([pendingReasonText('late'), pendingReasonText('edited'), pendingReasonText(null)]).toEqual(['会后 7 天以上补录', '会后修改了记录', '待核实']);
  });
});
