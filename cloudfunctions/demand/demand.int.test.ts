/** `demand` through the local gateway against the embedded emulator (integration tier). */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { cmd, col } from '../../server/core/db';
import { now } from '../../server/core/time';
import { roleRecipient } from '../../server/core/outbox';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const A = 'demo-enterprise-a';
const B = 'demo-enterprise-b';
const FINANCE = 'demo-expert-finance';
const LEGAL = 'demo-expert-legal';
const ADMIN = 'demo-admin';
const inDays = (n: number) => now().add(n, 'day').format('YYYY-MM-DD');

async function submit(openid = A, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await gw.call('demand', 'submit', { category: '融资', title: '技改项目贷款对接', description: '产线改造需要1500万元中长期贷款，请协助对接银行。', contactWay: '电话联系', contactPhone: '13912345678', ...extra }, openid);
  expect(r.body.ok).toBe(true);
  return r.body.data.id;
}

async function assigned(id: string, handler = FINANCE): Promise<void> {
  const r = await gw.call('demand', 'assign', { id, handlerOpenid: handler, dueDate: inDays(7) }, ADMIN);
  expect(r.body.ok).toBe(true);
}

describe('a demand from filing to rating', () => {
  test('every_step_is_taken_by_its_party_is_timestamped_and_lands_in_the_right_lists', async () => {
    const id = await submit();
    const mine = (await gw.call('demand', 'mine', { scope: 'open' }, A)).body.data;
    expect(mine.items[0]).toMatchObject({ id, state: 'submitted', stateLabel: '待分派', category: '融资' });
    const unassigned = (await gw.call('demand', 'list', { view: 'unassigned' }, ADMIN)).body.data;
    expect(unassigned.items.map((d: { id: string }) => d.id)).toContain(id);

    const a = await gw.call('demand', 'assign', { id, handlerOpenid: FINANCE, dueDate: inDays(7), note: '请优先对接科技支行' }, ADMIN);
    expect(a.body.data).toMatchObject({ state: 'submitted', stateLabel: '待受理', handlerName: '吴倩', dueDate: inDays(7), actions: ['assign'] });
    const queue = (await gw.call('demand', 'assigned', { scope: 'open' }, FINANCE)).body.data;
    expect(queue.items.map((d: { id: string }) => d.id)).toContain(id);
    expect((await gw.call('demand', 'get', { id }, FINANCE)).body.data.actions).toEqual(['accept']);

    expect((await gw.call('demand', 'accept', { id }, FINANCE)).body.data).toMatchObject({ state: 'accepted', actions: ['progress', 'askInfo', 'resolve'] });
    expect((await gw.call('demand', 'progress', { id, note: '已联系两家合作银行安排尽调。' }, FINANCE)).body.data.state).toBe('in_progress');
    expect((await gw.call('demand', 'progress', { id, note: '银行已完成尽调，等待审批。' }, FINANCE)).body.data.state).toBe('in_progress');
    const resolved = (await gw.call('demand', 'resolve', { id, resolution: '已获批1500万元技改贷款，可叠加区级贴息。' }, FINANCE)).body.data;
    expect(resolved).toMatchObject({ state: 'resolved', stateLabel: '已办结待评价', resolution: '已获批1500万元技改贷款，可叠加区级贴息。' });
    expect((await gw.call('demand', 'get', { id }, A)).body.data.actions).toEqual(['rate', 'redo', 'reopen']);

    const rated = (await gw.call('demand', 'rate', { id, score: 5, comment: '办理高效' }, A)).body.data;
    expect(rated).toMatchObject({ state: 'rated', score: 5, comment: '办理高效', actions: [] });
    expect(rated.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'progress', 'progress', 'resolve', 'rate']);
    expect(rated.timeline.map((t: { name: string }) => t.name)).toEqual(['赵敏', '王建国', '吴倩', '吴倩', '吴倩', '吴倩', '赵敏']);
    const times = rated.timeline.map((t: { at: string }) => new Date(t.at).getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(rated.timeline[1].note).toContain('请优先对接科技支行');
    const doc = (await col('demands').doc(id).get()).data[0];
    for (const f of ['submittedAt', 'assignedAt', 'acceptedAt', 'resolvedAt', 'ratedAt'] as const) expect(doc[f]).toBeInstanceOf(Date);
    expect(doc.month).toBe(now().format('YYYY-MM'));

    // The admins were told of the new demand, the handler of the assignment, the enterprise of acceptance and resolution (消息中心).
    const messages = (await col('outbox').where({ ref: `demands/${id}` }).orderBy('createdAt', 'asc').get()).data;
    expect(messages.map((m) => [m.toOpenid, m.template, m.data.state ?? ''])).toEqual([
      // One row to the admins as a role, fanned out to each admin at delivery (notify/deliver.ts).
      [roleRecipient('admin'), 'demandNew', ''],
      [FINANCE, 'demandAssigned', ''],
      [A, 'demandProgress', '已受理'],
      [A, 'demandProgress', '已办结待评价'],
    ]);
    expect(messages[1]).toMatchObject({ status: 'pending', page: `/packages/demand/detail/index?id=${id}`, data: { enterprise: '苏州星河智能装备有限公司', due: inDays(7) } });

    const log = (await col('audit').where({ target: `demands/${id}` }).get()).data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: ADMIN, action: 'assign', after: { handlerOpenid: FINANCE, dueDate: inDays(7) } });
  });

  test('the_enterprise_can_reopen_a_resolution_and_the_time_to_resolve_counts_to_the_final_one', async () => {
    const id = await submit();
    await assigned(id);
    await gw.call('demand', 'accept', { id }, FINANCE);
    await gw.call('demand', 'resolve', { id, resolution: '已提供银行名单。' }, FINANCE);
    const first = (await col('demands').doc(id).get()).data[0].resolvedAt;
    const reopened = (await gw.call('demand', 'reopen', { id, reason: '名单中的银行不做此类贷款。' }, A)).body.data;
    expect(reopened).toMatchObject({ state: 'in_progress', stateLabel: '办理中', handlerName: '吴倩', resolvedAt: null, reopenCount: 1 });
    expect((await gw.call('demand', 'rate', { id, score: 1 }, A)).body.error.code).toBe('CONFLICT');
    await gw.call('demand', 'resolve', { id, resolution: '已对接政策性银行并获批。' }, FINANCE);
    const final = (await col('demands').doc(id).get()).data[0];
    expect(final.resolvedAt!.getTime()).toBeGreaterThanOrEqual(first!.getTime());
    expect(final.timeline.map((t) => t.action)).toEqual(['submit', 'assign', 'accept', 'resolve', 'reopen', 'resolve']);
  });

  test('a_demand_can_be_withdrawn_only_before_it_is_accepted', async () => {
    const early = await submit();
    expect((await gw.call('demand', 'cancel', { id: early, reason: '已自行解决' }, A)).body.data).toMatchObject({ state: 'cancelled', stateLabel: '已撤回' });
    expect((await gw.call('demand', 'assign', { id: early, handlerOpenid: FINANCE, dueDate: inDays(3) }, ADMIN)).body.error.code).toBe('CONFLICT');
    const late = await submit();
    await assigned(late);
    await gw.call('demand', 'accept', { id: late }, FINANCE);
    const r = await gw.call('demand', 'cancel', { id: late }, A);
    expect(r.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('撤回') });
  });
});

