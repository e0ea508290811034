/**
 * Service levels, closing the loop and 投诉建议, through the gateway against the emulator. Every date
 * is relative to now: a demand is filed through the real actions and then its timeline is moved back
 * in time (as if filed days ago), which is what the clock reads. Its own gateway and data folder.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { addDays, dayStart, inPark, isoWeekday, parkDay } from '../../server/core/time';
import { DAY_MS, usedMs, workingMs } from './calendar';
import { loadCalendar } from './sla';
import { slaSweepRun } from './sweep';
import { deliverDue } from '../notify/deliver';
import { roleRecipient } from '../../server/core/outbox';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const A = 'demo-enterprise-a';
const A2 = 'demo-enterprise-a2';
const B = 'demo-enterprise-b';
const FINANCE = 'demo-expert-finance';
const LEGAL = 'demo-expert-legal';
const ADMIN = 'demo-admin';
const VISITOR = 'demo-visitor';
const HOUR = 3_600_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

async function ok(fn: string, act: string, params: Record<string, unknown>, openid: string) {
  const r = await gw.call(fn, act, params, openid);
  expect([act, r.body.ok, r.body.error]).toEqual([act, true, undefined]);
  return r.body.data;
}

async function submit(openid: string, category: string, title = '设备采购资金对接'): Promise<string> {
  return (await ok('demand', 'submit', { category, title, description: '需要协助对接合作银行，说明见附件。' }, openid)).id;
}

/** Moves the demand's steps to the given instants (by position in its timeline), as if done then. */
async function backdate(id: string, ats: Date[]): Promise<void> {
  const [d] = (await col('demands').doc(id).get()).data;
  expect(d.timeline).toHaveLength(ats.length);
  const timeline = d.timeline.map((t, i) => ({ ...t, at: ats[i] }));
  await col('demands').doc(id).update({ timeline, submittedAt: ats[0], month: inPark(ats[0]).format('YYYY-MM') });
}

const outboxOf = async (id: string, type: string) => (await col('outbox').where({ ref: `demands/${id}`, type }).get()).data;
/**
 * Who a notice to the admins reached: the filing queues one row addressed to the role, and a
 * delivery run fans it out to the admins of that moment (notify/deliver.ts).
 */
async function adminsTold(id: string, type: string): Promise<string[]> {
  const roleRows = (await outboxOf(id, type)).filter((r) => r.toRole === 'admin');
  expect(roleRows.map((r) => r.toOpenid)).toEqual([roleRecipient('admin')]);
  await deliverDue({ send: async () => ({ ok: true, channel: 'test' }) }, { runId: freshOpenid('run'), batch: 1000 });
  return (await outboxOf(id, type)).filter((r) => !r.toRole).map((r) => r.toOpenid);
}

test('admins_are_told_of_each_new_demand_at_once', async () => {
  const id = await submit(A, '用工', '招聘会展位申请');
  const [roleRow] = await outboxOf(id, 'demand.new');
  expect(roleRow).toMatchObject({ template: 'demandNew', status: 'pending', toRole: 'admin', data: { title: '招聘会展位申请', kind: '诉求' } });
  const told = await adminsTold(id, 'demand.new');
  expect(told).toContain(ADMIN);
  expect(new Set(told).size).toBe(told.length);
  const copies = (await outboxOf(id, 'demand.new')).filter((r) => !r.toRole);
  expect(copies.every((r) => r.template === 'demandNew' && r.data.title === '招聘会展位申请' && r.status === 'sent')).toBe(true);
  expect((await col('outbox').doc(roleRow._id).get()).data[0]).toMatchObject({ status: 'fanned', fannedOut: told.length });
  const d = await ok('demand', 'get', { id }, ADMIN);
  // The clock runs from submission, nobody assigned yet: 用工 is 一般, 5 working days.
  expect(d.sla).toMatchObject({ serviceClass: '一般', days: 5, running: true, paused: false, overdue: false });
  expect(d).toMatchObject({ serviceClass: '一般', slaDays: 5, slaVersion: 0 });
});

