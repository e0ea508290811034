/** `user` through the local gateway against the embedded emulator (integration tier). */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const fresh = freshOpenid;

async function onboard(openid: string, name = '测试用户') {
  expect((await gw.call('user', 'acceptPrivacy', {}, openid)).body.ok).toBe(true);
  expect((await gw.call('user', 'updateProfile', { name }, openid)).body.ok).toBe(true);
}

describe('identity', () => {
  test('me_shows_each_demo_callers_roles', async () => {
    const expected: Record<string, string[]> = {
      'demo-admin': ['admin'],
      'demo-secretary': ['member', 'secretary'],
      'demo-member': ['member'],
      'demo-visitor': [],
      'demo-enterprise-a': ['enterprise'],
      'demo-enterprise-b': ['enterprise'],
      'demo-expert-legal': ['expert'],
      'demo-expert-finance': ['expert'],
    };
    for (const [openid, roles] of Object.entries(expected)) {
      const { status, body } = await gw.call('user', 'me', {}, openid);
      expect(status).toBe(200);
      expect(body.ok).toBe(true);
      expect(body.data.openid).toBe(openid);
      expect([...body.data.roles].sort()).toEqual(['visitor', ...roles].sort());
      expect(body.data.park.centerName).toBe('星河湾产业园党群服务中心');
    }
    const a = (await gw.call('user', 'me', {}, 'demo-enterprise-a')).body.data;
    expect(a.enterprise).toEqual({ id: 'ent-a', name: '苏州星河智能装备有限公司' });
    expect(a.roleLabels).toContain('企业联系人');
    const s = (await gw.call('user', 'me', {}, 'demo-secretary')).body.data;
    expect(s.branch.name).toBe('星河湾产业园联合党支部');
  });

  test('identity_comes_only_from_the_header_never_the_body', async () => {
    const body = JSON.stringify({ action: 'me', params: {}, openid: 'demo-admin', userInfo: { openId: 'demo-admin' } });
    const r = await gw.post('user', body, { 'X-WX-OPENID': 'demo-visitor' });
    expect(r.body.data.openid).toBe('demo-visitor');
    expect(r.body.data.roles).toEqual(['visitor']);
    const params = await gw.call('user', 'me', { openid: 'demo-admin' }, 'demo-visitor');
    expect(params.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const none = await gw.post('user', JSON.stringify({ action: 'me', params: {}, userInfo: { openId: 'demo-admin' } }));
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('a_new_openid_gets_exactly_one_user_record_even_when_first_calls_race', async () => {
    const openid = fresh('race');
    const replies = await Promise.all(Array.from({ length: 15 }, () => gw.call('user', 'me', {}, openid)));
    expect(replies.every((r) => r.body.ok && r.body.data.roles.join() === 'visitor')).toBe(true);
    expect((await col('users').where({ openid }).count()).total).toBe(1);
  });
});

describe('transport', () => {
  test('unknown_function_or_action_is_not_found_and_bad_json_is_validation', async () => {
    expect(await gw.call('nofn', 'me')).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } });
    expect(await gw.call('user', 'nope')).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } });
    const bad = await gw.post('user', '{"action":', { 'X-WX-OPENID': 'demo-visitor' });
    expect(bad).toMatchObject({ status: 400, body: { ok: false, error: { code: 'VALIDATION' } } });
    const arr = await gw.post('user', '[1,2]', { 'X-WX-OPENID': 'demo-visitor' });
    expect(arr.status).toBe(400);
    const big = await gw.post('user', JSON.stringify({ action: 'me', params: { x: 'x'.repeat(400_000) } }), { 'X-WX-OPENID': 'demo-visitor' });
    expect(big.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  test('demo_callers_and_health_are_served_in_local_mode', async () => {
    const res = await fetch(`${gw.url}/local/demo-callers`);
    const body = await res.json();
    expect(body.data.map((c: { openid: string }) => c.openid)).toEqual([
      'demo-admin',
      'demo-secretary',
      'demo-member',
      'demo-visitor',
      'demo-enterprise-a',
      'demo-enterprise-b',
      'demo-expert-legal',
      'demo-expert-finance',
    ]);
  });
});