describe('role rules', () => {
  test('the_enterprise_sees_only_its_own_demands_and_a_handler_only_those_assigned_to_them', async () => {
    const id = await submit(A);
    await assigned(id, FINANCE);
    for (const stranger of [B, LEGAL, 'demo-visitor', 'demo-member']) {
      expect([stranger, (await gw.call('demand', 'get', { id }, stranger)).body.error?.code]).toEqual([stranger, 'NOT_FOUND']);
    }
    expect((await gw.call('demand', 'mine', {}, B)).body.data.items.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await gw.call('demand', 'assigned', {}, LEGAL)).body.data.items.map((d: { id: string }) => d.id)).not.toContain(id);
    // The enterprise sees who handles it by name, never staff openids.
    const own = (await gw.call('demand', 'get', { id }, A)).body.data;
    expect(own).toMatchObject({ handlerName: '吴倩', handlerOpenid: null, submittedBy: '' });
    expect(JSON.stringify(own)).not.toContain(FINANCE);
    expect(JSON.stringify(own)).not.toContain(ADMIN);
    expect((await gw.call('demand', 'get', { id }, ADMIN)).body.data.handlerOpenid).toBe(FINANCE);
    const everyOwnA = (await gw.call('demand', 'mine', { scope: 'all' }, A)).body.data.items;
    const docs = (await col('demands').where({ _id: cmd().in(everyOwnA.map((d: { id: string }) => d.id)) }).get()).data;
    expect(docs.every((d) => d.enterpriseId === 'ent-a')).toBe(true);
  });

  test('holding_the_expert_role_is_not_enough_the_document_names_the_handler', async () => {
    const id = await submit();
    await assigned(id, FINANCE);
    const r = await gw.call('demand', 'accept', { id }, LEGAL);
    expect(r.body.error.code).toBe('NOT_FOUND');
    // An admin who is not the handler administers but cannot accept on the handler's behalf.
    const admin = await gw.call('demand', 'accept', { id }, ADMIN);
    expect(admin.body.error.code).toBe('FORBIDDEN');
    expect((await col('demands').doc(id).get()).data[0].state).toBe('submitted');
    // The enterprise cannot resolve its own demand; the handler cannot rate it.
    expect((await gw.call('demand', 'resolve', { id, resolution: '自己办好了' }, A)).status).toBe(403);
    await gw.call('demand', 'accept', { id }, FINANCE);
    await gw.call('demand', 'resolve', { id, resolution: '已办结。' }, FINANCE);
    expect((await gw.call('demand', 'rate', { id, score: 5 }, FINANCE)).status).toBe(403);
    expect((await gw.call('demand', 'rate', { id, score: 5 }, B)).body.error.code).toBe('NOT_FOUND');
  });

  test('reassigning_hands_the_demand_to_the_new_handler_who_must_accept_it_again', async () => {
    const id = await submit();
    await assigned(id, FINANCE);
    await gw.call('demand', 'accept', { id }, FINANCE);
    const re = await gw.call('demand', 'assign', { id, handlerOpenid: LEGAL, dueDate: inDays(5) }, ADMIN);
    expect(re.body.data).toMatchObject({ state: 'submitted', handlerName: '周文', acceptedAt: null });
    expect((await gw.call('demand', 'progress', { id, note: '继续办理' }, FINANCE)).body.error.code).toBe('NOT_FOUND');
    expect((await gw.call('demand', 'accept', { id }, LEGAL)).body.data.state).toBe('accepted');
  });

  test('only_someone_holding_a_handler_role_can_be_assigned_and_never_with_a_past_due_day', async () => {
    const id = await submit();
    expect((await gw.call('demand', 'assign', { id, handlerOpenid: 'demo-member', dueDate: inDays(3) }, ADMIN)).body.error.code).toBe('NOT_FOUND');
    expect((await gw.call('demand', 'assign', { id, handlerOpenid: FINANCE, dueDate: inDays(-1) }, ADMIN)).body.error.code).toBe('VALIDATION');
    expect((await gw.call('demand', 'assign', { id: 'nope', handlerOpenid: FINANCE, dueDate: inDays(3) }, ADMIN)).body.error.code).toBe('NOT_FOUND');
    const handlers = (await gw.call('demand', 'handlers', {}, ADMIN)).body.data;
    expect(handlers.map((h: { openid: string }) => h.openid)).toEqual(expect.arrayContaining([FINANCE, LEGAL, ADMIN]));
    expect(handlers.map((h: { openid: string }) => h.openid)).not.toContain('demo-member');
  });

  test('filing_needs_privacy_consent_and_a_bound_enterprise', async () => {
    const openid = freshOpenid('noconsent');
    await gw.call('user', 'me', {}, openid);
    await gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId: 'ent-c' }, ADMIN);
    const r = await gw.call('demand', 'submit', { category: '其他', title: '测试', description: '没有同意隐私指引时提交' }, openid);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('隐私') });
    expect((await col('demands').where({ submittedBy: openid }).count()).total).toBe(0);
  });
});

