/** 党员花名册 and 组织关系转接 through the local gateway against the emulator (integration tier). Relative dates only. */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col } from '../../server/core/db';
import { newUser } from '../../server/core/caller';
import { addDays, dayjs, parkDay } from '../../server/core/time';
import { LEDGER } from '../../local/seed-org';
import { rosterPlan, PENDING_TRANSFER } from '../../local/seed-party';
import { branchOf, membersOf } from './months';
import { makeBranch, makeMember, makeUser, stretchesOf } from '../../local/party.testkit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const call = (action: string, params: unknown, openid: string) => gw.call('party', action, params, openid);
const today = () => parkDay();
const month = (offset: number) => dayjs(today()).startOf('month').add(offset, 'month').format('YYYY-MM');
const yearsAgo = (n: number, days = 0) => dayjs(today()).subtract(n, 'year').subtract(days, 'day').format('YYYY-MM-DD');

/** A 正式 member's facts, dated relative to today. */
const facts = (name: string, over: Record<string, unknown> = {}) => ({
  name, standing: '正式', joinedOn: yearsAgo(5), confirmedOn: yearsAgo(4), enterpriseId: 'ent-b', relation: '已转入', ...over,
});

async function rowOf(openid: string) {
  return (await col('partyMembers').where({ openid }).get()).data[0];
}

async function onboard(openid: string, name: string) {
  await ok(gw.call('user', 'acceptPrivacy', {}, openid));
  await ok(gw.call('user', 'updateProfile', { name }, openid));
}

describe('the seeded roster', () => {
  test('the_seeded_roster_agrees_with_the_ledger_party_member_facts_of_its_enterprises', async () => {
    const plan = rosterPlan();
    const enterprises = [...new Set(plan.map((r) => r.enterpriseId))];
    const rows = (await col('partyMembers').where({ state: 'active' }).limit(1000).get()).data;
    for (const id of enterprises) {
      const [e] = (await col('enterprises').doc(id).get()).data;
      const mine = rows.filter((r) => r.enterpriseId === id);
      expect({ id, full: mine.filter((r) => r.standing === '正式').length, probationary: mine.filter((r) => r.standing === '预备').length, registeredInPark: mine.filter((r) => r.relation === '已转入').length })
        .toEqual({ id, ...e.partyMembers });
      const l = LEDGER.find((x) => x[0] === id)!;
      expect(mine).toHaveLength(l[10] + l[11]);
    }
    // Every seeded member user of the joint branch is a bound row; two people are not on WeChat.
    const joint = rows.filter((r) => r.branchId === 'branch-joint');
    expect(joint).toHaveLength(9);
    expect(joint.filter((r) => r.openid).map((r) => r.openid).sort()).toEqual(['demo-member', 'demo-pm-01', 'demo-pm-02', 'demo-pm-03', 'demo-secretary', 'seed-member-01', 'seed-member-02'].sort());
    expect(joint.filter((r) => r.standing === '预备').length).toBeGreaterThan(0);
    expect(joint.filter((r) => r.relation === '未转入').every((r) => !!r.relationHeldAt)).toBe(true);
    // Stretches began months before the seed, and one between-branch transfer waits for demo-secretary.
    const theirs = await membersOf('branch-joint', month(-2));
    expect(theirs).toContain((await rowOf('demo-member'))._id);
    const list = ok(call('listTransfers', { state: 'pending' }, 'demo-secretary'));
    expect((await list).rows.find((t: any) => t.id === PENDING_TRANSFER.id)).toMatchObject({ kind: 'between', toBranchId: 'branch-joint', canDecide: true });
  });
});