describe('profile and privacy', () => {
  test('profile_is_refused_before_privacy_consent_and_saved_after', async () => {
    const openid = fresh('privacy');
    const before = await gw.call('user', 'updateProfile', { name: '林小雨' }, openid);
    expect(before).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect(before.body.error.message).toContain('隐私');
    expect((await gw.call('user', 'acceptPrivacy', {}, openid)).body.ok).toBe(true);
    const bad = await gw.call('user', 'updateProfile', { phone: '12345' }, openid);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.message).toContain('phone');
    const ok = await gw.call('user', 'updateProfile', { name: ' 林小雨 ', phone: '13912345678' }, openid);
    expect(ok.body).toEqual({ ok: true, data: { profile: { name: '林小雨', phone: '13912345678' } } });
    const me = await gw.call('user', 'me', {}, openid);
    expect(me.body.data).toMatchObject({ privacyAccepted: true, profile: { name: '林小雨', phone: '13912345678' } });
  });
});

describe('enterprise invite', () => {
  test('redeem_binds_the_enterprise_once', async () => {
    const openid = fresh('redeem');
    // Binding makes the person an enterprise contact: refused until they consent.
    const early = await gw.call('user', 'redeemInvite', { code: 'yunfan26' }, openid);
    expect(early.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(early.body.error.message).toContain('隐私');
    await gw.call('user', 'acceptPrivacy', {}, openid);
    const ok = await gw.call('user', 'redeemInvite', { code: 'yunfan26' }, openid);
    expect(ok.body).toEqual({ ok: true, data: { enterprise: { id: 'ent-c', name: '苏州云帆软件信息技术有限公司' } } });
    const me = (await gw.call('user', 'me', {}, openid)).body.data;
    expect(me.roles).toContain('enterprise');
    expect(me.enterprise.id).toBe('ent-c');
    expect((await gw.call('user', 'redeemInvite', { code: 'YUNFAN26' }, openid)).body.error.code).toBe('CONFLICT');
    expect((await gw.call('user', 'redeemInvite', { code: 'NOSUCH99' }, openid)).body.error.code).toBe('CONFLICT');
    const other = fresh('x');
    await gw.call('user', 'acceptPrivacy', {}, other);
    expect((await gw.call('user', 'redeemInvite', { code: 'NOSUCH99' }, other)).body.error.code).toBe('NOT_FOUND');
  });

  test('the_last_use_of_an_invite_is_won_by_exactly_one_of_many_racers', async () => {
    const made = await gw.call('user', 'createInvite', { enterpriseId: 'ent-e', maxUses: 1 }, 'demo-admin');
    expect(made.body.ok).toBe(true);
    const code: string = made.body.data.code;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const racers = Array.from({ length: 12 }, () => fresh('racer'));
    await Promise.all(racers.map((o) => gw.call('user', 'acceptPrivacy', {}, o)));
    const replies = await Promise.all(racers.map((o) => gw.call('user', 'redeemInvite', { code }, o)));
    const winners = replies.filter((r) => r.body.ok);
    expect(winners).toHaveLength(1);
    for (const r of replies.filter((x) => !x.body.ok)) expect(['CLOSED', 'CONFLICT']).toContain(r.body.error.code);
    const [invite] = (await col('invites').doc(code).get()).data;
    expect(invite.uses).toBe(1);
    expect((await col('users').where({ enterpriseId: 'ent-e' }).count()).total).toBe(1);
  });

  test('one_person_redeeming_codes_of_two_enterprises_at_once_is_bound_to_one_and_the_other_keeps_its_use_and_contact_list', async () => {
    const codes = await Promise.all(
      ['ent-e', 'ent-f'].map(async (enterpriseId) => (await gw.call('user', 'createInvite', { enterpriseId, maxUses: 2 }, 'demo-admin')).body.data.code as string),
    );
    const openid = fresh('two-codes');
    await gw.call('user', 'acceptPrivacy', {}, openid);
    const replies = await Promise.all(codes.map((code) => gw.call('user', 'redeemInvite', { code }, openid)));
    const won = replies.findIndex((r) => r.body.ok);
    expect(won).toBeGreaterThanOrEqual(0);
    expect(replies[1 - won].body.error.code).toBe('CONFLICT');
    const [me] = (await col('users').doc(openid).get()).data;
    const bound = ['ent-e', 'ent-f'][won];
    const other = ['ent-e', 'ent-f'][1 - won];
    expect(me).toMatchObject({ enterpriseId: bound, roles: ['enterprise'] });
    const uses = await Promise.all(codes.map(async (code) => (await col('invites').doc(code).get()).data[0].uses));
    expect(uses[won]).toBe(1);
    expect(uses[1 - won]).toBe(0);
    const contacts = async (id: string) => (await col('enterprises').doc(id).get()).data[0].contactOpenids;
    expect(await contacts(bound)).toContain(openid);
    expect(await contacts(other)).not.toContain(openid);
  });

  test('an_expired_or_used_up_code_is_closed_and_keeps_its_count', async () => {
    const used = (await gw.call('user', 'createInvite', { enterpriseId: 'ent-e', maxUses: 1 }, 'demo-admin')).body.data.code as string;
    const first = fresh('used-up');
    const second = fresh('used-up');
    await Promise.all([first, second].map((o) => gw.call('user', 'acceptPrivacy', {}, o)));
    expect((await gw.call('user', 'redeemInvite', { code: used }, first)).body.ok).toBe(true);
    expect((await gw.call('user', 'redeemInvite', { code: used }, second)).body.error).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('次数已满') });
    expect((await col('invites').doc(used).get()).data[0].uses).toBe(1);
    const expired = (await gw.call('user', 'createInvite', { enterpriseId: 'ent-e', days: 1 }, 'demo-admin')).body.data.code as string;
    await col('invites').doc(expired).update({ expiresAt: new Date(Date.now() - 60_000) });
    expect((await gw.call('user', 'redeemInvite', { code: expired }, second)).body.error).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('过期') });
    expect((await col('invites').doc(expired).get()).data[0].uses).toBe(0);
    expect((await col('users').doc(second).get()).data[0].enterpriseId).toBeNull();
  });

  test('only_admins_issue_invites', async () => {
    const r = await gw.call('user', 'createInvite', { enterpriseId: 'ent-e' }, 'demo-enterprise-a');
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });
});

