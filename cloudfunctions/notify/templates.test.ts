/**
 * Every subscribe-message template, in every state its producers send it, passes WeChat's value rules
 * (cloudfunctions/notify/wechatRules.ts; 47003 otherwise). The data below is what the producers write, built
 * with the same helpers (parkRange, stateLabel, the producers' own state texts).
 */
import { parkRange, parkTime } from '../../server/core/time';
import { DEMAND_STATES, stateLabel } from '../demand/terms';
import { EXPIRE_REASON } from '../appointment/expire';
import { TEMPLATES } from './templates';
import { dataProblems, fieldProblem } from './wechatRules';

const sameDay = parkRange('2026-12-07T07:00:00Z', '2026-12-07T08:00:00Z'); // 15:00–16:00 park time
const overnight = parkRange('2026-12-31T13:00:00Z', '2027-01-01T01:00:00Z'); // 21:00 – next day 09:00
const longName = '星河湾生物医药科技有限公司苏州工业园区分公司'; // > 20 characters

type Case = [template: string, state: string, data: Record<string, string>];
const cases: Case[] = [];
for (const time of [sameDay, overnight]) {
  for (const state of ['待您确认', '已自动确认']) cases.push(['newBooking', state, { enterprise: longName, topic: '商标侵权维权咨询', time, state }]);
  cases.push(['bookingResult', 'confirmed', { expert: '周文', time, place: '党群服务中心二楼洽谈室', state: '已确认' }]);
  cases.push(['bookingResult', 'served', { expert: '周文', time, place: '党群服务中心二楼洽谈室', state: '服务已完成，请评价', note: '已完成咨询' }]);
  cases.push(['appointmentReminder', 'to enterprise', { expert: '周文', time, place: '党群服务中心', topic: '商标侵权维权咨询' }]);
  cases.push(['appointmentReminder', 'to expert', { enterprise: longName, time, place: '党群服务中心', topic: '商标侵权维权咨询' }]);
  for (const reason of ['未说明', '临时出差，改期再约', EXPIRE_REASON]) {
    for (const by of [longName, '周文', '党群服务中心', '系统']) cases.push(['bookingCancelled', `${reason}/${by}`, { time, reason, by }]);
  }
  cases.push(['volunteerPromoted', 'promoted', { title: '“送党课进企业”志愿宣讲活动（第三期）', time, state: '已确认参加' }]);
  cases.push(['volunteerCancelled', 'cancelled', { title: '园区科普日', time, reason: '天气原因' }]);
  cases.push(['volunteerChanged', 'moved', { title: '“送党课进企业”志愿宣讲活动（第三期）'.slice(0, 20), time, place: '党群服务中心大厅' }]);
  cases.push(['volunteerReminder', 'tomorrow', { title: '“送党课进企业”志愿宣讲活动（第三期）'.slice(0, 20), time, place: '党群服务中心大厅' }]);
  cases.push(['bookingResult', 'record reminder', { expert: longName, time, place: '党群服务中心二楼洽谈室', state: '请记录服务' }]);
  cases.push(['bookingResult', 'unrecorded', { expert: '周文', time, place: '线上', state: '逾期未记录', note: '' }]);
  // Issue 22: reschedule, leave, the confirm deadline and no-shows (the producers' own texts).
  for (const state of ['已改约（自动确认）', '已改约，待您确认', '即将开始，请尽快确认', '专家仍未确认，请协调']) {
    cases.push(['newBooking', state, { enterprise: longName, topic: '周文未确认', time, state }]);
  }
  for (const state of ['已改约并确认', '专家请假，请改约', '专家已销假，原预约有效', '记为未到场，如有异议可申诉', '记为专家未到场', '未到场申诉待处理', '未到场记录已核销', '中心已为您登记请假']) {
    cases.push(['bookingResult', state, { expert: longName, time, place: '请假期间', state }]);
  }
}

