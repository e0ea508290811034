/**
 * 红星津贴 payout ledger (F-08) against the emulator: generation proposes each finalised branch's
 * current secretary once (idempotent, one row per person even when two admins generate at once),
 * amounts stay as the finalised rating froze them, the 待审批 → 已审批 → 已发放 / 已撤销 transitions
 * are refused out of order, only admins manage it, a recipient sees only their own rows, and the
 * export parses back. Quarters are counted back from the clock, each test its own.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, makeUser } from '../../local/party.testkit';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col } from '../../server/core/db';
import { addDays, parkDay } from '../../server/core/time';
import type { RatingDoc } from './docs';
import { previousQuarter, quarterOf } from './scoring';
import { ratingId } from './ratingData';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const call = (action: string, params: unknown, who = 'demo-admin') => gw.call('org', action, params, who);

/** The quarter `n` quarters before this one (seeded ratings sit in the last quarter: tests go further back). */
function quarterBack(n: number): string {
  let q = quarterOf();
  for (let i = 0; i < n; i++) q = previousQuarter(q);
  return q;
}

/** A finalised rating written as finalizeRating stores it (the rating's own tests cover how it is reached). */
async function finalRating(quarter: string, branch: { branchId: string; name: string }, stars: number, allowance: number): Promise<void> {
  const at = new Date();
  const doc: RatingDoc = {
    quarter, branchId: branch.branchId, branchName: branch.name, rubricVersion: 1, items: [], total: 80, stars, allowance, status: 'final',
    log: [], finalizedBy: 'demo-admin', finalizedAt: at, createdAt: at, updatedAt: at,
  };
  await col('ratings').doc(ratingId(quarter, branch.branchId)).set(doc);
}

/** Roster stretches begin well before every quarter the tests use. */
const longAgo = addDays(parkDay(), -3650);

/**
 * Database round trips of one successful call (the caller's own read included), held to the
 * budget of a tapped write (local/roundTrips.int.test.ts): every write here is at most 5.
 */
async function trips(action: string, params: unknown, who = 'demo-admin'): Promise<{ requests: number; data: any }> {
  const before = gw.emulator.stats.requests;
  const data = await ok(call(action, params, who));
  return { requests: gw.emulator.stats.requests - before, data };
}

const mineOf = (rows: any[], branchId: string) => rows.filter((r) => r.branchId === branchId);

test('generation_proposes_each_finalised_branchs_current_secretary_once_and_again_creates_nothing', async () => {
  const quarter = quarterBack(2);
  const a = await makeBranch('甲支部');
  const orphan = await makeBranch('无书记支部');
  const none = await makeBranch('一星支部');
  const draft = await makeBranch('未定级支部');
  await finalRating(quarter, a, 4, 2000);
  await finalRating(quarter, orphan, 5, 3000);
  await finalRating(quarter, none, 1, 0);
  await col('ratings').doc(ratingId(quarter, draft.branchId)).set({ quarter, branchId: draft.branchId, branchName: draft.name, status: 'draft', stars: 3, allowance: 1200, items: [], log: [], total: 70, rubricVersion: 1, finalizedBy: null, finalizedAt: null, createdAt: new Date(), updatedAt: new Date() });
  await col('branches').doc(orphan.branchId).update({ secretaryOpenid: null });

  const { data: first, requests } = await trips('generatePayouts', { quarter });
  expect(requests).toBeLessThanOrEqual(5);
  expect(first.noSecretary).toEqual(expect.arrayContaining([{ branchId: orphan.branchId, branchName: orphan.name }]));
  const list = await ok(call('listPayouts', { quarter }));
  expect(mineOf(list.rows, a.branchId)).toEqual([expect.objectContaining({ openid: a.secretary, name: expect.stringMatching(/^书记/), stars: 4, amount: 2000, state: 'pending', stateLabel: '待审批', source: 'secretary' })]);
  for (const b of [orphan, none, draft]) expect(mineOf(list.rows, b.branchId)).toEqual([]);
  expect(list.withoutRows.map((w: any) => w.branchId)).toContain(orphan.branchId);

  // Again: nothing new, whatever the state of the rows already there.
  const again = await ok(call('generatePayouts', { quarter }));
  expect(again.created).toBe(0);
  expect(again.existing).toBe(list.rows.length);
  expect((await col('allowancePayouts').where({ quarter, branchId: a.branchId }).count()).total).toBe(1);

  // A quarter with nothing finalised.
  expect(await codeOf(call('generatePayouts', { quarter: quarterBack(12) }))).toBe('NOT_FOUND');
});