describe('concurrency', () => {
  test('two_taps_on_accept_move_the_demand_once', async () => {
    const id = await submit();
    await assigned(id);
    const replies = await Promise.all(Array.from({ length: 6 }, () => gw.call('demand', 'accept', { id }, FINANCE)));
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1);
    for (const r of replies.filter((x) => !x.body.ok)) expect(r.body.error.code).toBe('CONFLICT');
    const doc = (await col('demands').doc(id).get()).data[0];
    expect(doc.timeline.filter((t) => t.action === 'accept')).toHaveLength(1);
  });

  test('rating_and_reopening_at_the_same_time_one_wins', async () => {
    const id = await submit();
    await assigned(id);
    await gw.call('demand', 'accept', { id }, FINANCE);
    await gw.call('demand', 'resolve', { id, resolution: '已办结。' }, FINANCE);
    const [rate, reopen] = await Promise.all([
      gw.call('demand', 'rate', { id, score: 4 }, A),
      gw.call('demand', 'reopen', { id, reason: '还有问题' }, A),
    ]);
    expect([rate.body.ok, reopen.body.ok].filter(Boolean)).toHaveLength(1);
    const doc = (await col('demands').doc(id).get()).data[0];
    expect(['rated', 'in_progress']).toContain(doc.state);
    expect(doc.timeline.filter((t) => t.action === 'rate' || t.action === 'reopen')).toHaveLength(1);
  });
});