describe('who sees a row', () => {
  test('only_the_member_their_branch_secretary_and_admins_see_a_row', async () => {
    const id = (await rowOf('demo-member'))._id;
    for (const who of ['demo-member', 'demo-secretary', 'demo-admin']) {
      expect((await ok(call('getMember', { id }, who))).member).toMatchObject({ id, name: '张卫东', branchName: '星河湾产业园联合党支部', bound: true });
    }
    const missing = await call('getMember', { id: 'pm-does-not-exist' }, 'demo-visitor');
    for (const who of ['seed-secretary-xinyuan', 'demo-visitor', 'demo-pm-01', 'demo-enterprise-b']) {
      const r = await call('getMember', { id }, who);
      // Exactly what a row that does not exist answers: nothing tells the row is there.
      expect(r.body).toEqual(missing.body);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const mine = await ok(call('listMembers', {}, 'demo-secretary'));
    expect(mine.total).toBeGreaterThanOrEqual(9);
    expect(mine.rows.every((r: any) => r.branchId === 'branch-joint')).toBe(true);
    expect(mine.rows[0]).not.toHaveProperty('openid');
    expect(await codeOf(call('listMembers', { branchId: 'branch-joint' }, 'seed-secretary-xinyuan'))).toBe('FORBIDDEN');
    expect(await codeOf(call('listMembers', {}, 'demo-member'))).toBe('FORBIDDEN');
    const theirs = await ok(call('listMembers', {}, 'seed-secretary-xinyuan'));
    expect(theirs.rows.every((r: any) => r.branchId === 'br-xinyuan')).toBe(true);
    const all = await ok(call('listMembers', { q: '张卫东' }, 'demo-admin'));
    expect(all.rows.map((r: any) => r.id)).toEqual([id]);
    expect(all.rows[0]).toMatchObject({ enterpriseName: '苏州云帆软件信息技术有限公司' });
    // A member sees their own row and nobody else's.
    expect((await ok(call('myMembership', {}, 'demo-member'))).member).toMatchObject({ id });
    expect((await ok(call('myMembership', {}, 'demo-visitor'))).member).toBeNull();
  });

  test('the_secretary_registers_and_corrects_a_member_with_every_change_audited', async () => {
    const bad = [
      facts('错日期', { confirmedOn: yearsAgo(6) }),
      facts('缺转正', { confirmedOn: null }),
      facts('预备转正', { standing: '预备', confirmedOn: yearsAgo(1) }),
      facts('未转入', { relation: '未转入' }),
      facts('假日期', { joinedOn: `${dayjs(today()).year() - 3}-02-30` }),
      facts('未来', { joinedOn: addDays(today(), 3), confirmedOn: null, standing: '预备' }),
    ];
    const before = (await col('partyMembers').where({ branchId: 'branch-joint' }).count()).total;
    for (const f of bad) expect(await codeOf(call('upsertMember', { branchId: 'branch-joint', ...f }, 'demo-secretary'))).toBe('VALIDATION');
    expect((await col('partyMembers').where({ branchId: 'branch-joint' }).count()).total).toBe(before);
    expect(await codeOf(call('upsertMember', { branchId: 'br-xinyuan', ...facts('别支部') }, 'demo-secretary'))).toBe('FORBIDDEN');

    const { id } = await ok(call('upsertMember', { branchId: 'branch-joint', ...facts('孔令军', { phone: '13800001111' }) }, 'demo-secretary'));
    expect(await membersOf('branch-joint', month(0))).toContain(id);
    expect(await membersOf('branch-joint', month(-1))).not.toContain(id);
    await ok(call('upsertMember', { id, ...facts('孔令军', { relation: '未转入', relationHeldAt: '徐州市鼓楼区丰财街道党工委' }) }, 'demo-secretary'));
    expect(await codeOf(call('upsertMember', { id, ...facts('孔令军') }, 'seed-secretary-xinyuan'))).toBe('NOT_FOUND');
    expect(await codeOf(call('upsertMember', { id, branchId: 'br-xinyuan', ...facts('孔令军') }, 'demo-secretary'))).toBe('VALIDATION');
    const log = (await col('audit').where({ target: `partyMembers/${id}` }).get()).data.sort((a, b) => +a.at - +b.at);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ actor: 'demo-secretary', before: null, after: { name: '孔令军', relation: '已转入', phone: '13800001111' } });
    expect(log[1]).toMatchObject({ before: { relation: '已转入', relationHeldAt: null }, after: { relation: '未转入', relationHeldAt: '徐州市鼓楼区丰财街道党工委', phone: null } });
  });
});