test('an_unassigned_demand_goes_overdue_from_its_submission', async () => {
  // 政策咨询 is 咨询: 1 working day. Filed a week ago and never assigned (findings S-01).
  const id = await submit(B, '政策咨询', '研发费用加计扣除咨询');
  const weekAgo = new Date(Date.now() - 7 * DAY_MS);
  await backdate(id, [weekAgo]);
  const d = await ok('demand', 'get', { id }, ADMIN);
  expect(d).toMatchObject({ state: 'submitted', handlerName: null, overdue: true });
  expect(d.sla.remainingDays).toBeLessThan(0);
  const overdue = await ok('demand', 'list', { view: 'overdue' }, ADMIN);
  expect(overdue.items.map((x: { id: string }) => x.id)).toContain(id);
});

test('the_clock_pauses_while_waiting_for_the_enterprise_and_runs_again_on_its_answer', async () => {
  const id = await submit(A, '法律'); // 一般, 5 working days
  await ok('demand', 'assign', { id, handlerOpenid: LEGAL }, ADMIN);
  await ok('demand', 'accept', { id }, LEGAL);
  const asked = await ok('demand', 'askInfo', { id, question: '请补充劳动合同原件扫描件。' }, LEGAL);
  expect(asked).toMatchObject({ state: 'waiting_enterprise', stateLabel: '待补充材料', question: '请补充劳动合同原件扫描件。' });
  expect(asked.sla).toMatchObject({ running: false, paused: true, dueAt: null });
  expect((await outboxOf(id, 'demand.waiting_enterprise')).map((r) => r.toOpenid)).toEqual([A]);
  // Filed 12 days ago, the question asked 11 days ago: one calendar day on the clock, then paused.
  const now = Date.now();
  const filed = new Date(now - 12 * DAY_MS);
  const askedAt = new Date(now - 11 * DAY_MS);
  await backdate(id, [filed, new Date(filed.getTime() + 60_000), new Date(filed.getTime() + 120_000), askedAt]);
  const cal = await loadCalendar();
  const waiting = await ok('demand', 'get', { id }, A);
  expect(waiting.sla.usedDays).toBe(round1(workingMs(filed, askedAt, cal) / DAY_MS));
  expect(waiting.overdue).toBe(false);
  // Without the pause those 12 days would be far past the 5 working days.
  expect(usedMs(filed, [], true, new Date(now), cal)).toBeGreaterThan(5 * DAY_MS);
  // Another enterprise's contact cannot answer; the handler cannot either (it is the enterprise's to answer).
  expect((await gw.call('demand', 'answerInfo', { id, answer: '已补充。' }, B)).body.error.code).toBe('NOT_FOUND');
  expect((await gw.call('demand', 'answerInfo', { id, answer: '已补充。' }, LEGAL)).body.error.code).toBe('FORBIDDEN');
  const answered = await ok('demand', 'answerInfo', { id, answer: '扫描件已发至中心邮箱。' }, A2);
  expect(answered).toMatchObject({ state: 'in_progress', question: null });
  expect(answered.sla).toMatchObject({ running: true, paused: false, overdue: false });
  expect(answered.sla.usedDays).toBeCloseTo(waiting.sla.usedDays, 1);
  expect((await outboxOf(id, 'demand.answered')).map((r) => r.toOpenid)).toEqual([LEGAL]);
  expect(answered.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'askInfo', 'answerInfo']);
});

