/**
 * G-13: a secretary's scope (the branches naming them secretary) is separate from their own
 * membership (users.branchId and their 花名册 row). Granting the role moves nothing of the second;
 * a person who is a member nowhere (upper-level staff 兼任) can lead; the branch-level change
 * (secretary A → B) is audited on the branch.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch } from '../../local/party.testkit';
import { col } from '../../server/core/db';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};

async function onboard(name: string): Promise<string> {
  const openid = freshOpenid('scope');
  ok(await gw.call('user', 'acceptPrivacy', {}, openid));
  ok(await gw.call('user', 'updateProfile', { name }, openid));
  return openid;
}

test('granting_secretary_keeps_the_persons_own_membership_and_adds_the_led_branch_to_their_scope', async () => {
  const person = await onboard('钱立新');
  ok(await gw.call('user', 'grantRole', { openid: person, role: 'member', branchId: 'branch-joint' }, 'demo-admin'));
  const { branchId } = await makeBranch('兼任测试支部');
  ok(await gw.call('user', 'grantRole', { openid: person, role: 'secretary', branchId }, 'demo-admin'));
  const me = ok(await gw.call('user', 'me', {}, person));
  expect(me.branch?.id).toBe('branch-joint');
  expect(me.memberStatus).toBe('approved');
  expect(me.ledBranches.map((b: { id: string }) => b.id)).toEqual([branchId]);
  const [row] = (await col('partyMembers').where({ bindKey: person }).get()).data;
  expect(row).toMatchObject({ branchId: 'branch-joint', state: 'active' });
  // Scope follows the branch they lead, not the one they belong to.
  expect((await gw.call('org', 'listOrgLife', { branchId }, person)).body.ok).toBe(true);
  expect((await gw.call('org', 'listOrgLife', { branchId: 'branch-joint' }, person)).body.error?.code).toBe('FORBIDDEN');
});

test('a_secretary_who_is_a_member_nowhere_leads_and_a_second_branch_adds_to_the_first', async () => {
  const staff = await onboard('上级党委干部');
  const [a, b] = [await makeBranch('兼任甲支部'), await makeBranch('兼任乙支部')];
  ok(await gw.call('user', 'grantRole', { openid: staff, role: 'secretary', branchId: a.branchId }, 'demo-admin'));
  ok(await gw.call('user', 'grantRole', { openid: staff, role: 'secretary', branchId: b.branchId }, 'demo-admin'));
  const me = ok(await gw.call('user', 'me', {}, staff));
  expect(me.branch).toBeNull();
  expect(me.memberStatus).toBe('none');
  expect(me.roles).not.toContain('member');
  expect(me.ledBranches.map((x: { id: string }) => x.id).sort()).toEqual([a.branchId, b.branchId].sort());
  expect((await col('users').doc(staff).get()).data[0].branchId ?? null).toBeNull();
  for (const branchId of [a.branchId, b.branchId]) expect((await gw.call('org', 'listOrgLife', { branchId }, staff)).body.ok).toBe(true);
  // The two replaced secretaries lead nothing now and lose the role.
  for (const old of [a.secretary, b.secretary]) expect(ok(await gw.call('user', 'me', {}, old)).roles).not.toContain('secretary');
});

test('replacing_a_secretary_is_audited_on_the_branch_as_well_as_on_the_person', async () => {
  const { branchId, secretary: was } = await makeBranch('换届测试支部');
  const next = await onboard('新书记');
  ok(await gw.call('user', 'grantRole', { openid: next, role: 'secretary', branchId }, 'demo-admin'));
  const rows = (await col('audit').where({ target: `branches/${branchId}` }).get()).data;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ actor: 'demo-admin', fn: 'user', action: 'setBranchSecretary', before: { secretaryOpenid: was }, after: { secretaryOpenid: next, replacedSecretary: was } });
  expect((await col('audit').where({ target: `users/${next}`, action: 'grantRole' }).get()).data).toHaveLength(1);
  // Granting the same person again changes nothing on the branch: no second branch row.
  ok(await gw.call('user', 'grantRole', { openid: next, role: 'secretary', branchId }, 'demo-admin'));
  expect((await col('audit').where({ target: `branches/${branchId}` }).get()).data).toHaveLength(1);
});

test('a_replaced_secretary_who_deletes_their_data_leaves_no_openid_in_the_branch_audit_row', async () => {
  const { branchId, secretary: was } = await makeBranch('换届删除数据');
  ok(await gw.call('user', 'acceptPrivacy', {}, was));
  const next = await onboard('接任书记');
  ok(await gw.call('user', 'grantRole', { openid: next, role: 'secretary', branchId }, 'demo-admin'));
  ok(await gw.call('user', 'deleteMyData', { confirm: true }, was));
  const [row] = (await col('audit').where({ target: `branches/${branchId}` }).get()).data;
  expect(JSON.stringify(row)).not.toContain(was);
  expect(row.after).toMatchObject({ secretaryOpenid: next });
});

test('a_new_branch_without_a_secretary_gets_its_first_one', async () => {
  const branchId = `br-first-${Date.now().toString(36)}`;
  // An older branch document may lack the field altogether, a new one holds null (org.upsertBranch).
  await col('branches').add({ _id: branchId, name: `首任书记测试支部${branchId}`, form: '联合组建', enterpriseIds: [], createdAt: new Date() } as any);
  const first = await onboard('首任书记');
  ok(await gw.call('user', 'grantRole', { openid: first, role: 'secretary', branchId }, 'demo-admin'));
  expect((await col('branches').doc(branchId).get()).data[0].secretaryOpenid).toBe(first);
  const [row] = (await col('audit').where({ target: `branches/${branchId}` }).get()).data;
  expect(row).toMatchObject({ before: { secretaryOpenid: null }, after: { secretaryOpenid: first } });
});

test('a_replaced_secretary_who_still_leads_another_branch_keeps_the_role_and_that_branch', async () => {
  const staff = await onboard('兼任书记');
  const [a, b] = [await makeBranch('兼任丙支部'), await makeBranch('兼任丁支部')];
  ok(await gw.call('user', 'grantRole', { openid: staff, role: 'secretary', branchId: a.branchId }, 'demo-admin'));
  ok(await gw.call('user', 'grantRole', { openid: staff, role: 'secretary', branchId: b.branchId }, 'demo-admin'));
  const next = await onboard('接任丁支部书记');
  ok(await gw.call('user', 'grantRole', { openid: next, role: 'secretary', branchId: b.branchId }, 'demo-admin'));
  const me = ok(await gw.call('user', 'me', {}, staff));
  expect(me.roles).toContain('secretary');
  expect(me.ledBranches.map((x: { id: string }) => x.id)).toEqual([a.branchId]);
  expect((await col('branches').doc(b.branchId).get()).data[0].secretaryOpenid).toBe(next);
});