describe('a repeated submit', () => {
  test('registering_a_member_twice_with_one_request_id_makes_one_row', async () => {
    const requestId = `rq${Date.now().toString(36)}reg`;
    const p = { branchId: 'branch-joint', ...facts('祁望舒'), requestId };
    // A double tap and a network retry of the same form: one row, one stretch, one audit row.
    const both = await Promise.all([ok(call('upsertMember', p, 'demo-secretary')), ok(call('upsertMember', p, 'demo-secretary'))]);
    const again = await ok(call('upsertMember', p, 'demo-secretary'));
    expect(new Set([...both, again].map((r: any) => r.id)).size).toBe(1);
    const { data } = await col('partyMembers').where({ name: '祁望舒' }).get();
    expect(data).toHaveLength(1);
    expect(data[0].stretches).toHaveLength(1);
    expect((await col('audit').where({ target: `partyMembers/${data[0]._id}`, action: 'upsertMember' }).count()).total).toBe(1);
    // Another secretary's request with the same id is another request.
    const other = await ok(call('upsertMember', { branchId: 'br-xinyuan', ...facts('祁望舒', { enterpriseId: 'ent-n01' }), requestId }, 'seed-secretary-xinyuan'));
    expect(other.id).not.toBe(again.id);
  });
});

describe('组织关系转接', () => {
  test('a_between_branch_transfer_is_confirmed_once_when_two_confirm_at_once', async () => {
    const { id: memberId } = await ok(call('upsertMember', { branchId: 'br-xinyuan', ...facts('秦思远', { enterpriseId: 'ent-n01' }) }, 'seed-secretary-xinyuan'));
    const effectiveOn = addDays(today(), 1);
    expect(await codeOf(call('requestTransfer', { memberId, toBranchId: 'branch-joint', effectiveOn }, 'demo-secretary'))).toBe('NOT_FOUND');
    const { id } = await ok(call('requestTransfer', { memberId, toBranchId: 'branch-joint', effectiveOn, note: '工作调动' }, 'seed-secretary-xinyuan'));
    expect(await codeOf(call('requestTransfer', { memberId, toBranchId: 'br-zhixing', effectiveOn }, 'seed-secretary-xinyuan'))).toBe('CONFLICT');
    // Both secretaries see it; only the receiving one (or an admin) may decide.
    for (const who of ['seed-secretary-xinyuan', 'demo-secretary']) {
      expect((await ok(call('listTransfers', { state: 'pending' }, who))).rows.map((t: any) => t.id)).toContain(id);
    }
    expect(await codeOf(call('decideTransfer', { id, confirm: true }, 'seed-secretary-xinyuan'))).toBe('FORBIDDEN');

    const both = await Promise.all([call('decideTransfer', { id, confirm: true }, 'demo-secretary'), call('decideTransfer', { id, confirm: true }, 'demo-admin')]);
    expect(both.filter((r) => r.body.ok)).toHaveLength(1);
    expect(both.find((r) => !r.body.ok)!.body.error.code).toBe('CONFLICT');
    expect(await codeOf(call('decideTransfer', { id, confirm: false }, 'demo-secretary'))).toBe('CONFLICT');

    // The row itself holds its stretches (issue 19): the old one closed, the new one open, oldest first.
    const [m] = (await col('partyMembers').doc(memberId).get()).data;
    expect(m.stretches.map((s) => [s.branchId, s.to])).toEqual([['br-xinyuan', effectiveOn], ['branch-joint', null]]);
    expect(m.stretches[1]).toMatchObject({ from: effectiveOn, transferId: id });
    expect(m).toMatchObject({ branchId: 'branch-joint', pendingTransferId: null });
    expect(m).not.toHaveProperty('openStretchId');
    expect((await ok(call('getMember', { id: memberId }, 'demo-secretary'))).transfers[0]).toMatchObject({ id, state: 'confirmed' });
    expect((await col('audit').where({ target: `partyTransfers/${id}`, action: 'decideTransfer' }).get()).data).toHaveLength(1);
  });

  test('a_months_membership_is_unchanged_by_a_later_transfer', async () => {
    const [row] = (await col('partyMembers').where({ branchId: 'branch-joint', name: '钱丽' }).get()).data;
    const lastMonth = month(-1);
    const before = { joint: await membersOf('branch-joint', lastMonth), zhixing: await membersOf('br-zhixing', lastMonth), thisMonth: await membersOf('branch-joint', month(0)) };
    expect(before.joint).toContain(row._id);
    // A day that would rewrite a month already over is refused.
    const closed = `${lastMonth}-01`;
    expect(await codeOf(call('requestTransfer', { memberId: row._id, toBranchId: 'br-zhixing', effectiveOn: closed }, 'demo-secretary'))).toBe('VALIDATION');
    const effectiveOn = addDays(today(), 1);
    const { id } = await ok(call('requestTransfer', { memberId: row._id, toBranchId: 'br-zhixing', effectiveOn }, 'demo-secretary'));
    await ok(call('decideTransfer', { id, confirm: true }, 'seed-secretary-zhixing'));
    expect(await membersOf('branch-joint', lastMonth)).toEqual(before.joint);
    expect(await membersOf('br-zhixing', lastMonth)).toEqual(before.zhixing);
    expect(await membersOf('branch-joint', month(0))).toEqual(before.thisMonth);
    expect(await branchOf(row._id, lastMonth)).toBe('branch-joint');
    // From the first month that starts on or after the effective day, the answer is the new branch.
    const after = dayjs(effectiveOn).date() === 1 ? effectiveOn.slice(0, 7) : month(1);
    expect(await branchOf(row._id, after)).toBe('br-zhixing');
    expect(await membersOf('branch-joint', after)).not.toContain(row._id);
    // The old secretary no longer sees the row; the new one does.
    expect(await codeOf(call('getMember', { id: row._id }, 'demo-secretary'))).toBe('NOT_FOUND');
    expect((await ok(call('getMember', { id: row._id }, 'seed-secretary-zhixing'))).member.branchId).toBe('br-zhixing');
  });

  test('a_declined_or_withdrawn_transfer_changes_nothing_and_only_the_requester_withdraws', async () => {
    const { id: memberId } = await ok(call('upsertMember', { branchId: 'branch-joint', ...facts('米兰') }, 'demo-secretary'));
    const effectiveOn = addDays(today(), 2);
    const first = await ok(call('requestTransfer', { memberId, toBranchId: 'br-xinyuan', effectiveOn }, 'demo-secretary'));
    expect(await codeOf(call('cancelTransfer', { id: first.id }, 'seed-secretary-xinyuan'))).toBe('FORBIDDEN');
    expect((await ok(call('cancelTransfer', { id: first.id }, 'demo-secretary'))).state).toBe('cancelled');
    const second = await ok(call('requestTransfer', { memberId, toBranchId: 'br-xinyuan', effectiveOn }, 'demo-secretary'));
    expect((await ok(call('decideTransfer', { id: second.id, confirm: false }, 'seed-secretary-xinyuan'))).state).toBe('rejected');
    const [m] = (await col('partyMembers').doc(memberId).get()).data;
    expect(m).toMatchObject({ branchId: 'branch-joint', pendingTransferId: null });
    expect(m.stretches.map((s) => [s.branchId, s.to])).toEqual([['branch-joint', null]]);
  });

  test('a_pending_transfer_is_withdrawn_by_the_sending_branchs_current_secretary_not_by_a_former_requester', async () => {
    // The requester leads the branch when asking; then the branch gets a new secretary (the former
    // one still leads another branch, so still holds the secretary role).
    const from = await makeBranch('转出支部');
    const to = await makeBranch('接收支部');
    const elsewhere = await makeBranch('另一支部');
    const memberId = await makeMember({ branchId: from.branchId });
    const { id } = await ok(call('requestTransfer', { memberId, toBranchId: to.branchId, effectiveOn: addDays(today(), 3) }, from.secretary));
    await col('branches').doc(elsewhere.branchId).update({ secretaryOpenid: from.secretary });
    const successor = await makeUser(['secretary', 'member'], '继任书记');
    await col('branches').doc(from.branchId).update({ secretaryOpenid: successor });
    // The former secretary no longer keeps the sending branch: their old request is not theirs to withdraw.
    expect(await codeOf(call('cancelTransfer', { id }, from.secretary))).toBe('FORBIDDEN');
    expect((await ok(call('listTransfers', { state: 'pending' }, successor))).rows.find((t: any) => t.id === id)).toMatchObject({ canCancel: true });
    expect((await ok(call('cancelTransfer', { id }, successor))).state).toBe('cancelled');
    const [m] = (await col('partyMembers').doc(memberId).get()).data;
    expect(m).toMatchObject({ branchId: from.branchId, pendingTransferId: null });
  });

  test('a_transfer_in_creates_the_row_its_stretch_and_a_confirmed_transfer_once_per_letter', async () => {
    const letter = { outsideOrg: '无锡市梁溪区人才市场党委', letterNo: `锡梁人党〔${dayjs(today()).year()}〕${Date.now() % 1000}号`, letterDate: addDays(today(), -3) };
    const p = { ...facts('章文博', { enterpriseId: 'ent-c' }), branchId: 'branch-joint', ...letter, effectiveOn: today() };
    delete (p as any).relation;
    expect(await codeOf(call('transferIn', p, 'seed-secretary-xinyuan'))).toBe('FORBIDDEN');
    const { memberId, transferId } = await ok(call('transferIn', p, 'demo-secretary'));
    expect(await codeOf(call('transferIn', p, 'demo-secretary'))).toBe('CONFLICT');
    const view = await ok(call('getMember', { id: memberId }, 'demo-secretary'));
    expect(view.member).toMatchObject({ name: '章文博', relation: '已转入', branchId: 'branch-joint', bound: false });
    expect(view.stretches).toEqual([expect.objectContaining({ branchId: 'branch-joint', from: today(), to: null, transferId })]);
    expect(view.transfers).toEqual([expect.objectContaining({ kind: 'in', state: 'confirmed', outsideOrg: letter.outsideOrg, letterNo: letter.letterNo })]);
    expect((await col('partyMembers').where({ name: '章文博' }).count()).total).toBe(1);
  });

  test('a_transfer_out_closes_the_stretch_and_the_row_leaves_the_branch_list', async () => {
    const { id: memberId } = await ok(call('upsertMember', { branchId: 'branch-joint', ...facts('白雪松') }, 'demo-secretary'));
    const effectiveOn = addDays(today(), 1);
    const letter = { outsideOrg: '上海市浦东新区张江镇党委', letterNo: `苏园组转〔${dayjs(today()).year()}〕031号`, letterDate: today() };
    expect(await codeOf(call('transferOut', { memberId, ...letter, effectiveOn }, 'seed-secretary-xinyuan'))).toBe('NOT_FOUND');
    await ok(call('transferOut', { memberId, ...letter, effectiveOn }, 'demo-secretary'));
    const [m] = (await col('partyMembers').doc(memberId).get()).data;
    expect(m).toMatchObject({ state: 'transferredOut', branchId: null });
    expect(m.stretches.map((s) => s.to)).toEqual([effectiveOn]);
    expect(await membersOf('branch-joint', month(0))).toContain(memberId);
    expect((await ok(call('listMembers', { q: '白雪松' }, 'demo-secretary'))).total).toBe(0);
    expect((await ok(call('listMembers', { q: '白雪松', state: 'transferredOut' }, 'demo-admin'))).total).toBe(1);
    expect((await ok(call('listTransfers', { kind: 'out' }, 'demo-secretary'))).rows.map((t: any) => t.memberId)).toContain(memberId);
    // Gone from the branch, so no longer the secretary's row; an admin is told it already left.
    expect(await codeOf(call('transferOut', { memberId, ...letter, effectiveOn }, 'demo-secretary'))).toBe('NOT_FOUND');
    expect(await codeOf(call('transferOut', { memberId, ...letter, effectiveOn }, 'demo-admin'))).toBe('CONFLICT');
  });
});

