/** Outbox delivery and 消息中心, through the gateway against the emulator. */
import { startTestGateway, freshOpenid, type TestGateway } from '../../local/testing';
import { cmd, col, type WithId } from '../../server/core/db';
import { carry, enqueue, fannedId, flushCarried, outboxRow, roleRecipient, toAdmins } from '../../server/core/outbox';
import { adminRecipients } from '../../server/core/admins';
import { newUser } from '../../server/core/caller';
import type { OutboxDoc } from '../../server/core/schema';
import { parkDay } from '../../server/core/time';
import { CLAIM_TIMEOUT_MS, deliverDue, DROPPED_REASON, MAX_ATTEMPTS, type Sender } from './deliver';
import { main } from './function';
import { localTemplateIds } from './senders';

let gw: TestGateway;

/** `who` taps 允许 for one template (the local sender's stand-in id for it). */
async function grant(who: string, template: string) {
  expect((await gw.call('notify', 'grant', { tmplIds: [localTemplateIds()[template]] }, who)).body.ok).toBe(true);
}
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

async function queue(toOpenid: string, over: Partial<OutboxDoc> = {}, data: Record<string, string> = { expert: '周文', time: '2026年11月25日 14:00', place: '党群服务中心大厅', state: '已确认' }) {
  const { id } = await col('outbox').add({ ...outboxRow({ type: 'test', toOpenid, template: 'bookingResult', data, ref: 'test/1' }), ...over });
  return id;
}

/** A sender that counts what it was asked to send, after a pause that lets runs overlap. */
function countingSender(result: Awaited<ReturnType<Sender['send']>> = { ok: true, channel: 'test' }) {
  const sent: string[] = [];
  const sender: Sender = {
    async send(row: WithId<OutboxDoc>) {
      await new Promise((r) => setTimeout(r, 5));
      sent.push(row._id);
      return result;
    },
  };
  return { sent, sender };
}

test('two_overlapping_runs_deliver_each_due_message_exactly_once', async () => {
  const who = freshOpenid('overlap');
  const ids = await Promise.all(Array.from({ length: 12 }, () => queue(who)));
  const { sent, sender } = countingSender();
  const [a, b] = await Promise.all([deliverDue(sender, { runId: 'run-a' }), deliverDue(sender, { runId: 'run-b' })]);
  const mine = sent.filter((id) => ids.includes(id));
  expect(mine.sort()).toEqual([...ids].sort());
  expect(new Set(mine).size).toBe(ids.length);
  expect(a.sent + b.sent).toBeGreaterThanOrEqual(ids.length);
  const rows = (await col('outbox').where({ toOpenid: who }).get()).data;
  expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  // A third run finds nothing left to send.
  const again = countingSender();
  await deliverDue(again.sender, { runId: 'run-c' });
  expect(again.sent.filter((id) => ids.includes(id))).toEqual([]);
});