test('an_overdue_demand_is_escalated_to_the_admins_once_however_often_the_timer_runs', async () => {
  const id = await submit(B, '政策咨询', '人才公寓申请政策咨询');
  await ok('demand', 'assign', { id, handlerOpenid: FINANCE }, ADMIN);
  const [d] = (await col('demands').doc(id).get()).data;
  const filed = new Date(Date.now() - 6 * DAY_MS);
  await backdate(id, [filed, new Date(filed.getTime() + HOUR)]);
  expect(d.escalatedRound ?? null).toBeNull();
  // Two timers at once, then the admin's button, then the timer again.
  await Promise.all([slaSweepRun(new Date()), slaSweepRun(new Date())]);
  await ok('demand', 'slaSweep', {}, ADMIN);
  await slaSweepRun(new Date());
  const rows = await outboxOf(id, 'demand.overdue');
  const to = rows.map((r) => r.toOpenid).sort();
  expect(to).toEqual([...new Set(to)]);
  expect(to).toEqual(expect.arrayContaining([ADMIN, FINANCE]));
  expect(rows[0]).toMatchObject({ template: 'demandOverdue', data: { handler: '吴倩', title: '人才公寓申请政策咨询' } });
  const [after] = (await col('demands').doc(id).get()).data;
  expect(after.escalatedRound).toBe(0);
});

test('a_demand_near_its_deadline_is_flagged_to_its_handler_once', async () => {
  const cal = await loadCalendar();
  // A 咨询 demand (1 working day) with 0.6–0.9 of it used: filed that many working hours ago.
  const now = new Date();
  let hours = 1;
  while (!(workingMs(new Date(now.getTime() - hours * HOUR), now, cal) >= 0.6 * DAY_MS && workingMs(new Date(now.getTime() - hours * HOUR), now, cal) <= 0.9 * DAY_MS)) hours++;
  const id = await submit(A, '政策咨询', '首台套奖励申报时间咨询');
  await ok('demand', 'assign', { id, handlerOpenid: FINANCE }, ADMIN);
  const filed = new Date(now.getTime() - hours * HOUR);
  await backdate(id, [filed, new Date(filed.getTime() + 60_000)]);
  const d = await ok('demand', 'get', { id }, FINANCE);
  expect(d.sla).toMatchObject({ dueSoon: true, overdue: false });
  await slaSweepRun(new Date());
  await slaSweepRun(new Date());
  const rows = await outboxOf(id, 'demand.dueSoon');
  expect(rows.map((r) => r.toOpenid)).toEqual([FINANCE]);
  expect(rows[0]).toMatchObject({ template: 'demandDue', data: { title: '首台套奖励申报时间咨询' } });
  expect(await outboxOf(id, 'demand.overdue')).toEqual([]);
});

test('an_unsatisfied_rating_reopens_the_demand_for_redo_by_a_handler_the_admin_picks', async () => {
  const id = await submit(A, '融资', '贴息申报材料准备');
  await ok('demand', 'assign', { id, handlerOpenid: FINANCE }, ADMIN);
  await ok('demand', 'accept', { id }, FINANCE);
  await ok('demand', 'resolve', { id, resolution: '已提供申报材料清单。' }, FINANCE);
  // 不满意 without a reason is refused, nothing changes.
  expect((await gw.call('demand', 'rate', { id, score: 2 }, A)).body.error.code).toBe('VALIDATION');
  expect((await col('demands').doc(id).get()).data[0].state).toBe('resolved');

  const redo = await ok('demand', 'rate', { id, score: 1, reason: '清单与区里最新要求不一致。' }, A);
  expect(redo).toMatchObject({ state: 'reopened', stateLabel: '不满意待重办', score: 1, unsatisfied: true, reopenCount: 1, resolvedAt: null });
  expect(redo.sla.running).toBe(true);
  expect(await adminsTold(id, 'demand.redo')).toContain(ADMIN);
  const unassigned = await ok('demand', 'list', { view: 'unassigned' }, ADMIN);
  expect(unassigned.items.map((x: { id: string }) => x.id)).toContain(id);
  // The old handler can do nothing more until the admin decides.
  expect((await gw.call('demand', 'resolve', { id, resolution: '再次办结。' }, FINANCE)).body.error.code).toBe('CONFLICT');

  // The admin hands it to another handler, who accepts and resolves; then a satisfied rating closes it.
  const reassigned = await ok('demand', 'assign', { id, handlerOpenid: LEGAL, note: '请法律服务团复核' }, ADMIN);
  expect(reassigned).toMatchObject({ state: 'submitted', handlerName: '周文' });
  expect(reassigned.timeline.at(-1).note).toContain('重办');
  await ok('demand', 'accept', { id }, LEGAL);
  await ok('demand', 'resolve', { id, resolution: '已按区级最新口径重新整理材料。' }, LEGAL);
  const rated = await ok('demand', 'rate', { id, score: 4 }, A);
  expect(rated).toMatchObject({ state: 'rated', score: 4, unsatisfied: true, closedMonth: inPark(new Date()).format('YYYY-MM') });
  expect(rated.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'resolve', 'redo', 'assign', 'accept', 'resolve', 'rate']);
  const log = (await col('audit').where({ target: `demands/${id}`, action: 'assign' }).get()).data;
  expect(log.map((l) => (l.after as { redo: boolean }).redo)).toEqual(expect.arrayContaining([false, true]));
});

