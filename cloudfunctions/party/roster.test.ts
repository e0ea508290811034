/** The roster's pure rules: a row's facts, a transfer's effective day, the import's row check. Relative dates only. */
import { addDays, dayjs, parkDay } from '../../server/core/time';
import { effectiveProblem, factProblems, rosterStart, type MemberFacts } from './roster';
import { checkRosterRows } from './rosterSheet';

const today = parkDay();
const ago = (years: number) => dayjs(today).subtract(years, 'year').format('YYYY-MM-DD');
const full = (over: Partial<MemberFacts> = {}): MemberFacts => ({
  name: '测试', standing: '正式', joinedOn: ago(5), confirmedOn: ago(4), enterpriseId: null, relation: '已转入', relationHeldAt: null, phone: null, ...over,
});

test('a_rows_facts_must_be_real_past_days_with_the_confirmation_exactly_for_full_members', () => {
  expect(factProblems(full(), today)).toEqual([]);
  expect(factProblems(full({ standing: '预备', joinedOn: addDays(today, -30), confirmedOn: null }), today)).toEqual([]);
  expect(factProblems(full({ confirmedOn: null }), today)).toEqual(['正式党员须填写转正日期']);
  expect(factProblems(full({ confirmedOn: ago(6) }), today)).toEqual(['转正日期不能早于入党日期']);
  expect(factProblems(full({ standing: '预备' }), today)[0]).toContain('预备党员不填转正日期');
  expect(factProblems(full({ joinedOn: `${dayjs(today).year() - 4}-02-30` }), today)).toContain('入党日期不是有效日期');
  expect(factProblems(full({ joinedOn: addDays(today, 1), confirmedOn: null, standing: '预备' }), today)).toEqual(['入党日期不能晚于今天']);
  expect(factProblems(full({ relation: '未转入' }), today)).toEqual(['组织关系未转入园区的，请填写组织关系所在单位']);
  expect(factProblems(full({ relationHeldAt: '某街道党工委' }), today)).toEqual(['组织关系已转入园区的，不填组织关系所在单位']);
  expect(factProblems(full({ phone: '12345' }), today)).toHaveLength(1);
  expect(factProblems(full({ phone: '0512-66881921' }), today)).toEqual([]);
});

test('a_transfer_may_not_take_effect_on_or_before_the_first_day_of_last_month', () => {
  const thisMonth = rosterStart(today);
  const lastMonth = dayjs(thisMonth).subtract(1, 'month').format('YYYY-MM-DD');
  expect(effectiveProblem(lastMonth, today)).toContain(addDays(lastMonth, 1));
  expect(effectiveProblem(addDays(lastMonth, 1), today)).toBeNull();
  expect(effectiveProblem(today, today)).toBeNull();
  expect(effectiveProblem(addDays(today, 366), today)).toBeNull();
  expect(effectiveProblem(addDays(today, 367), today)).not.toBeNull();
});

test('an_imported_sheet_answers_every_bad_row_with_its_number_and_all_its_reasons', () => {
  const header = ['编号', '姓名', '所在支部', '党员类别', '入党日期', '转正日期', '工作单位', '组织关系', '组织关系所在单位', '联系电话'];
  const sheet = [
    { rowNumber: 1, cells: ['党员花名册'] },
    { rowNumber: 3, cells: header },
    { rowNumber: 4, cells: ['', '甲', '一支部', '正式', ago(5), ago(4), '', '已转入', '', ''] },
    { rowNumber: 5, cells: ['', '', '二支部', '正式党员', 'x', '', '无名公司', '在外', '', ''] },
    { rowNumber: 6, cells: ['', '甲', '一支部', '正式', ago(5), ago(4), '', '已转入', '', ''] },
    { rowNumber: 7, cells: ['pm-1', '乙', '一支部', '预备', addDays(today, -10), '', '甲公司', '已转入', '', ''] },
    { rowNumber: 8, cells: ['', '', '', '', '', '', '', '', '', ''] },
  ];
  const r = checkRosterRows(sheet, { today, branches: new Map([['一支部', 'b1']]), enterprises: new Map([['甲公司', 'e1']]), ids: new Map([['pm-1', 'b1']]) });
  expect(r.missingHeaders).toEqual([]);
  expect(r.valid.map((v) => [v.rowNumber, v.branchId, v.id, v.enterpriseId])).toEqual([[4, 'b1', null, null], [7, 'b1', 'pm-1', 'e1']]);
  expect(r.rejected.map((x) => x.rowNumber)).toEqual([5, 6]);
  const five = r.rejected[0].reason;
  for (const part of ['姓名不能为空', '所在支部“二支部”', '入党日期“x”', '工作单位“无名公司”', '组织关系“在外”']) expect(five).toContain(part);
  expect(r.rejected[1].reason).toBe('与第 4 行是同一名党员');
  expect(checkRosterRows([{ rowNumber: 1, cells: ['姓名', '党员类别'] }], { today, branches: new Map(), enterprises: new Map(), ids: new Map() }).missingHeaders).toEqual(['所在支部', '入党日期', '组织关系']);
});