test('a_notice_to_the_admins_reaches_each_current_admin_exactly_once_across_overlapping_runs_and_not_a_former_admin', async () => {
  const [stays, also, former, later] = ['stays', 'also', 'former', 'later'].map((t) => freshOpenid(`admin-${t}`));
  for (const o of [stays, also, former]) await col('users').add({ _id: o, ...newUser(o), roles: ['admin'] });
  const ref = `test/${freshOpenid('role')}`;
  await enqueue([toAdmins({ type: 'test.admins', template: 'demandNew', ref, page: '/packages/demand/detail/index?id=x', data: { enterprise: '测试企业', title: '角色通知', kind: '诉求', time: '', note: '' } })]);
  const [roleRow] = (await col('outbox').where({ ref }).get()).data;
  expect(roleRow).toMatchObject({ toOpenid: roleRecipient('admin'), toRole: 'admin', status: 'pending' });
  // Removed from the role after the filing, before delivery: ownership is decided at delivery time.
  await col('users').doc(former).update({ roles: [] });

  const { sent, sender } = countingSender();
  const [a, b] = await Promise.all([deliverDue(sender, { runId: 'role-a', batch: 1000 }), deliverDue(sender, { runId: 'role-b', batch: 1000 })]);
  expect(a.fanned + b.fanned).toBe(1);
  const copies = (await col('outbox').where({ ref }).get()).data.filter((r) => r._id !== roleRow._id);
  const admins = await adminRecipients();
  expect(copies.map((r) => r.toOpenid).sort()).toEqual([...admins].sort());
  expect(admins).toEqual(expect.arrayContaining([stays, also]));
  expect(admins).not.toContain(former);
  expect(copies.every((r) => r._id === fannedId(roleRow._id, r.toOpenid) && r.status === 'sent' && r.attempts === 1)).toBe(true);
  const mine = sent.filter((id) => id === roleRow._id || copies.some((c) => c._id === id));
  expect(mine.sort()).toEqual(copies.map((c) => c._id).sort()); // each copy once, the role row never
  expect((await col('outbox').doc(roleRow._id).get()).data[0]).toMatchObject({ status: 'fanned', fannedOut: admins.length });

  // The admin's 消息中心 shows it; the former admin's shows nothing of it.
  const box = (await gw.call('notify', 'inbox', {}, stays)).body.data;
  expect(box.items.map((i: { title: string; page: string }) => [i.title, i.page])).toEqual([['新的诉求', '/packages/demand/detail/index?id=x']]);
  expect((await gw.call('notify', 'inbox', {}, former)).body.data.total).toBe(0);

  // A run that died mid-fan-out leaves the role row claimed; after the claim times out it is fanned
  // out again: the copies already there are not sent twice, an admin added since gets theirs.
  await col('users').add({ _id: later, ...newUser(later), roles: ['admin'] });
  await col('outbox').doc(roleRow._id).update({ status: 'sending', claimedBy: 'run-died', claimedAt: new Date(Date.now() - CLAIM_TIMEOUT_MS - 1000) });
  const again = countingSender();
  await deliverDue(again.sender, { runId: 'role-c', batch: 1000 });
  const after = (await col('outbox').where({ ref }).get()).data.filter((r) => r._id !== roleRow._id);
  expect(again.sent.filter((id) => after.some((c) => c._id === id))).toEqual([fannedId(roleRow._id, later)]);
  expect(after.filter((r) => r.toOpenid === stays)).toHaveLength(1);
  expect((await col('outbox').doc(roleRow._id).get()).data[0].status).toBe('fanned');
});

test('notices_carried_on_a_document_are_queued_once_by_overlapping_runs_and_sent_in_that_same_run', async () => {
  const who = freshOpenid('carried');
  const leaveId = `lv-carried-${Date.now().toString(36)}`;
  const row = (n: number) => ({ id: `${leaveId}-${n}`, type: 'test.carried', toOpenid: who, template: 'bookingResult', ref: `expertLeaves/${leaveId}`,
    data: { expert: '周文', time: '2026年11月25日 14:00', place: '党群服务中心大厅', state: '专家请假，请改约' } });
  await col('expertLeaves').add({ _id: leaveId, expertId: who, expertName: '周文', from: parkDay(), to: parkDay(), fromAt: new Date(), toAt: new Date(), reason: '测试',
    state: 'active', withdrawnSlots: 0, affectedBookings: 2, createdBy: who, createdAt: new Date(), cancelledAt: null, cancelledBy: null, carriedNotices: carry('marked', [row(1), row(2)]) });
  const { sent, sender } = countingSender();
  await Promise.all([deliverDue(sender, { runId: 'carry-a' }), deliverDue(sender, { runId: 'carry-b' })]);
  expect(sent.filter((id) => id.startsWith(leaveId)).sort()).toEqual([`${leaveId}-1`, `${leaveId}-2`]);
  expect((await col('outbox').where({ toOpenid: who }).get()).data.map((r) => r.status)).toEqual(['sent', 'sent']);
  expect((await col('expertLeaves').doc(leaveId).get()).data[0].carriedNotices).toBeNull();
  // Queued again (a run killed before the clearing): each row is still queued once.
  await col('expertLeaves').doc(leaveId).update({ carriedNotices: cmd().set(carry('again', [row(1), row(2), row(3)])) });
  await flushCarried();
  expect((await col('outbox').where({ toOpenid: who }).get()).data.map((r) => r._id).sort()).toEqual([1, 2, 3].map((n) => `${leaveId}-${n}`));
});