describe('admin lists', () => {
  test('overdue_lists_open_demands_past_their_service_level_deadline', async () => {
    // The service level's deadline (working days from submission, findings S-01/S-02), not the
    // handler's 办理期限: the seeded 代办 of three months ago is overdue whoever holds it.
    const overdue = (await gw.call('demand', 'list', { view: 'overdue' }, ADMIN)).body.data;
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.total).toBe(overdue.items.length);
    for (const d of overdue.items) {
      expect(d.overdue).toBe(true);
      expect(d.sla.remainingDays).toBeLessThan(0);
      expect(['submitted', 'accepted', 'in_progress', 'waiting_enterprise', 'reopened']).toContain(d.state);
    }
    expect(overdue.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(['dm-seed-05', 'dm-seed-08']));
    const byCategory = (await gw.call('demand', 'list', { category: '法律', view: 'all' }, ADMIN)).body.data.items;
    expect(byCategory.every((d: { category: string }) => d.category === '法律')).toBe(true);
    const proxies = (await gw.call('demand', 'list', { kind: '代办' }, ADMIN)).body.data.items;
    expect(proxies.every((d: { kind: string }) => d.kind === '代办')).toBe(true);
  });

  test('admins_search_demands_by_enterprise_name_or_title', async () => {
    const all = (await gw.call('demand', 'list', { view: 'all' }, ADMIN)).body.data;
    const sample = all.items[0] as { enterpriseName: string; title: string };
    const word = sample.enterpriseName.slice(2, 4);
    const found = (await gw.call('demand', 'list', { view: 'all', q: word }, ADMIN)).body.data;
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThanOrEqual(all.total);
    expect(found.items.every((d: { enterpriseName: string; title: string }) => d.enterpriseName.includes(word) || d.title.includes(word))).toBe(true);
    const byTitle = (await gw.call('demand', 'list', { view: 'all', q: sample.title }, ADMIN)).body.data.items;
    expect(byTitle.map((d: { title: string }) => d.title)).toContain(sample.title);
    // Typed text is literal: a bracket is not a pattern and matches nothing here.
    const odd = await gw.call('demand', 'list', { view: 'all', q: '(星河' }, ADMIN);
    expect(odd.body).toMatchObject({ ok: true, data: { total: 0 } });
  });
});