test('two_admins_generating_at_once_leave_one_row_per_person_the_unique_index_decides', async () => {
  const quarter = quarterBack(3);
  const branches = [await makeBranch('并发甲'), await makeBranch('并发乙')];
  for (const b of branches) await finalRating(quarter, b, 3, 1200);
  const codes = await Promise.all([0, 1, 2].map(() => codeOf(call('generatePayouts', { quarter }))));
  expect(codes).toContain('OK');
  for (const c of codes) expect(['OK', 'CONFLICT']).toContain(c);
  for (const b of branches) expect((await col('allowancePayouts').where({ quarter, branchId: b.branchId }).count()).total).toBe(1);
  // The index itself: a second row for the same person is refused by the database.
  const [row] = (await col('allowancePayouts').where({ quarter, branchId: branches[0].branchId }).get()).data;
  const { _id, ...copy } = row;
  await expect(col('allowancePayouts').add(copy)).rejects.toThrow(/duplicate/i);
});

test('amounts_stay_as_the_finalised_rating_froze_them_when_the_rubric_and_the_secretary_change', async () => {
  const quarter = quarterBack(4);
  const a = await makeBranch('冻结支部');
  await finalRating(quarter, a, 5, 3000);
  await ok(call('generatePayouts', { quarter }));
  const [before] = (await col('rubrics').doc('current').get()).data;
  // The allowance table doubles and the branch gets a new secretary after the rating was finalised.
  if (before) await col('rubrics').doc('current').update({ bands: before.bands.map((b) => ({ ...b, allowance: b.allowance * 2 })) });
  const next = await makeUser(['secretary', 'member'], '新书记');
  await col('branches').doc(a.branchId).update({ secretaryOpenid: next });
  try {
    await ok(call('generatePayouts', { quarter }));
    const rows = mineOf((await ok(call('listPayouts', { quarter }))).rows, a.branchId);
    expect(rows.map((r: any) => [r.openid, r.stars, r.amount]).sort()).toEqual([[a.secretary, 5, 3000], [next, 5, 3000]].sort());
  } finally {
    if (before) await col('rubrics').doc('current').update({ bands: before.bands });
  }
});

test('transitions_go_pending_approved_paid_or_withdrawn_and_are_refused_out_of_order_each_audited', async () => {
  const quarter = quarterBack(5);
  const a = await makeBranch('流转甲');
  const b = await makeBranch('流转乙');
  await finalRating(quarter, a, 4, 2000);
  await finalRating(quarter, b, 2, 600);
  await ok(call('generatePayouts', { quarter }));
  const rows = (await ok(call('listPayouts', { quarter }))).rows;
  const pa = mineOf(rows, a.branchId)[0].id;
  const pb = mineOf(rows, b.branchId)[0].id;
  const today = parkDay();

  // Not paid before approval; approved once even when tapped twice at once.
  expect(await codeOf(call('markPayoutPaid', { id: pa, paidOn: today }))).toBe('CONFLICT');
  const both = await Promise.all([0, 1].map(() => codeOf(call('decidePayout', { id: pa, decision: 'approve' }))));
  expect(both.sort()).toEqual(['CONFLICT', 'OK']);
  // Paid: never tomorrow, never before the approval day, once.
  expect(await codeOf(call('markPayoutPaid', { id: pa, paidOn: addDays(today, 1) }))).toBe('VALIDATION');
  expect(await codeOf(call('markPayoutPaid', { id: pa, paidOn: addDays(today, -1) }))).toBe('VALIDATION');
  expect(await codeOf(call('markPayoutPaid', { id: pa, paidOn: '2026-02-30' }))).toBe('VALIDATION');
  const paid = await trips('markPayoutPaid', { id: pa, paidOn: today });
  expect(paid.data.stateLabel).toBe('已发放');
  expect(paid.requests).toBeLessThanOrEqual(5);
  expect(await codeOf(call('markPayoutPaid', { id: pa, paidOn: today }))).toBe('CONFLICT');
  // A paid row is never withdrawn or approved again.
  expect(await codeOf(call('decidePayout', { id: pa, decision: 'withdraw', reason: '重复发放' }))).toBe('CONFLICT');
  expect(await codeOf(call('decidePayout', { id: pa, decision: 'approve' }))).toBe('CONFLICT');
  // Withdrawal needs a reason, and is final.
  expect(await codeOf(call('decidePayout', { id: pb, decision: 'withdraw' }))).toBe('VALIDATION');
  expect(await codeOf(call('decidePayout', { id: pb, decision: 'withdraw', reason: '误' }))).toBe('VALIDATION');
  const withdrawn = await trips('decidePayout', { id: pb, decision: 'withdraw', reason: '该书记本季度已调离' });
  expect(withdrawn.data.stateLabel).toBe('已撤销');
  expect(withdrawn.requests).toBeLessThanOrEqual(5);
  expect(await codeOf(call('decidePayout', { id: pb, decision: 'approve' }))).toBe('CONFLICT');
  expect(await codeOf(call('decidePayout', { id: pb, decision: 'withdraw', reason: '再撤一次' }))).toBe('CONFLICT');
  expect(await codeOf(call('decidePayout', { id: 'no-such-row', decision: 'approve' }))).toBe('NOT_FOUND');
  // Generating again does not bring a withdrawn person back.
  expect((await ok(call('generatePayouts', { quarter }))).created).toBe(0);

  const list = await ok(call('listPayouts', { quarter }));
  expect(list.totals).toEqual({ rows: 2, pending: 0, approved: 2000, paid: 2000, withdrawn: 1 });
  const paidRow = list.rows.find((r: any) => r.id === pa);
  expect(paidRow).toMatchObject({ paidOn: today, approvedOn: today, paidByName: '王建国' });
  expect(list.rows.find((r: any) => r.id === pb)).toMatchObject({ state: 'withdrawn', withdrawReason: '该书记本季度已调离' });

  const audits = (await col('audit').where({ fn: 'org', target: `allowancePayouts/${pa}` }).get()).data;
  expect(audits.map((x) => x.action).sort()).toEqual(['approvePayout', 'markPayoutPaid']);
  const [w] = (await col('audit').where({ fn: 'org', action: 'withdrawPayout', target: `allowancePayouts/${pb}` }).get()).data;
  expect(w).toMatchObject({ actor: 'demo-admin', before: { state: 'pending' }, after: { state: 'withdrawn', reason: '该书记本季度已调离' } });
  expect((await col('audit').where({ fn: 'org', action: 'generatePayouts', target: `allowancePayouts/${quarter}` }).count()).total).toBe(1);
});