test('future_reminders_wait_for_their_time', async () => {
  const who = freshOpenid('future');
  const id = await queue(who, { dueAt: new Date(Date.now() + 3600_000) });
  const { sent, sender } = countingSender();
  await deliverDue(sender, { runId: 'run-f' });
  expect(sent).not.toContain(id);
  await deliverDue(sender, { runId: 'run-g', now: new Date(Date.now() + 3601_000) });
  expect(sent).toContain(id);
});

test('failures_are_retried_with_back_off_then_failed_with_the_reason', async () => {
  const who = freshOpenid('retry');
  const id = await queue(who);
  const { sent, sender } = countingSender({ ok: false, reason: '网络超时', retry: true });
  let now = Date.now();
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    await deliverDue(sender, { runId: `run-r${i}`, now: new Date(now) });
    const [row] = (await col('outbox').doc(id).get()).data;
    expect(row.attempts).toBe(i);
    if (i < MAX_ATTEMPTS) {
      expect(row.status).toBe('pending');
      expect(row.lastError).toBe('网络超时');
      // Not due again until its back-off has passed.
      const early = countingSender();
      await deliverDue(early.sender, { runId: `run-early${i}`, now: new Date(now + 1000) });
      expect(early.sent).not.toContain(id);
      now = new Date(row.dueAt).getTime();
    } else {
      expect(row).toMatchObject({ status: 'failed', failedReason: '网络超时' });
    }
  }
  expect(sent.filter((x) => x === id)).toHaveLength(MAX_ATTEMPTS);
});

test('a_failure_that_cannot_pass_fails_at_once', async () => {
  const id = await queue(freshOpenid('nogrant'));
  const { sender } = countingSender({ ok: false, reason: '用户未授权订阅该消息', retry: false });
  await deliverDue(sender, { runId: 'run-n' });
  expect((await col('outbox').doc(id).get()).data[0]).toMatchObject({ status: 'failed', attempts: 1, failedReason: '用户未授权订阅该消息' });
});

test('a_claim_left_by_a_dead_run_is_never_sent_twice', async () => {
  const id = await queue(freshOpenid('stale'), { status: 'sending', claimedBy: 'dead-run', claimedAt: new Date(Date.now() - CLAIM_TIMEOUT_MS - 1000) });
  const { sent, sender } = countingSender();
  const report = await deliverDue(sender, { runId: 'run-s' });
  expect(report.interrupted).toBeGreaterThanOrEqual(1);
  expect(sent).not.toContain(id);
  expect((await col('outbox').doc(id).get()).data[0].status).toBe('failed');
});

test('a_message_whose_subject_no_longer_has_its_send_if_fields_is_cancelled_unsent', async () => {
  // Subjects: two users (any collection works the same way), one whose field changed, and one that is gone.
  const [still, changed] = [freshOpenid('still'), freshOpenid('changed')];
  for (const o of [still, changed]) await col('users').add({ _id: o, ...newUser(o), memberStatus: 'pending' });
  await col('users').doc(changed).update({ memberStatus: 'approved' });
  const ids = await Promise.all([
    queue(freshOpenid('to'), { ref: `users/${still}`, sendIf: { memberStatus: 'pending' } }),
    queue(freshOpenid('to'), { ref: `users/${changed}`, sendIf: { memberStatus: 'pending' } }),
    queue(freshOpenid('to'), { ref: `users/${freshOpenid('gone')}`, sendIf: { memberStatus: 'pending' } }),
  ]);
  const { sent, sender } = countingSender();
  const report = await deliverDue(sender, { runId: 'run-if' });
  expect(sent.filter((id) => ids.includes(id))).toEqual([ids[0]]);
  expect(report.dropped).toBeGreaterThanOrEqual(2);
  const rows = await Promise.all(ids.map(async (id) => (await col('outbox').doc(id).get()).data[0]));
  expect(rows.map((r) => r.status)).toEqual(['sent', 'cancelled', 'cancelled']);
  expect(rows[1]).toMatchObject({ failedReason: DROPPED_REASON, attempts: 0 });
});