test('the_redo_step_the_page_offers_is_a_dissatisfied_rating_with_its_reason', async () => {
  const id = await submit(B, '用工', '外籍员工工作许可咨询');
  await ok('demand', 'assign', { id, handlerOpenid: ADMIN }, ADMIN);
  await ok('demand', 'accept', { id }, ADMIN);
  expect((await ok('demand', 'resolve', { id, resolution: '已告知办理流程。' }, ADMIN)).state).toBe('resolved');
  expect((await ok('demand', 'get', { id }, B)).actions).toEqual(['rate', 'redo', 'reopen']);
  expect((await gw.call('demand', 'redo', { id, score: 3, reason: '一般' }, B)).body.error.code).toBe('VALIDATION');
  expect((await gw.call('demand', 'redo', { id, reason: '流程说明不清楚' }, A)).body.error.code).toBe('NOT_FOUND');
  expect(await ok('demand', 'redo', { id, reason: '流程说明不清楚' }, B)).toMatchObject({ state: 'reopened', score: 2, unsatisfied: true });
});

test('complaints_are_filed_by_anyone_and_seen_only_by_who_filed_them_and_admins', async () => {
  // A visitor without an enterprise, about the center itself.
  const filed = await ok('demand', 'fileComplaint', { type: '投诉', topic: '党群服务中心', title: '窗口排队时间过长', description: '周一上午窗口只开一个，排队四十分钟。' }, VISITOR);
  expect(filed).toMatchObject({ state: 'submitted', serviceClass: '投诉建议', slaDays: 10 });
  const id = filed.id;
  expect(await adminsTold(id, 'demand.new')).toContain(ADMIN);
  expect((await ok('demand', 'get', { id }, VISITOR))).toMatchObject({ kind: '投诉建议', category: '投诉建议', title: '【投诉·党群服务中心】窗口排队时间过长' });
  for (const other of [A, B, FINANCE, LEGAL, 'demo-member']) {
    expect([other, (await gw.call('demand', 'get', { id }, other)).body.error?.code]).toEqual([other, 'NOT_FOUND']);
  }
  expect((await ok('demand', 'myComplaints', {}, VISITOR)).items.map((x: { id: string }) => x.id)).toEqual([id]);
  expect((await ok('demand', 'list', { kind: '投诉建议' }, ADMIN)).items.map((x: { id: string }) => x.id)).toContain(id);
  // Only an admin handles it.
  expect((await gw.call('demand', 'assign', { id, handlerOpenid: FINANCE }, ADMIN)).body.error.code).toBe('VALIDATION');
  await ok('demand', 'assign', { id, handlerOpenid: ADMIN }, ADMIN);
  expect((await ok('demand', 'assigned', { scope: 'open' }, FINANCE)).items.map((x: { id: string }) => x.id)).not.toContain(id);
  await ok('demand', 'accept', { id }, ADMIN);
  await ok('demand', 'resolve', { id, resolution: '周一上午已增开一个窗口。' }, ADMIN);
  expect(await ok('demand', 'rate', { id, score: 5 }, VISITOR)).toMatchObject({ state: 'rated' });

  // An enterprise contact's complaint is theirs, not their enterprise's: the other contact does not see it.
  const fromA = (await ok('demand', 'fileComplaint', { type: '建议', topic: '小程序使用', title: '希望增加附件上传', description: '代办材料较多，希望能直接上传扫描件。' }, A)).id;
  expect((await gw.call('demand', 'get', { id: fromA }, A2)).body.error.code).toBe('NOT_FOUND');
  expect((await ok('demand', 'mine', {}, A2)).items.map((x: { id: string }) => x.id)).not.toContain(fromA);
  expect((await ok('demand', 'get', { id: fromA }, A)).enterpriseName).toBe('苏州星河智能装备有限公司');

  // Privacy consent first, as for any demand.
  const stranger = freshOpenid('complaint');
  const refused = await gw.call('demand', 'fileComplaint', { type: '建议', topic: '其他', title: '建议', description: '希望周末开放活动室。' }, stranger);
  expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('隐私') });
  expect((await col('demands').where({ submittedBy: stranger }).count()).total).toBe(0);
});