describe('the paths onto the roster', () => {
  test('approving_an_applicant_links_the_unbound_row_the_secretary_picks', async () => {
    const [row] = (await col('partyMembers').where({ branchId: 'branch-joint', name: '黄志强' }).get()).data;
    expect(row.openid).toBeNull();
    const r = await ok(gw.call('user', 'approveMember', { openid: 'demo-applicant', approve: true, memberId: row._id }, 'demo-secretary'));
    expect(r).toEqual({ openid: 'demo-applicant', memberStatus: 'approved', memberId: row._id });
    expect((await ok(call('myMembership', {}, 'demo-applicant'))).member).toMatchObject({ id: row._id, name: '黄志强', bound: true });
    expect((await col('partyMembers').where({ name: '黄志强' }).count()).total).toBe(1);
  });

  test('approving_an_applicant_without_a_row_puts_them_on_the_roster_in_the_same_step', async () => {
    const openid = freshOpenid('party-apply');
    await onboard(openid, '邵一鸣');
    await ok(gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid));
    // Bad roster facts refuse the whole approval: nothing changes.
    expect(await codeOf(gw.call('user', 'approveMember', { openid, approve: true, standing: '正式', joinedOn: yearsAgo(3) }, 'demo-secretary'))).toBe('VALIDATION');
    expect(await codeOf(gw.call('user', 'approveMember', { openid, approve: true, memberId: (await rowOf('demo-member'))._id }, 'demo-secretary'))).toBe('CONFLICT');
    expect((await col('users').doc(openid).get()).data[0].memberStatus).toBe('pending');
    expect(await rowOf(openid)).toBeUndefined();
    const r = await ok(gw.call('user', 'approveMember', { openid, approve: true, standing: '预备', joinedOn: addDays(today(), -100) }, 'demo-secretary'));
    const m = await rowOf(openid);
    expect(m).toMatchObject({ _id: r.memberId, name: '邵一鸣', standing: '预备', branchId: 'branch-joint', relation: '已转入' });
    expect(await membersOf('branch-joint', month(0))).toContain(m._id);
    // An approved member who wants another branch is pointed to 组织关系转接.
    const again = await gw.call('user', 'applyMember', { branchId: 'br-zhixing' }, openid);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(again.body.error.message).toContain('组织关系转接');
  });

  test('an_admin_granting_membership_puts_the_person_on_the_roster_like_an_approval', async () => {
    const openid = freshOpenid('party-grant');
    await onboard(openid, '贺知远');
    await ok(gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'br-kangyuan' }, 'demo-admin'));
    const m = await rowOf(openid);
    expect(m).toMatchObject({ name: '贺知远', branchId: 'br-kangyuan', openid, bindKey: openid, joinedOn: null, state: 'active' });
    expect(m.stretches).toEqual([{ branchId: 'br-kangyuan', from: `${month(0)}-01`, to: null, transferId: null }]);
    expect(await membersOf('br-kangyuan', month(0))).toContain(m._id);
    expect((await col('users').doc(openid).get()).data[0]).toMatchObject({ memberStatus: 'approved', branchId: 'br-kangyuan', roles: ['member'] });
    // Granting again changes nothing; another branch is a transfer, not a grant.
    await ok(gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'br-kangyuan' }, 'demo-admin'));
    expect((await col('partyMembers').where({ openid }).count()).total).toBe(1);
    const elsewhere = await gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'br-zhixing' }, 'demo-admin');
    expect(elsewhere.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(elsewhere.body.error.message).toContain('组织关系转接');
    expect((await col('users').doc(openid).get()).data[0].branchId).toBe('br-kangyuan');
  });

  test('a_person_who_erased_their_data_can_be_put_on_the_roster_again_beside_the_row_the_branch_kept', async () => {
    // Failed before (CONFLICT: the new row's id, derived from the openid, was the kept row's).
    const openid = freshOpenid('party-again');
    await onboard(openid, '温书仪');
    await ok(gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'br-kangyuan' }, 'demo-admin'));
    const kept = await rowOf(openid);
    await ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    expect((await col('partyMembers').doc(kept._id).get()).data[0]).toMatchObject({ openid: null, name: '' });
    await onboard(openid, '温书仪');
    await ok(gw.call('user', 'grantRole', { openid, role: 'member', branchId: 'br-kangyuan' }, 'demo-admin'));
    const again = await rowOf(openid);
    expect(again._id).not.toBe(kept._id);
    expect(again).toMatchObject({ name: '温书仪', branchId: 'br-kangyuan', bindKey: openid, state: 'active' });
    expect((await col('partyMembers').where({ openid }).count()).total).toBe(1);
  });

  test('the_migration_puts_approved_members_on_the_roster_once_and_a_rerun_changes_nothing', async () => {
    // Approved members from before the roster, whose user records are months old.
    const people = [freshOpenid('mig'), freshOpenid('mig')];
    const createdAt = dayjs(today()).subtract(100, 'day').toDate();
    for (const [i, openid] of people.entries()) {
      await col('users').add({ _id: openid, ...newUser(openid, createdAt), roles: ['member'], memberStatus: 'approved', branchId: 'br-kangyuan', profile: { name: `迁移${i}` }, privacyAcceptedAt: createdAt });
    }
    const lastMonth = await membersOf('br-kangyuan', month(-1));
    const run = async () => {
      let after: string | undefined;
      let created = 0;
      for (let i = 0; i < 100; i++) {
        const r: any = await ok(call('migrateMembers', after ? { after } : {}, 'demo-admin'));
        created += r.created;
        if (r.done) return created;
        after = r.after;
      }
      throw new Error('migration did not finish');
    };
    expect(await run()).toBeGreaterThanOrEqual(2);
    for (const openid of people) {
      const m = await rowOf(openid);
      expect(m).toMatchObject({ branchId: 'br-kangyuan', joinedOn: null, state: 'active' });
      // Counted from this month: the months already over keep the members they had.
      expect((await stretchesOf(m._id)).map((s) => s.from)).toEqual([`${month(0)}-01`]);
    }
    expect(await membersOf('br-kangyuan', month(-1))).toEqual(lastMonth);
    // Seeded members already had rows: none of them got a second one.
    expect((await col('partyMembers').where({ openid: 'demo-member' }).count()).total).toBe(1);
    expect(await run()).toBe(0);
    expect((await ok(call('listMembers', { incomplete: true }, 'seed-secretary-kangyuan'))).rows.map((r: any) => r.name)).toEqual(expect.arrayContaining(['迁移0', '迁移1']));
    expect(await codeOf(call('migrateMembers', {}, 'demo-secretary'))).toBe('FORBIDDEN');
  });
});