test('inbox_shows_a_person_only_their_delivered_messages_and_marks_them_read', async () => {
  const me = freshOpenid('inbox');
  const other = freshOpenid('other');
  // I accepted the message once (the local sender, like WeChat, sends nothing without a grant);
  // the other person did not: theirs stays in their 消息中心 only.
  await grant(me, 'bookingResult');
  await queue(me);
  await queue(other);
  await queue(me, { dueAt: new Date(Date.now() + 86400_000) }); // a reminder for tomorrow
  await gw.call('notify', 'deliverNow', {}, 'demo-admin');

  const box = (await gw.call('notify', 'inbox', {}, me)).body.data;
  expect(box.total).toBe(1);
  expect(box.unread).toBe(1);
  expect(box.items[0]).toMatchObject({ title: '预约进度', delivered: true, read: false });
  expect(box.items[0].lines).toEqual(['专家：周文', '时间：2026年11月25日 14:00', '地点：党群服务中心大厅', '状态：已确认']);
  expect((await gw.call('notify', 'unreadCount', {}, me)).body.data).toEqual({ unread: 1 });

  // Someone else's id does nothing to my messages, or theirs.
  const otherId = (await col('outbox').where({ toOpenid: other }).get()).data[0]._id;
  expect((await gw.call('notify', 'markRead', { ids: [otherId] }, me)).body.data).toEqual({ updated: 0 });
  expect((await gw.call('notify', 'markRead', { all: true }, me)).body.data).toEqual({ updated: 1 });
  expect((await gw.call('notify', 'unreadCount', {}, me)).body.data).toEqual({ unread: 0 });
  expect((await gw.call('notify', 'unreadCount', {}, other)).body.data).toEqual({ unread: 1 });
});

test('a_booking_on_the_demo_data_reaches_both_sides_inboxes', async () => {
  // The appointment capability queues; the timer delivers; each side reads it.
  const slots = (await gw.call('appointment', 'listSlots', { expertId: 'demo-expert-legal' }, 'demo-enterprise-b')).body.data;
  const slot = (slots.items ?? slots).find((s: { bookable?: boolean; state?: string }) => s.bookable !== false && (s.state ?? 'open') === 'open');
  const booked = await gw.call('appointment', 'book', { slotId: slot.id, topic: '劳动合同条款审查' }, 'demo-enterprise-b');
  expect(booked.body.ok).toBe(true);
  await gw.call('notify', 'deliverNow', {}, 'demo-admin');
  const expert = (await gw.call('notify', 'inbox', {}, 'demo-expert-legal')).body.data;
  expect(expert.items.map((i: { title: string }) => i.title)).toContain('新的预约');
});

test('a_timer_event_runs_delivery_only_without_a_caller', async () => {
  const who = freshOpenid('timer');
  await grant(who, 'bookingResult');
  const id = await queue(who);
  const prev = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID };
  try {
    delete process.env.WX_OPENID;
    const run = (await main({ Type: 'Timer', TriggerName: 'deliver', Time: new Date().toISOString() } as never, {})) as { ok: boolean; data: { sent: number } };
    expect(run.ok).toBe(true);
    expect((await col('outbox').doc(id).get()).data[0]).toMatchObject({ status: 'sent' });

    // The same event from a person is an ordinary call: no such action.
    const id2 = await queue(freshOpenid('timer2'));
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    process.env.WX_OPENID = 'demo-visitor';
    const forged = await main({ Type: 'Timer', TriggerName: 'deliver' } as never, {});
    expect(forged).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await col('outbox').doc(id2).get()).data[0].status).toBe('pending');
  } finally {
    process.env.WX_CONTEXT_KEYS = prev.keys;
    process.env.WX_OPENID = prev.openid;
    if (prev.keys === undefined) delete process.env.WX_CONTEXT_KEYS;
    if (prev.openid === undefined) delete process.env.WX_OPENID;
  }
});