test('the_running_total_paid_adds_every_quarters_payments_and_only_paid_ones', async () => {
  const q1 = quarterBack(6);
  const q2 = quarterBack(7);
  const a = await makeBranch('累计甲');
  const b = await makeBranch('累计乙');
  await finalRating(q1, a, 5, 3000);
  await finalRating(q2, b, 3, 1200);
  await ok(call('generatePayouts', { quarter: q1 }));
  await ok(call('generatePayouts', { quarter: q2 }));
  const start = (await ok(call('listPayouts', { quarter: q1 }))).runningPaid;
  const pay = async (quarter: string, branchId: string) => {
    const id = mineOf((await ok(call('listPayouts', { quarter }))).rows, branchId)[0].id;
    await ok(call('decidePayout', { id, decision: 'approve' }));
    await ok(call('markPayoutPaid', { id, paidOn: parkDay() }));
  };
  await pay(q1, a.branchId);
  const after1 = await ok(call('listPayouts', { quarter: q2 }));
  expect(after1.runningPaid).toBe(start + 3000);
  expect(after1.totals.paid).toBe(0);
  await pay(q2, b.branchId);
  expect((await ok(call('listPayouts', { quarter: q1 }))).runningPaid).toBe(start + 4200);
});

test('an_admin_adds_a_worker_from_the_branchs_roster_with_a_reason_and_only_from_it', async () => {
  const quarter = quarterBack(8);
  const a = await makeBranch('花名册甲');
  const other = await makeBranch('花名册乙');
  await finalRating(quarter, a, 4, 2000);
  await ok(call('generatePayouts', { quarter }));
  const worker = await makeUser(['member'], '组织委员');
  const inA = await makeMember({ branchId: a.branchId, from: longAgo, name: '组织委员', openid: worker });
  const unbound = await makeMember({ branchId: a.branchId, from: longAgo, name: '宣传委员' });
  const inOther = await makeMember({ branchId: other.branchId, from: longAgo, name: '外支部党员' });
  const secretaryRow = await makeMember({ branchId: a.branchId, from: longAgo, name: '书记本人', openid: a.secretary });

  expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: inA }))).toBe('VALIDATION');
  expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: inOther, reason: '协助支部工作' }))).toBe('VALIDATION');
  expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: other.branchId, memberId: inOther, reason: '协助支部工作' }))).toBe('CLOSED');
  expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: 'pm-none', reason: '协助支部工作' }))).toBe('NOT_FOUND');
  // The secretary already has the proposed row: the same person is not added twice.
  expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: secretaryRow, reason: '重复' }))).toBe('CONFLICT');
  const { data: added, requests } = await trips('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: inA, reason: '组织委员承担党务工作' });
  expect(requests).toBeLessThanOrEqual(5);
  expect(added).toMatchObject({ name: '组织委员', amount: 2000, stars: 4, state: 'pending' });
  expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: inA, reason: '再加一次' }))).toBe('CONFLICT');
  await ok(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: unbound, reason: '宣传委员承担党务工作' }));
  const rows = mineOf((await ok(call('listPayouts', { quarter }))).rows, a.branchId);
  // The proposed secretary's name is their user profile's (the row names no roster entry).
  expect(rows.map((r: any) => [r.name.replace(/^书记\w+$/, '书记'), r.source, r.amount]).sort()).toEqual([['书记', 'secretary', 2000], ['宣传委员', 'roster', 2000], ['组织委员', 'roster', 2000]].sort());
  const [log] = (await col('audit').where({ fn: 'org', action: 'addPayoutRecipient', target: `allowancePayouts/${added.id}` }).get()).data;
  expect(log.after).toMatchObject({ memberId: inA, reason: '组织委员承担党务工作' });
});

