/**
 * The strict local sender: the production sender (same grant spending) against a simulated
 * subscribeMessage.send that checks every value as WeChat does. A message with a bad value is refused
 * with 47003, one without a grant is never sent (WeChat: 43101), and each attempt spends a grant exactly
 * as production's takeGrant does.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { outboxRow } from '../../server/core/outbox';
import { deliverDue } from './deliver';
import { localTemplateIds, simulatedWeChat, strictLocalSender } from './senders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway(); // the strict sender, as every test gateway has
});
afterAll(async () => {
  await gw.close();
});

const remaining = async (openid: string, template: string) =>
  (await col('subscriptions').doc(`${openid}:${localTemplateIds()[template]}`).get()).data[0]?.remaining ?? 0;

async function queue(toOpenid: string, template: string, data: Record<string, string>) {
  const { id } = await col('outbox').add(outboxRow({ type: 'test', toOpenid, template, data, ref: 'test/strict' }));
  return id;
}

test('without_a_grant_nothing_is_sent_and_the_row_fails_with_that_reason', async () => {
  const who = freshOpenid('nogrant');
  const id = await queue(who, 'bookingResult', { expert: '周文', time: '2026年12月07日 15:00–16:00', place: '大厅', state: '已确认' });
  const wx = simulatedWeChat();
  await deliverDue(strictLocalSender(wx), { runId: 'strict-1' });
  expect((await col('outbox').doc(id).get()).data[0]).toMatchObject({ status: 'failed', failedReason: '用户未授权订阅该消息' });
  expect(wx.sent).toEqual([]);
});

test('a_granted_valid_message_is_sent_once_and_spends_one_grant', async () => {
  const who = freshOpenid('granted');
  const tmplId = localTemplateIds().bookingResult;
  expect((await gw.call('notify', 'grant', { tmplIds: [tmplId] }, who)).body.data).toEqual({ recorded: 1 });
  expect(await remaining(who, 'bookingResult')).toBe(1);
  const ok = await queue(who, 'bookingResult', { expert: '周文', time: '2026年12月07日 15:00–16:00', place: '大厅', state: '已确认' });
  const second = await queue(who, 'bookingResult', { expert: '周文', time: '2026年12月07日 15:00–16:00', place: '大厅', state: '服务已完成，请评价' });
  const wx = simulatedWeChat();
  await deliverDue(strictLocalSender(wx), { runId: 'strict-2' });
  const rows = Object.fromEntries((await col('outbox').where({ toOpenid: who }).get()).data.map((r) => [r._id, r]));
  // One acceptance, one message: the first is sent, the second finds no grant left.
  expect([rows[ok].status, rows[second].status]).toEqual(['sent', 'failed']);
  expect(wx.sent).toHaveLength(1);
  expect(wx.sent[0]).toMatchObject({ touser: who, templateId: tmplId, data: { time2: { value: '2026年12月07日 15:00~16:00' }, phrase4: { value: '已确认' } } });
  expect(await remaining(who, 'bookingResult')).toBe(0);
});

test('a_value_wechat_refuses_fails_with_47003_and_the_grant_is_spent_as_in_production', async () => {
  const who = freshOpenid('badvalue');
  await gw.call('notify', 'grant', { tmplIds: [localTemplateIds().demandAssigned] }, who);
  const id = await queue(who, 'demandAssigned', { enterprise: '星河智能', title: '贷款对接', due: '下周' });
  const wx = simulatedWeChat();
  await deliverDue(strictLocalSender(wx), { runId: 'strict-3' });
  const row = (await col('outbox').doc(id).get()).data[0];
  expect(row.status).toBe('failed');
  expect(row.failedReason).toMatch(/47003.*date3/);
  expect(wx.sent).toEqual([]);
  expect(await remaining(who, 'demandAssigned')).toBe(0);
});

test('in_strict_mode_the_study_reminder_of_the_demo_group_reaches_wechat_for_a_member_who_granted_it', async () => {
  const remind = await gw.call('study', 'remind', { groupId: 'sg-joint', month: (await import('../study/calendar')).parkMonth() }, 'demo-secretary');
  expect(remind.body.ok).toBe(true);
  const rows = (await col('outbox').where({ template: 'studyReminder', status: 'pending' }).get()).data;
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) await gw.call('notify', 'grant', { tmplIds: [localTemplateIds().studyReminder] }, r.toOpenid);
  const wx = simulatedWeChat();
  await deliverDue(strictLocalSender(wx), { runId: 'strict-4' });
  const after = (await col('outbox').where({ template: 'studyReminder' }).get()).data;
  expect(after.map((r) => [r.status, r.failedReason ?? null])).toEqual(after.map(() => ['sent', null]));
  expect(wx.sent.filter((s) => s.templateId === localTemplateIds().studyReminder)).toHaveLength(rows.length);
});