describe('Party membership', () => {
  test('apply_then_branch_secretary_approves_once_and_it_is_audited', async () => {
    const openid = fresh('apply');
    await onboard(openid, '何志远');
    const applied = await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid);
    expect(applied.body).toMatchObject({ ok: true, data: { memberStatus: 'pending' } });

    const pending = await gw.call('user', 'pendingMembers', {}, 'demo-secretary');
    expect(pending.body.data.map((u: { openid: string }) => u.openid)).toContain(openid);
    expect((await gw.call('user', 'pendingMembers', {}, 'demo-member')).status).toBe(403);

    const twice = await Promise.all([
      gw.call('user', 'approveMember', { openid, approve: true }, 'demo-secretary'),
      gw.call('user', 'approveMember', { openid, approve: true }, 'demo-admin'),
    ]);
    expect(twice.filter((r) => r.body.ok)).toHaveLength(1);
    expect(twice.find((r) => !r.body.ok)!.body.error.code).toBe('CONFLICT');
    const me = (await gw.call('user', 'me', {}, openid)).body.data;
    expect(me).toMatchObject({ memberStatus: 'approved', branch: { id: 'branch-joint' } });
    expect(me.roles).toContain('member');
    const log = (await col('audit').where({ target: `users/${openid}`, action: 'approveMember' }).get()).data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ before: { memberStatus: 'pending' }, after: { memberStatus: 'approved' } });
    expect(['demo-secretary', 'demo-admin']).toContain(log[0].actor);
  });

  test('the_branch_secretary_approving_makes_the_applicant_a_member_and_audits_it', async () => {
    const openid = fresh('approve');
    await onboard(openid, '韩雪');
    await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid);
    const r = await gw.call('user', 'approveMember', { openid, approve: true }, 'demo-secretary');
    expect(r.body).toEqual({ ok: true, data: { openid, memberStatus: 'approved', memberId: expect.any(String) } });
    const [u] = (await col('users').doc(openid).get()).data;
    expect(u).toMatchObject({ memberStatus: 'approved', branchId: 'branch-joint' });
    expect(u.roles).toContain('member');
    const log = (await col('audit').where({ target: `users/${openid}`, action: 'approveMember' }).get()).data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: 'demo-secretary', before: { memberStatus: 'pending' }, after: { memberStatus: 'approved' } });
  });

  test('a_secretary_cannot_approve_their_own_application_an_admin_can', async () => {
    const openid = fresh('self-approve');
    await onboard(openid, '葛明');
    expect((await gw.call('user', 'grantRole', { openid, role: 'secretary', branchId: 'br-joint-b' }, 'demo-admin')).body.ok).toBe(true);
    expect((await gw.call('user', 'applyMember', { branchId: 'br-joint-b' }, openid)).body).toMatchObject({ ok: true, data: { memberStatus: 'pending' } });
    const self = await gw.call('user', 'approveMember', { openid, approve: true }, openid);
    expect(self.body.error).toMatchObject({ code: 'FORBIDDEN', message: '不能审批自己的入党申请，请由党务管理员审批。' });
    expect((await col('users').doc(openid).get()).data[0].memberStatus).toBe('pending');
    expect((await gw.call('user', 'approveMember', { openid, approve: true }, 'demo-admin')).body).toMatchObject({ ok: true, data: { memberStatus: 'approved' } });
  });

  test('a_rejected_applicant_does_not_become_a_member', async () => {
    const openid = fresh('reject');
    await onboard(openid, '曹宁');
    await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid);
    const r = await gw.call('user', 'approveMember', { openid, approve: false }, 'demo-secretary');
    expect(r.body).toEqual({ ok: true, data: { openid, memberStatus: 'rejected', memberId: null } });
    const [u] = (await col('users').doc(openid).get()).data;
    expect(u.memberStatus).toBe('rejected');
    expect(u.roles).not.toContain('member');
  });

  test('a_secretary_cannot_approve_for_another_branch', async () => {
    const openid = fresh('other');
    await onboard(openid, '邓佳');
    await gw.call('user', 'applyMember', { branchId: 'branch-hengrun' }, openid);
    const r = await gw.call('user', 'approveMember', { openid, approve: true }, 'demo-secretary');
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('user', 'me', {}, openid)).body.data.memberStatus).toBe('pending');
  });

  /** Makes the emulator refuse `action` on `collection` (a call killed between its writes). */
  function refuse(action: string, collection: string) {
    const real = gw.emulator.handle.bind(gw.emulator);
    return jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) =>
      body?.action === `database.${action}` && body.collectionName === collection ? { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'connection reset (injected)' } : real(body),
    );
  }
  async function interrupted(call: () => Promise<{ body: any }>, action: string, collection: string) {
    const spy = refuse(action, collection);
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await call()).body).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
  }
  const boundRows = async (openid: string) => (await col('partyMembers').where({ bindKey: openid }).get()).data;

  test('an_approval_killed_before_it_decides_is_completed_by_approving_again_with_one_row_and_one_stretch', async () => {
    const openid = fresh('killed');
    await onboard(openid, '郝平');
    await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid);
    const approve = () => gw.call('user', 'approveMember', { openid, approve: true }, 'demo-secretary');
    // Killed after the row and its stretch, before the decision: the applicant is still pending.
    await interrupted(approve, 'modifyDocument', 'users');
    expect((await col('users').doc(openid).get()).data[0].memberStatus).toBe('pending');
    expect(await boundRows(openid)).toHaveLength(1);
    // Killed again on the repeat (before deciding): the row is found again, no second one.
    await interrupted(approve, 'modifyDocument', 'users');
    const r = (await approve()).body;
    expect(r).toMatchObject({ ok: true, data: { memberStatus: 'approved' } });
    const rows = await boundRows(openid);
    expect(rows.map((m) => m._id)).toEqual([r.data.memberId]);
    expect(rows[0].stretches).toEqual([expect.objectContaining({ branchId: 'branch-joint', to: null })]);
    expect((await col('audit').where({ target: `users/${openid}`, action: 'approveMember' }).get()).data).toHaveLength(1);
  });

  test('rejecting_after_an_interrupted_approval_takes_its_roster_row_back', async () => {
    const openid = fresh('killed-rej');
    await onboard(openid, '屈明');
    await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid);
    await interrupted(() => gw.call('user', 'approveMember', { openid, approve: true }, 'demo-secretary'), 'modifyDocument', 'users');
    const [row] = await boundRows(openid);
    expect(row).toBeDefined();
    expect((await gw.call('user', 'approveMember', { openid, approve: false }, 'demo-admin')).body).toMatchObject({ ok: true, data: { memberStatus: 'rejected' } });
    expect(await boundRows(openid)).toEqual([]);
  });

  test('an_approval_racing_a_rejection_lands_one_decision_and_leaves_no_row_when_rejected', async () => {
    const openid = fresh('race-rej');
    await onboard(openid, '车敏');
    await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid);
    const [yes, no] = await Promise.all([
      gw.call('user', 'approveMember', { openid, approve: true }, 'demo-secretary'),
      gw.call('user', 'approveMember', { openid, approve: false }, 'demo-admin'),
    ]);
    expect([yes.body.ok, no.body.ok].filter(Boolean)).toHaveLength(1);
    const [u] = (await col('users').doc(openid).get()).data;
    expect(await boundRows(openid)).toHaveLength(u.memberStatus === 'approved' ? 1 : 0);
  });

  test('a_membership_grant_killed_before_the_user_record_is_finished_by_granting_again_with_one_row', async () => {
    const openid = fresh('grant-killed');
    await onboard(openid, '尤平');
    const grant = () => gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'branch-joint' }, 'demo-admin');
    await interrupted(grant, 'modifyAndReturnDoc', 'users');
    expect((await col('users').doc(openid).get()).data[0].roles).not.toContain('member');
    expect(await boundRows(openid)).toHaveLength(1);
    expect((await grant()).body).toMatchObject({ ok: true, data: { memberStatus: 'approved', branchId: 'branch-joint' } });
    const rows = await boundRows(openid);
    expect(rows).toHaveLength(1);
    expect(rows[0].stretches).toEqual([expect.objectContaining({ branchId: 'branch-joint', to: null })]);
    // Another branch now is a transfer, not a grant.
    expect((await gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'branch-hengrun' }, 'demo-admin')).body.error.code).toBe('CONFLICT');
  });

  test('applying_needs_a_name_and_an_existing_branch', async () => {
    const openid = fresh('noname');
    await gw.call('user', 'acceptPrivacy', {}, openid);
    expect((await gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid)).body.error.code).toBe('VALIDATION');
    await gw.call('user', 'updateProfile', { name: '钱多' }, openid);
    expect((await gw.call('user', 'applyMember', { branchId: 'nope' }, openid)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('roles', () => {
  test('admin_grants_and_revokes_with_scope_and_audit', async () => {
    const openid = fresh('expert');
    await gw.call('user', 'me', {}, openid);
    const g = await gw.call('user', 'grantRole', { openid, role: 'expert', teamId: 'team-talent' }, 'demo-admin');
    expect(g.body.ok).toBe(true);
    expect((await gw.call('user', 'me', {}, openid)).body.data.roles).toContain('expert');
    expect((await col('users').doc(openid).get()).data[0].expertTeamId).toBe('team-talent');
    const missingScope = await gw.call('user', 'grantRole', { openid, role: 'secretary' }, 'demo-admin');
    expect(missingScope.body.error.code).toBe('VALIDATION');
    const r = await gw.call('user', 'revokeRole', { openid, role: 'expert' }, 'demo-admin');
    expect(r.body.ok).toBe(true);
    expect((await gw.call('user', 'me', {}, openid)).body.data.roles).toEqual(['visitor']);
    const log = (await col('audit').where({ target: `users/${openid}` }).orderBy('at', 'asc').get()).data;
    expect(log.map((l) => l.action)).toEqual(['grantRole', 'revokeRole']);
  });

  test('a_replaced_secretary_loses_the_role_and_the_branchs_study_groups_pass_to_the_new_one', async () => {
    const [oldSec, newSec] = [fresh('sec-old'), fresh('sec-new')];
    await onboard(oldSec, '方旧');
    await onboard(newSec, '方新');
    const grantSec = (openid: string) => gw.call('user', 'grantRole', { openid, role: 'secretary', branchId: 'br-joint-d' }, 'demo-admin');
    expect((await grantSec(oldSec)).body.ok).toBe(true);
    // The seeded secretary replaced by oldSec leads nothing any more.
    expect((await gw.call('user', 'me', {}, 'seed-secretary-joint-d')).body.data.roles).not.toContain('secretary');
    const g = await gw.call('study', 'createGroup', { name: `D栋支部学习${oldSec.slice(-4)}`, kind: 'branch', branchId: 'br-joint-d' }, oldSec);
    expect(g.body.ok).toBe(true);
    const groupId = g.body.data.id;
    expect((await gw.call('study', 'completion', { groupId }, oldSec)).body.ok).toBe(true);

    const r = await grantSec(newSec);
    expect(r.body.ok).toBe(true);
    expect((await gw.call('user', 'me', {}, oldSec)).body.data.roles).not.toContain('secretary');
    for (const [action, params] of [['completion', { groupId }], ['resetInviteCode', { groupId }]] as const) {
      expect((await gw.call('study', action, params, oldSec)).body.error.code).toBe('FORBIDDEN');
    }
    expect((await gw.call('study', 'completion', { groupId }, newSec)).body.ok).toBe(true);
    expect((await col('studyGroups').doc(groupId).get()).data[0].ownerOpenid).toBe(newSec);
    const home = (await gw.call('study', 'home', {}, newSec)).body.data.groups;
    expect(home.find((x: { id: string }) => x.id === groupId)).toMatchObject({ manager: true });
    const [log] = (await col('audit').where({ target: `users/${newSec}`, action: 'grantRole' }).get()).data;
    expect(log.after).toMatchObject({ replacedSecretary: oldSec, groupsHandedOver: 1 });
  });

  test('an_admin_cannot_grant_themselves_a_role', async () => {
    const r = await gw.call('user', 'grantRole', { openid: 'demo-admin', role: 'secretary', branchId: 'br-joint-d' }, 'demo-admin');
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: '不能给自己授予身份，请由其他管理员操作。' });
    expect((await gw.call('user', 'me', {}, 'demo-admin')).body.data.roles).not.toContain('secretary');
  });

  test('admin_cannot_lock_themselves_out_and_unknown_users_are_not_found', async () => {
    expect((await gw.call('user', 'revokeRole', { openid: 'demo-admin', role: 'admin' }, 'demo-admin')).body.error.code).toBe('CONFLICT');
    expect((await gw.call('user', 'grantRole', { openid: 'never-seen', role: 'admin' }, 'demo-admin')).body.error.code).toBe('NOT_FOUND');
  });
});

describe('configured admins', () => {
  test('openids_in_REDPARK_ADMIN_OPENIDS_are_admins_from_their_first_call', async () => {
    const openid = fresh('boot');
    const before = process.env.REDPARK_ADMIN_OPENIDS;
    process.env.REDPARK_ADMIN_OPENIDS = `someone-else, ${openid}`;
    try {
      expect((await gw.call('user', 'me', {}, openid)).body.data.roles).toEqual(['visitor', 'admin']);
      const r = await gw.call('user', 'revokeRole', { openid, role: 'admin' }, 'demo-admin');
      expect(r.body.error.code).toBe('CONFLICT');
    } finally {
      process.env.REDPARK_ADMIN_OPENIDS = before;
    }
    expect((await gw.call('user', 'me', {}, openid)).body.data.roles).toEqual(['visitor']);
  });
});

describe('persistence', () => {
  test('data_survives_a_gateway_restart', async () => {
    const openid = fresh('persist');
    await onboard(openid, '持久化');
    const dataDir = gw.dataDir;
    await gw.close();
    gw = await startTestGateway({ dataDir });
    const me = (await gw.call('user', 'me', {}, openid)).body.data;
    expect(me.profile.name).toBe('持久化');
    // Seeding ran once: the demo data is not duplicated by a restart.
    expect((await col('teams').count()).total).toBe(5);
  });
});