test('the_short_forms_of_the_issue_22_states_say_what_happened', () => {
  const phraseOf = (state: string) => TEMPLATES.bookingResult.fields({ expert: 'x', time: sameDay, place: 'y', state }).phrase4;
  expect(phraseOf('专家请假，请改约')).toBe('请改约');
  expect(phraseOf('记为未到场，如有异议可申诉')).toBe('未到场');
  expect(TEMPLATES.newBooking.fields({ enterprise: 'x', topic: 'y', time: sameDay, state: '已改约，待您确认' }).phrase4).toBe('待确认');
});
cases.push(['demandAssigned', 'assigned', { enterprise: longName, title: '技改项目贷款对接', due: '2026-12-10' }]);
for (const state of DEMAND_STATES) {
  for (const assigned of [false, true]) {
    for (const note of ['', '已联系两家合作银行安排尽调，预计下周给出结论。']) {
      cases.push(['demandProgress', `${state}/${assigned}/${note ? 'note' : 'no note'}`, { title: '技改项目贷款对接', state: stateLabel(state, assigned), handler: assigned ? '吴倩' : '', note }]);
    }
  }
}
// Issue 22: a demand left waiting for the enterprise (demand/waiting.ts): the reminder and the close.
cases.push(['demandProgress', 'wait reminder', { title: '技改项目贷款对接', state: stateLabel('waiting_enterprise', true), handler: '吴倩', note: '请于12月18日 15:00前补充：请补充劳动合同原件扫描件。' }]);
cases.push(['demandProgress', 'lapsed', { title: '技改项目贷款对接', state: '逾期未补充，已关闭', handler: '吴倩', note: '未在期限内补充材料，诉求已关闭；补齐材料后可重新提交。' }]);
test('the_lapse_state_reads_已关闭_in_wechat', () => {
  expect(TEMPLATES.demandProgress.fields({ title: 'x', state: '逾期未补充，已关闭', handler: '', note: '' }).phrase2).toBe('已关闭');
});
for (const kind of ['诉求', '代办', '投诉建议', '不满意重办']) {
  for (const enterprise of [longName, '', '张三']) {
    cases.push(['demandNew', `${kind}/${enterprise || 'visitor'}`, { kind, enterprise, title: '技改项目贷款对接', time: parkTime('2026-12-07T07:00:00Z'), note: kind === '不满意重办' ? '名单中的银行不做此类贷款' : '' }]);
  }
}
cases.push(['demandDue', 'due soon', { title: '技改项目贷款对接', enterprise: longName, due: parkTime('2026-12-07T07:00:00Z'), left: '剩余0.8个工作日' }]);
for (const handler of ['吴倩', '待分派']) {
  cases.push(['demandOverdue', handler, { title: '【投诉·党群服务中心】窗口排队时间过长', enterprise: '', handler, over: '已逾期12.5个工作日' }]);
}
for (const deadline of ['2026-12-31', '']) {
  cases.push(['policyMatched', `matched/${deadline || '常年'}`, { title: '苏州工业园区科技型中小企业研发费用补贴（2027年度）', enterprise: longName, issuer: '苏州工业园区科技创新委员会', deadline, note: '符合贵企业画像，可查看申报条件' }]);
}
for (const left of ['还剩7天', '还剩1天', '今天截止']) {
  cases.push(['policyDeadline', left, { title: '苏州工业园区科技型中小企业研发费用补贴（2027年度）', enterprise: longName, deadline: '2026-12-31', left }]);
}
for (const todo of ['学习资料、自学记录', '自学记录', '学习资料']) {
  cases.push(['studyReminder', todo, { group: '星河湾产业园联合党支部学习小组', topic: '学党章 守党规 做合格党员', todo, deadline: '12月31日前', deadlineDay: '2026-12-31' }]);
}

for (const [topic, detail] of [
  ['党费收缴提醒', '2026年11月尚有 3 人未缴、2 人未登记'],
  ['发展党员待办', '张晓明：可列为发展对象'],
  ['发展党员待办', '李华：未定培养联系人'],
  ['发展党员待办', '王强：预备期将满，可讨论转正'],
]) {
  cases.push(['partyReminder', detail, { topic, branch: '星河湾产业园联合党支部', detail, day: '2026-12-10' }]);
}

test.each(cases)('%s (%s) sends only values WeChat accepts', (template, _state, data) => {
  const spec = TEMPLATES[template];
  expect(spec).toBeDefined();
  expect(dataProblems(spec.fields(data))).toEqual([]);
});

test('every_template_a_producer_queues_has_a_spec_and_every_spec_is_covered_above', () => {
  const covered = new Set(cases.map((c) => c[0]));
  expect([...covered].sort()).toEqual(Object.keys(TEMPLATES).sort());
});

test('time_fields_keep_the_whole_range_joined_with_a_tilde', () => {
  expect(TEMPLATES.newBooking.fields({ enterprise: 'a', topic: 'b', time: sameDay, state: '待您确认' }).time3).toBe('2026年12月07日 15:00~16:00');
  expect(TEMPLATES.bookingCancelled.fields({ time: overnight, reason: 'x', by: 'y' }).time1).toBe('2026年12月31日 21:00~2027年01月01日 09:00');
});

describe('the rules themselves (what WeChat refuses with 47003)', () => {
  test.each([
    ['time3', '2026年12月07日 15:00–16', false], // the old cut en-dash range
    ['time3', '2026年12月07日 15:00~16:00', true],
    ['time2', '15:01', true],
    ['time2', '', false],
    ['date3', '2026年12月10日', true],
    ['date3', '12月31日前', false],
    ['phrase4', '服务已完成，请评价', false],
    ['phrase2', '已办结待评价', false],
    ['phrase2', '已办结', true],
    ['phrase2', '待确认!', false],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', true],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一', false],
    ['thing4', '', false],
    ['character_string1', 'AB-123', true],
    ['character_string1', '编号123', false],
    ['number2', '12.5', true],
    ['number2', '12元', false],
    ['name1', '周文', true],
    ['name1', '周文Zhou', false],
    ['unknown1', 'x', false],
  ])('%s = %j accepted: %s', (field, value, ok) => {
    expect(fieldProblem(field, value) === null).toBe(ok);
  });
});