test('the_service_level_table_is_edited_by_admins_with_a_version_and_applies_to_new_demands', async () => {
  const table = await ok('demand', 'serviceLevels', {}, ADMIN);
  const row = table.levels.find((l: { category: string }) => l.category === '融资');
  expect(row).toMatchObject({ serviceClass: '复杂', days: 15, version: 0 });
  const before = await submit(B, '融资', '出口信保融资咨询');
  await ok('demand', 'setServiceLevel', { category: '融资', serviceClass: '一般', days: 7, version: 0, reason: '对标园区「125」承诺' }, ADMIN);
  // A stale edit (same version) is refused, nothing overwritten.
  expect((await gw.call('demand', 'setServiceLevel', { category: '融资', serviceClass: '复杂', days: 20, version: 0, reason: '过期页面' }, ADMIN)).body.error.code).toBe('CONFLICT');
  expect((await gw.call('demand', 'setServiceLevel', { category: '融资', serviceClass: '投诉建议', days: 3, version: 1, reason: '误选' }, ADMIN)).body.error.code).toBe('VALIDATION');
  const after = await submit(B, '融资', '供应链融资咨询');
  expect((await ok('demand', 'get', { id: before }, ADMIN))).toMatchObject({ serviceClass: '复杂', slaDays: 15, slaVersion: 0 });
  expect((await ok('demand', 'get', { id: after }, ADMIN))).toMatchObject({ serviceClass: '一般', slaDays: 7, slaVersion: 1 });
  const log = (await col('audit').where({ target: 'demandServiceLevels/融资' }).get()).data;
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ actor: ADMIN, before: { serviceClass: '复杂', days: 15 }, after: { serviceClass: '一般', days: 7, version: 1, reason: '对标园区「125」承诺' } });
  expect((await gw.call('demand', 'setServiceLevel', { category: '融资', serviceClass: '一般', days: 7, version: 1, reason: '测试' }, FINANCE)).status).toBe(403);
  // Back to the default class for the figures test below.
  await ok('demand', 'setServiceLevel', { category: '融资', serviceClass: '复杂', days: 15, version: 1, reason: '恢复默认' }, ADMIN);
});