test('only_admins_manage_the_ledger_and_a_recipient_sees_only_their_own_rows', async () => {
  const quarter = quarterBack(9);
  const a = await makeBranch('隐私甲');
  const b = await makeBranch('隐私乙');
  await finalRating(quarter, a, 5, 3000);
  await finalRating(quarter, b, 4, 2000);
  for (const who of [a.secretary, 'demo-secretary', 'demo-member', 'demo-visitor']) {
    expect(await codeOf(call('generatePayouts', { quarter }, who))).toBe('FORBIDDEN');
    expect(await codeOf(call('listPayouts', { quarter }, who))).toBe('FORBIDDEN');
    expect(await codeOf(call('exportPayouts', { quarter }, who))).toBe('FORBIDDEN');
    expect(await codeOf(call('decidePayout', { id: 'x', decision: 'approve' }, who))).toBe('FORBIDDEN');
    expect(await codeOf(call('markPayoutPaid', { id: 'x', paidOn: parkDay() }, who))).toBe('FORBIDDEN');
    expect(await codeOf(call('addPayoutRecipient', { quarter, branchId: a.branchId, memberId: 'x', reason: '试试看' }, who))).toBe('FORBIDDEN');
  }
  await ok(call('generatePayouts', { quarter }));
  const worker = await makeUser(['member'], '委员');
  // Added while unbound, bound later: still theirs.
  const row = await makeMember({ branchId: b.branchId, from: longAgo, name: '委员' });
  await ok(call('addPayoutRecipient', { quarter, branchId: b.branchId, memberId: row, reason: '承担党务工作' }));
  await col('partyMembers').doc(row).update({ openid: worker, bindKey: worker });

  const mineA = await ok(call('myPayouts', {}, a.secretary));
  expect(mineA.map((r: any) => [r.quarter, r.amount, r.stateLabel])).toEqual([[quarter, 3000, '待审批']]);
  const mineB = await ok(call('myPayouts', {}, b.secretary));
  expect(mineB.map((r: any) => r.amount)).toEqual([2000]);
  expect(mineB[0].branchName).toBe(b.name);
  expect((await ok(call('myPayouts', {}, worker))).map((r: any) => [r.branchName, r.amount])).toEqual([[b.name, 2000]]);
  // Nobody can ask for someone else's: no parameter names a person.
  expect(await codeOf(call('myPayouts', { openid: a.secretary }, worker))).toBe('VALIDATION');
  expect(await ok(call('myPayouts', {}, 'demo-visitor'))).toEqual([]);
});

