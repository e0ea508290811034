/**
 * The admin's 消息发送情况: per template, messages owed vs deliverable (people with a remaining one-time
 * grant, counted per person and template by notify.grant) and why undelivered ones failed. The figures
 * are global, so each test compares them before and after its own rows.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { outboxRow } from '../../server/core/outbox';
import { deliverDue } from '../notify/deliver';
import { localTemplateIds, simulatedWeChat, strictLocalSender } from '../notify/senders';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway(); // the strict sender, as every test gateway has
});
afterAll(async () => {
  await gw.close();
});

type Figures = { template: string; title: string; configured: boolean; owed: number; deliverable: number; grantedPeople: number; sent: number; failed: number; reasons: { reason: string; n: number }[] };
const figures = async () => {
  const r = await gw.call('admin', 'outbox', {}, 'demo-admin');
  expect(r.body.ok).toBe(true);
  const data = r.body.data as { counts: Record<string, number>; templates: Figures[]; failed: { id: string; title: string; reason: string }[]; cut: boolean };
  return { ...data, of: (t: string) => data.templates.find((f) => f.template === t)! };
};
const grant = async (who: string, template: string, times = 1) => {
  for (let i = 0; i < times; i++) expect((await gw.call('notify', 'grant', { tmplIds: [localTemplateIds()[template]] }, who)).body.data).toEqual({ recorded: 1 });
};
const later = new Date(Date.now() + 7 * 86400_000); // not due yet: owed, untouched by a delivery run
const queue = async (toOpenid: string, template: string, data: Record<string, string>, dueAt = later) =>
  (await col('outbox').add({ ...outboxRow({ type: 'test', toOpenid, template, data, ref: 'test/figures' }), dueAt })).id;
const booking = { expert: '周文', time: '2026年12月07日 15:00–16:00', place: '大厅', state: '已确认' };

test('owed_vs_deliverable_counts_each_persons_owed_messages_up_to_their_remaining_grants', async () => {
  const before = await figures();
  const [a, b, c] = [freshOpenid('fig-a'), freshOpenid('fig-b'), freshOpenid('fig-c')];
  await grant(a, 'bookingResult'); // one grant, two messages owed: one can go
  await queue(a, 'bookingResult', booking);
  await queue(a, 'bookingResult', booking);
  await grant(b, 'bookingResult', 2); // two grants, one message: it can go
  await queue(b, 'bookingResult', booking);
  await queue(c, 'bookingResult', booking); // no grant: owed, not deliverable
  await grant(c, 'newBooking'); // a grant of another template does not count for this one

  const after = await figures();
  const [x, y] = [before.of('bookingResult'), after.of('bookingResult')];
  expect(y).toMatchObject({ title: '预约进度', configured: true });
  expect(y.owed - x.owed).toBe(4);
  expect(y.deliverable - x.deliverable).toBe(2);
  expect(y.grantedPeople - x.grantedPeople).toBe(2);
  expect(after.of('newBooking').grantedPeople - before.of('newBooking').grantedPeople).toBe(1);
  expect(after.of('newBooking').owed).toBe(before.of('newBooking').owed);
  expect((after.counts.pending ?? 0) - (before.counts.pending ?? 0)).toBe(4);
  // Every template of the notify domain has a line, even before any message of it.
  for (const t of ['newBooking', 'bookingResult', 'appointmentReminder', 'bookingCancelled', 'demandAssigned', 'demandProgress', 'volunteerPromoted', 'volunteerCancelled', 'studyReminder']) {
    expect(after.of(t)).toBeDefined();
  }
  expect(after.cut).toBe(false);
});

test('a_delivery_moves_owed_to_sent_or_failed_and_each_failure_shows_its_reason', async () => {
  const [granted, refused] = [freshOpenid('fig-ok'), freshOpenid('fig-no')];
  const study = { group: '联合党支部学习小组', topic: '学党章', todo: '自学记录', deadline: '12月31日前', deadlineDay: '2026-12-31' };
  await grant(granted, 'studyReminder');
  const now = new Date(Date.now() - 1000);
  const sentId = await queue(granted, 'studyReminder', study, now);
  const failedId = await queue(refused, 'studyReminder', study, now);
  const before = await figures();
  expect(before.of('studyReminder').deliverable).toBeGreaterThanOrEqual(1);

  await deliverDue(strictLocalSender(simulatedWeChat()), { runId: 'figures-1' });
  const rows = Object.fromEntries((await col('outbox').where({ ref: 'test/figures', template: 'studyReminder' }).get()).data.map((r) => [r._id, r.status]));
  expect([rows[sentId], rows[failedId]]).toEqual(['sent', 'failed']);

  const after = await figures();
  const [x, y] = [before.of('studyReminder'), after.of('studyReminder')];
  expect(y.owed - x.owed).toBe(-2);
  expect(y.deliverable - x.deliverable).toBe(-1);
  expect(y.sent - x.sent).toBe(1);
  expect(y.failed - x.failed).toBe(1);
  const n = (f: Figures) => f.reasons.find((r) => r.reason === '用户未授权订阅该消息')?.n ?? 0;
  expect(n(y) - n(x)).toBe(1);
  expect(after.failed.find((f) => f.id === failedId)).toMatchObject({ title: '学习提醒', reason: '用户未授权订阅该消息' });
  // 消息中心 has both, delivered to WeChat or not.
  for (const who of [granted, refused]) {
    const inbox = (await gw.call('notify', 'inbox', {}, who)).body.data as { items?: { title: string }[] } | { title: string }[];
    const items = Array.isArray(inbox) ? inbox : inbox.items ?? [];
    expect(items.map((m) => m.title)).toContain('学习提醒');
  }
});