test('callbacks_sample_at_least_a_tenth_of_closed_demands_and_every_unsatisfied_one_deterministically', async () => {
  const month = inPark(new Date()).format('YYYY-MM');
  // Twenty-odd demands closed this month (the ones above and these), two of them rated 不满意 at first.
  const [model] = (await col('demands').doc('dm-seed-01').get()).data;
  const { _id: _ignored, ...rest } = model;
  for (let i = 0; i < 22; i++) {
    await col('demands').add({ ...rest, _id: `dm-closed-${i}`, closedMonth: month, unsatisfied: i < 2, callback: null, ratedAt: new Date() } as never);
  }
  const first = await ok('demand', 'callbacks', { month }, ADMIN);
  const closed = (await col('demands').where({ state: 'rated', closedMonth: month }).count()).total;
  expect(first.closed).toBe(closed);
  expect(first.sampled).toBe(first.items.length);
  const unsatisfied = (await col('demands').where({ state: 'rated', closedMonth: month, unsatisfied: true }).get()).data.map((d) => d._id);
  expect(unsatisfied.length).toBeGreaterThanOrEqual(2); // the two here (and the 重办 above when it ran)
  const ids = first.items.map((x: { id: string }) => x.id);
  expect(ids).toEqual(expect.arrayContaining(unsatisfied));
  expect(first.items.filter((x: { why: string }) => x.why === 'sample').length).toBeGreaterThanOrEqual(Math.ceil(closed / 10) - unsatisfied.length);
  expect(ids.length).toBeGreaterThanOrEqual(Math.max(Math.ceil(closed / 10), unsatisfied.length));
  expect(first.due).toBe(ids.length);
  // The same sample on every call.
  expect((await ok('demand', 'callbacks', { month }, ADMIN)).items.map((x: { id: string }) => x.id)).toEqual(ids);

  const target = ids[0];
  const done = await ok('demand', 'recordCallback', { id: target, reached: true, satisfied: true, note: '电话回访，企业表示问题已解决。' }, ADMIN);
  expect(done.callback).toMatchObject({ reached: true, satisfied: true });
  expect((await gw.call('demand', 'recordCallback', { id: target, reached: false, note: '重复记录' }, ADMIN)).body.error.code).toBe('CONFLICT');
  expect((await gw.call('demand', 'recordCallback', { id: target, reached: true, note: '缺满意度' }, ADMIN)).body.error.code).toBe('VALIDATION');
  const second = await ok('demand', 'callbacks', { month }, ADMIN);
  expect(second.due).toBe(first.due - 1);
  expect(second.items.find((x: { id: string }) => x.id === target)).toMatchObject({ due: false, callback: { satisfied: true } });
  const stats = await ok('demand', 'stats', {}, ADMIN);
  expect(stats.callbacks.byMonth.find((m: { month: string }) => m.month === month)).toEqual({ month, closed, sampled: ids.length, done: 1, due: ids.length - 1 });
  expect(stats.total.callbacks).toBe(1);
  expect(stats.total.callbacksSatisfied).toBe(1);
});