describe('privacy', () => {
  test('deleting_my_data_unbinds_and_blanks_my_roster_row_and_the_branch_keeps_it', async () => {
    const openid = freshOpenid('party-erase');
    await onboard(openid, '骆嘉宁');
    await ok(gw.call('user', 'applyMember', { branchId: 'branch-joint' }, openid));
    const { memberId } = await ok(gw.call('user', 'approveMember', { openid, approve: true, standing: '正式', joinedOn: yearsAgo(6), confirmedOn: yearsAgo(5) }, 'demo-secretary'));
    await ok(call('upsertMember', { id: memberId, ...facts('骆嘉宁', { phone: '13912345678' }) }, 'demo-secretary'));
    const mine = await ok(gw.call('user', 'myData', {}, openid));
    expect(mine.sections.find((s: any) => s.key === 'party')).toMatchObject({ count: 1, fate: 'anonymise', recent: [expect.objectContaining({ title: '星河湾产业园联合党支部' })] });

    await ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    const [m] = (await col('partyMembers').doc(memberId).get()).data;
    expect(m).toMatchObject({ openid: null, bindKey: `row:${memberId}`, name: '', phone: null, branchId: 'branch-joint', state: 'active', standing: '正式' });
    expect(await membersOf('branch-joint', month(0))).toContain(memberId);
    expect((await ok(call('myMembership', {}, openid))).member).toBeNull();
    const log = JSON.stringify((await col('audit').where({ target: `partyMembers/${memberId}` }).get()).data);
    expect(log).not.toContain('骆嘉宁');
    expect(log).not.toContain('13912345678');
    expect(log).not.toContain(openid);
    expect((await ok(call('getMember', { id: memberId }, 'demo-secretary'))).member.name).toBe('（本人已删除个人信息）');
  });
});