test('the_export_parses_back_with_a_row_per_recipient_and_the_totals', async () => {
  const quarter = quarterBack(10);
  const a = await makeBranch('导出甲');
  const b = await makeBranch('导出乙');
  await finalRating(quarter, a, 5, 3000);
  await finalRating(quarter, b, 3, 1200);
  await ok(call('generatePayouts', { quarter }));
  const rows = (await ok(call('listPayouts', { quarter }))).rows;
  const pa = mineOf(rows, a.branchId)[0].id;
  await ok(call('decidePayout', { id: pa, decision: 'approve' }));
  await ok(call('markPayoutPaid', { id: pa, paidOn: parkDay() }));
  await ok(call('decidePayout', { id: mineOf(rows, b.branchId)[0].id, decision: 'withdraw', reason: '书记已调离园区' }));

  const file = await ok(call('exportPayouts', { quarter }));
  expect(file.fileName).toBe(`红星津贴发放台账_${quarter}.xlsx`);
  expect(file.rows).toBe(rows.length);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Workbook = require('exceljs/lib/doc/workbook');
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64'));
  const ws = wb.getWorksheet('红星津贴发放台账');
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  expect(String(values(2)[0])).toMatch(/已审批 3000 元　已发放 3000 元　累计已发放 \d+ 元/);
  expect(values(3)).toEqual(['党组织', '发放对象', '星级', '金额（元）', '状态', '审批日期', '发放日期', '发放登记人', '备注']);
  const body = Array.from({ length: rows.length }, (_v, i) => values(4 + i));
  const ofA = body.find((v) => v[0] === a.name)!;
  expect(ofA.slice(2, 8)).toEqual([5, 3000, '已发放', parkDay(), parkDay(), '王建国']);
  const ofB = body.find((v) => v[0] === b.name)!;
  expect([ofB[4], ofB[8]]).toEqual(['已撤销', '撤销：书记已调离园区']);
  expect((await col('audit').where({ fn: 'org', action: 'exportPayouts', target: `allowancePayouts/${quarter}` }).count()).total).toBe(1);
});

test('the_demo_data_has_last_quarters_payouts_one_paid_and_one_approved', async () => {
  const list = await ok(call('listPayouts', {}));
  expect(list.quarter).toBe(previousQuarter(quarterOf()));
  const seeded = list.rows.filter((r: any) => r.id.startsWith('seed-payout-'));
  expect(seeded.map((r: any) => r.state).sort()).toEqual(['approved', 'paid']);
  const paid = seeded.find((r: any) => r.state === 'paid');
  expect(paid.paidOn <= parkDay()).toBe(true);
  expect(paid.approvedOn <= paid.paidOn).toBe(true);
  expect(list.runningPaid).toBeGreaterThanOrEqual(paid.amount);
  // The seeded approved row can be paid today from the page.
  const approved = seeded.find((r: any) => r.state === 'approved');
  expect(approved.approvedOn <= parkDay()).toBe(true);
});

test('a_former_secretary_who_deletes_their_data_keeps_the_payment_on_the_ledger_under_a_pseudonym', async () => {
  const quarter = quarterBack(11);
  const a = await makeBranch('删除数据支部');
  await finalRating(quarter, a, 4, 2000);
  await ok(call('generatePayouts', { quarter }));
  const [row] = (await col('allowancePayouts').where({ quarter, branchId: a.branchId }).get()).data;
  await ok(call('decidePayout', { id: row._id, decision: 'approve' }));
  await ok(call('markPayoutPaid', { id: row._id, paidOn: parkDay() }));
  // Relieved of the position (a serving secretary is refused), then deletes their data.
  const next = await makeUser(['secretary', 'member'], '接任书记');
  await col('branches').doc(a.branchId).update({ secretaryOpenid: next });
  await col('users').doc(a.secretary).update({ roles: ['member'] });
  const section = async () => (await ok(gw.call('user', 'myData', {}, a.secretary))).sections.find((s: { key: string }) => s.key === 'payouts');
  expect(await section()).toMatchObject({ count: 1, fate: 'anonymise', recent: [{ note: '2000 元 · 已发放' }] });
  const r = await ok(gw.call('user', 'deleteMyData', { confirm: true }, a.secretary));
  expect((await section()).count).toBe(0);
  expect(r.anonymised).toMatchObject({ allowancePayouts: 1, allowancePayoutKeys: 1 });

  // The erasure's own record carries the pseudonym as its actor.
  const [erasure] = (await col('audit').where({ action: 'deleteMyData' }).orderBy('at', 'desc').limit(1).get()).data;
  const [after] = (await col('allowancePayouts').doc(row._id).get()).data;
  expect(after).toMatchObject({ state: 'paid', amount: 2000, paidOn: parkDay(), openid: erasure.actor, personKey: erasure.actor });
  expect(JSON.stringify(await col('allowancePayouts').where({ quarter }).get())).not.toContain(a.secretary);
  expect(JSON.stringify((await col('audit').where({ fn: 'org', action: 'generatePayouts', target: `allowancePayouts/${quarter}` }).get()).data)).not.toContain(a.secretary);
  expect(await ok(call('myPayouts', {}, a.secretary))).toEqual([]);
});