test('figures_and_open_demands_are_recomputed_when_a_holiday_is_added_to_the_calendar', async () => {
  // A Monday at least two weeks back, so its following Monday is past too.
  let monday = addDays(parkDay(), -14);
  while (isoWeekday(monday) !== 1) monday = addDays(monday, -1);
  const h = (day: string, hour: number) => new Date(dayStart(day).getTime() + hour * HOUR);
  // X: 其他 (一般, 5 working days), filed Monday 09:00, resolved Friday 18:00 — 4.375 working days.
  const x = await submit(B, '其他', '园区班车线路调整');
  await ok('demand', 'assign', { id: x, handlerOpenid: ADMIN }, ADMIN);
  await ok('demand', 'accept', { id: x }, ADMIN);
  await ok('demand', 'resolve', { id: x, resolution: '已协调公交公司调整线路。' }, ADMIN);
  await backdate(x, [h(monday, 9), h(monday, 10), h(monday, 11), h(addDays(monday, 4), 18)]);
  // Y: 其他, filed the same Monday, waiting for the enterprise since the next Monday 12:00 — 5.125 used: overdue.
  const y = await submit(B, '其他', '员工食堂增设窗口');
  await ok('demand', 'assign', { id: y, handlerOpenid: ADMIN }, ADMIN);
  await ok('demand', 'accept', { id: y }, ADMIN);
  await ok('demand', 'askInfo', { id: y, question: '请提供用餐高峰人数统计。' }, ADMIN);
  await backdate(y, [h(monday, 9), h(monday, 10), h(monday, 11), h(addDays(monday, 7), 12)]);

  const other = async () => (await ok('demand', 'stats', {}, ADMIN)).byCategory.find((c: { category: string }) => c.category === '其他');
  expect(await other()).toMatchObject({ collected: 2, resolved: 1, onTime: 1, overdue: 1, onTimeRate: 0.5, medianWorkingDays: 4.4 });
  expect((await ok('demand', 'get', { id: y }, ADMIN))).toMatchObject({ overdue: true, sla: { usedDays: 5.1, paused: true } });
  expect((await ok('demand', 'list', { view: 'overdue', category: '其他' }, ADMIN)).items.map((d: { id: string }) => d.id)).toEqual([y]);

  // The Wednesday of that week becomes a holiday: one working day less for both.
  const wednesday = addDays(monday, 2);
  expect((await gw.call('demand', 'setCalendarDays', { days: [wednesday], rule: 'holiday', name: '临时调整' }, FINANCE)).status).toBe(403);
  const set = await ok('demand', 'setCalendarDays', { days: [wednesday], rule: 'holiday', name: '临时调整' }, ADMIN);
  expect(set.days).toEqual([{ day: wednesday, rule: 'holiday', working: false }]);
  expect(await other()).toMatchObject({ collected: 2, resolved: 1, onTime: 1, overdue: 0, onTimeRate: 1, medianWorkingDays: 3.4 });
  expect((await ok('demand', 'get', { id: y }, ADMIN))).toMatchObject({ overdue: false, sla: { usedDays: 4.1 } });
  expect((await ok('demand', 'list', { view: 'overdue', category: '其他' }, ADMIN)).items).toEqual([]);
  expect((await ok('demand', 'calendar', { from: monday, to: addDays(monday, 7) }, ADMIN)).days).toEqual([
    expect.objectContaining({ day: wednesday, rule: 'holiday', name: '临时调整' }),
  ]);
  expect((await col('audit').where({ action: 'setCalendarDays' }).count()).total).toBe(1);

  // Back to a plain week: the figures are what they were.
  await ok('demand', 'setCalendarDays', { days: [wednesday], rule: 'normal' }, ADMIN);
  expect(await other()).toMatchObject({ overdue: 1, medianWorkingDays: 4.4 });
});