describe('花名册 Excel', () => {
  test('the_roster_exports_and_imports_with_row_level_errors_and_a_rerun_adds_nobody_twice', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Workbook } = require('exceljs');
    const exported = await ok(call('exportRoster', {}, 'demo-secretary'));
    expect(exported.rows).toBeGreaterThanOrEqual(9);
    expect(await codeOf(call('exportRoster', { branchId: 'branch-joint' }, 'seed-secretary-xinyuan'))).toBe('FORBIDDEN');
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(exported.base64, 'base64'));
    const ws = wb.worksheets[0];
    const header = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    expect(header).toEqual(expect.arrayContaining(['编号', '姓名', '所在支部', '党员类别', '入党日期', '组织关系']));
    const at = (h: string) => header.indexOf(h) + 1;
    // Every exported name is of the joint branch; 张卫东's row gets a new phone.
    const rows: any[] = [];
    ws.eachRow((r: any, n: number) => n > 3 && rows.push(r));
    expect(rows.every((r) => r.getCell(at('所在支部')).value === '星河湾产业园联合党支部')).toBe(true);
    const zhang = rows.find((r) => r.getCell(at('姓名')).value === '张卫东');
    zhang.getCell(at('联系电话')).value = '13700002222';
    const add = (cells: Record<string, string>) => ws.addRow(header.map((h) => cells[h] ?? null)).number;
    const branch = '星河湾产业园联合党支部';
    const good = add({ 姓名: '尤佳琪', 所在支部: branch, 党员类别: '预备党员', 入党日期: addDays(today(), -90), 组织关系: '未转入', 组织关系所在单位: '常州市武进区湖塘镇党委' });
    const badDate = add({ 姓名: '错日期', 所在支部: branch, 党员类别: '正式', 入党日期: `${dayjs(today()).year() - 2}-13-01`, 转正日期: yearsAgo(1), 组织关系: '已转入' });
    const other = add({ 姓名: '外支部', 所在支部: '苏州芯源微电子有限公司党支部', 党员类别: '正式', 入党日期: yearsAgo(5), 转正日期: yearsAgo(4), 组织关系: '已转入' });
    const noConfirm = add({ 姓名: '缺转正', 所在支部: branch, 党员类别: '正式', 入党日期: yearsAgo(5), 组织关系: '未转入' });
    const unknownId = add({ 编号: 'pm-nobody-here', 姓名: '无此人', 所在支部: branch, 党员类别: '正式', 入党日期: yearsAgo(5), 转正日期: yearsAgo(4), 组织关系: '已转入' });
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

    const first = await ok(call('importRoster', { data }, 'demo-secretary'));
    expect(first.rejected.map((r: any) => r.rowNumber).sort((a: number, b: number) => a - b)).toEqual([badDate, other, noConfirm, unknownId]);
    const reason = (n: number) => first.rejected.find((r: any) => r.rowNumber === n).reason;
    expect(reason(badDate)).toContain('入党日期');
    expect(reason(other)).toContain('不是您管理的支部');
    expect(reason(noConfirm)).toContain('正式党员须填写转正日期');
    expect(reason(noConfirm)).toContain('组织关系所在单位');
    expect(reason(unknownId)).toContain('编号');
    expect(first).toMatchObject({ finished: true, created: 1, updated: 1 });
    expect(first.valid).toBe(rows.length + 1);
    expect(good).toBeGreaterThan(3);
    const [added] = (await col('partyMembers').where({ name: '尤佳琪' }).get()).data;
    expect(added).toMatchObject({ branchId: 'branch-joint', standing: '预备', relation: '未转入', relationHeldAt: '常州市武进区湖塘镇党委', openid: null });
    expect(await membersOf('branch-joint', month(0))).toContain(added._id);
    expect((await rowOf('demo-member')).phone).toBe('13700002222');
    expect((await col('audit').where({ action: 'importRoster' }).get()).data).toHaveLength(1);

    const again = await ok(call('importRoster', { data }, 'demo-secretary'));
    expect(again).toMatchObject({ created: 0, updated: 0, finished: true });
    expect((await col('partyMembers').where({ name: '尤佳琪' }).count()).total).toBe(1);
    // The admin console's export registry lists the roster too.
    expect((await ok(gw.call('admin', 'ledgers', {}, 'demo-admin'))).ledgers.map((l: any) => l.key)).toContain('partyRoster');
  });
});

describe('a new secretary', () => {
  // Last in the file: it replaces 康源's secretary.
  test('a_replaced_secretary_loses_the_branch_roster_and_the_new_one_keeps_it', async () => {
    const openid = freshOpenid('party-sec');
    await onboard(openid, '蒋文涛');
    const before = await ok(call('listMembers', {}, 'seed-secretary-kangyuan'));
    expect(before.total).toBeGreaterThan(0);
    await ok(gw.call('user', 'grantRole', { openid, role: 'secretary', branchId: 'br-kangyuan' }, 'demo-admin'));
    const mine = await ok(call('listMembers', {}, openid));
    expect(mine.total).toBe(before.total);
    expect(mine.rows.every((r: any) => r.branchId === 'br-kangyuan')).toBe(true);
    expect(await codeOf(call('listMembers', {}, 'seed-secretary-kangyuan'))).toBe('FORBIDDEN');
    const id = before.rows.find((r: any) => !r.bound).id;
    expect(await codeOf(call('getMember', { id }, 'seed-secretary-kangyuan'))).toBe('NOT_FOUND');
    expect((await ok(call('getMember', { id }, openid))).canEdit).toBe(true);
  });
});