test('grants_count_only_this_deployments_templates', async () => {
  const me = freshOpenid('grant');
  process.env.REDPARK_SUBSCRIBE_TEMPLATES = JSON.stringify({ bookingResult: 'TMPL_RESULT', appointmentReminder: 'TMPL_REMIND' });
  try {
    const r = await Promise.all([
      gw.call('notify', 'grant', { tmplIds: ['TMPL_RESULT', 'UNKNOWN'] }, me),
      gw.call('notify', 'grant', { tmplIds: ['TMPL_RESULT'] }, me),
    ]);
    expect(r.map((x) => x.body.data.recorded)).toEqual([1, 1]);
    const [doc] = (await col('subscriptions').doc(`${me}:TMPL_RESULT`).get()).data;
    expect(doc.remaining).toBe(2);
    expect((await col('subscriptions').doc(`${me}:UNKNOWN`).get()).data).toEqual([]);
  } finally {
    delete process.env.REDPARK_SUBSCRIBE_TEMPLATES;
  }
});

test('each_acceptance_adds_one_message_to_that_templates_remaining_count', async () => {
  const me = freshOpenid('grant-one');
  process.env.REDPARK_SUBSCRIBE_TEMPLATES = JSON.stringify({ bookingResult: 'TMPL_RESULT', appointmentReminder: 'TMPL_REMIND' });
  try {
    const first = await gw.call('notify', 'grant', { tmplIds: ['TMPL_RESULT', 'TMPL_REMIND', 'TMPL_RESULT'] }, me);
    expect(first.body).toEqual({ ok: true, data: { recorded: 2 } });
    const second = await gw.call('notify', 'grant', { tmplIds: ['TMPL_REMIND'] }, me);
    expect(second.body).toEqual({ ok: true, data: { recorded: 1 } });
    const { data } = await col('subscriptions').where({ openid: me }).get();
    expect(Object.fromEntries(data.map((d) => [d.tmplId, d.remaining]))).toEqual({ TMPL_RESULT: 1, TMPL_REMIND: 2 });
  } finally {
    delete process.env.REDPARK_SUBSCRIBE_TEMPLATES;
  }
});

test('a_fan_out_that_fails_keeps_a_code_and_a_chinese_sentence_never_the_drivers_text', async () => {
  const ref = `test/${freshOpenid('fanfail')}`;
  await enqueue([toAdmins({ type: 'test.admins', template: 'demandNew', ref, data: { enterprise: '测试企业', title: '分发失败', kind: '诉求', time: '', note: '' } })]);
  const [roleRow] = (await col('outbox').where({ ref }).get()).data;
  const admins = await import('../../server/core/admins');
  const raw = 'DATABASE_REQUEST_FAILED: connect ECONNREFUSED 10.0.0.7:27017 (requestId 7f3a)';
  const spy = jest.spyOn(admins, 'adminRecipients').mockRejectedValue(new Error(raw));
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const { sender } = countingSender();
    await deliverDue(sender, { runId: 'run-fanfail-1' });
    const retried = (await col('outbox').doc(roleRow._id).get()).data[0];
    expect(retried).toMatchObject({ status: 'pending', attempts: 1, errorCode: 'FANOUT_RETRY' });
    expect(retried.lastError).toMatch(/^[\u4e00-\u9fff]/);
    expect(JSON.stringify(retried)).not.toContain('ECONNREFUSED');
    // The last attempt fails for good, with the same kind of record.
    await col('outbox').doc(roleRow._id).update({ attempts: MAX_ATTEMPTS - 1, dueAt: new Date(Date.now() - 1000) });
    await deliverDue(sender, { runId: 'run-fanfail-2' });
    const failed = (await col('outbox').doc(roleRow._id).get()).data[0];
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'FANOUT_FAILED' });
    expect(JSON.stringify(failed)).not.toContain('ECONNREFUSED');
    expect(JSON.stringify(failed)).not.toContain('DATABASE_REQUEST_FAILED');
  } finally {
    spy.mockRestore();
    quiet.mockRestore();
  }
});