test('a_demand_left_waiting_for_the_enterprise_is_reminded_once_after_3_working_days_then_closed_as_未补充_after_10', async () => {
  const { addWorking } = await import('./calendar');
  const { WAIT_CLOSE_DAYS, WAIT_REMIND_DAYS } = await import('./waiting');
  const waiting = async (question: string) => {
    const id = await submit(A, '法律', '劳动争议咨询');
    await ok('demand', 'assign', { id, handlerOpenid: LEGAL }, ADMIN);
    await ok('demand', 'accept', { id }, LEGAL);
    await ok('demand', 'askInfo', { id, question }, LEGAL);
    return id;
  };
  const silent = await waiting('请补充劳动合同原件扫描件。');
  const answered = await waiting('请补充工资流水。');
  const cal = await loadCalendar();
  const askedAt = (await col('demands').doc(silent).get()).data[0].timeline.find((t) => t.action === 'askInfo')!.at;
  const after = (days: number) => addWorking(new Date(askedAt), days * DAY_MS, cal);

  await slaSweepRun(after(WAIT_REMIND_DAYS - 0.5));
  expect(await outboxOf(silent, 'demand.waitReminder')).toHaveLength(0);
  await Promise.all([slaSweepRun(after(WAIT_REMIND_DAYS + 0.2)), slaSweepRun(after(WAIT_REMIND_DAYS + 0.2))]);
  await slaSweepRun(after(WAIT_REMIND_DAYS + 1));
  const reminders = await outboxOf(silent, 'demand.waitReminder');
  expect(reminders.map((r) => r.toOpenid)).toEqual([A]);
  expect(reminders[0]).toMatchObject({ template: 'demandProgress', sendIf: { state: 'waiting_enterprise' } });
  expect(reminders[0].data.note).toContain('请补充劳动合同原件扫描件。');

  // The other enterprise answers in time: it is never closed.
  await ok('demand', 'answerInfo', { id: answered, answer: '工资流水已上传至附件。' }, A);

  await slaSweepRun(after(WAIT_CLOSE_DAYS - 0.1));
  expect((await col('demands').doc(silent).get()).data[0].state).toBe('waiting_enterprise');
  await Promise.all([slaSweepRun(after(WAIT_CLOSE_DAYS + 0.1)), slaSweepRun(after(WAIT_CLOSE_DAYS + 0.1))]);
  await slaSweepRun(after(WAIT_CLOSE_DAYS + 2));
  const [closed] = (await col('demands').doc(silent).get()).data;
  expect(closed).toMatchObject({ state: 'cancelled', closedReason: '未补充' });
  expect(closed.timeline.filter((t) => t.action === 'lapse')).toHaveLength(1);
  const told = await outboxOf(silent, 'demand.lapsed');
  expect(told.map((r) => r.toOpenid)).toEqual([A]);
  expect(told[0].data.state).toBe('逾期未补充，已关闭');
  expect((await col('demands').doc(answered).get()).data[0].state).toBe('in_progress');
  // The enterprise sees it closed, with the step in its timeline.
  const seen = await ok('demand', 'get', { id: silent }, A);
  expect(seen.state).toBe('cancelled');
});

test('complaints_are_limited_to_5_per_person_and_park_day_even_in_a_burst_and_others_are_not_affected', async () => {
  const { COMPLAINTS_PER_DAY } = await import('./complaint');
  const person = async (tag: string) => {
    const openid = freshOpenid(tag);
    await ok('user', 'acceptPrivacy', {}, openid);
    return openid;
  };
  const file = (openid: string, n: number) =>
    gw.call('demand', 'fileComplaint', { type: '建议', topic: '党群服务中心', title: `建议第${n}条`, description: '希望周末下午也开放活动室。' }, openid);
  const steady = await person('cp-steady');
  for (let n = 0; n < COMPLAINTS_PER_DAY; n++) expect((await file(steady, n)).body.ok).toBe(true);
  const refused = (await file(steady, 99)).body;
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('RATE_LIMITED');
  expect(refused.error.message).toContain('请明天再提交');

  // Eight at once from one person: never more than five (racers for one ordinal are told to retry),
  // and retries one by one stop at exactly five.
  const burst = await person('cp-burst');
  const results = await Promise.all(Array.from({ length: 8 }, (_, n) => file(burst, n)));
  const filed = results.filter((r) => r.body.ok).length;
  expect(filed).toBeGreaterThanOrEqual(1);
  expect(filed).toBeLessThanOrEqual(COMPLAINTS_PER_DAY);
  expect(results.filter((r) => !r.body.ok).every((r) => r.body.error.code === 'RATE_LIMITED')).toBe(true);
  for (let n = 0; n < 8; n++) await file(burst, 10 + n);
  expect((await col('demands').where({ submittedBy: burst, kind: '投诉建议' }).count()).total).toBe(COMPLAINTS_PER_DAY);

  // Someone else files as usual.
  expect((await file(await person('cp-other'), 0)).body.ok).toBe(true);
});
