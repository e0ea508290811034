/**
 * Keeping study groups (G-13): hand a group over (admin), rename it and unbind its chats (its
 * managers), close it (admin) — each refused to whoever does not run the group, each audited.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, makeUser } from '../../local/party.testkit';
import { testCloudId } from '../../local/openData';
import { col } from '../../server/core/db';
import { addMonths, parkMonth } from './calendar';
import { groupCompletion } from './groupCompletion';
import { branchStudyFinished } from './branchFinished';

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
const code = (r: { body: any }) => r.body.error?.code ?? 'ok';
const db = (name: string) => col(name as any) as any;
const uniq = () => freshOpenid('g').slice(-8);
const auditOf = async (groupId: string, action: string) => (await db('audit').where({ target: `studyGroups/${groupId}`, action }).get()).data;

/** A fresh branch with its secretary, and its branch group created by that secretary. */
async function branchGroup(label: string) {
  const b = await makeBranch(label);
  const g = ok(await gw.call('study', 'createGroup', { name: `${label}学习小组${uniq()}`, kind: 'branch', branchId: b.branchId }, b.secretary));
  return { ...b, groupId: g.id as string, inviteCode: g.inviteCode as string };
}

describe('transferGroup', () => {
  test('an_admin_hands_a_topic_group_to_another_secretary_who_runs_it_and_the_old_owner_no_longer_does', async () => {
    const a = await makeBranch('转交甲');
    const b = await makeBranch('转交乙');
    const g = ok(await gw.call('study', 'createGroup', { name: `青年理论学习${uniq()}`, kind: 'topic' }, a.secretary));
    // Nobody but an admin hands a group over, not even its owner.
    expect(code(await gw.call('study', 'transferGroup', { groupId: g.id, toOpenid: b.secretary }, a.secretary))).toBe('FORBIDDEN');
    // A plain member would not run it: refused.
    const member = await makeUser(['member'], '普通党员');
    expect(code(await gw.call('study', 'transferGroup', { groupId: g.id, toOpenid: member }, 'demo-admin'))).toBe('VALIDATION');
    expect(code(await gw.call('study', 'transferGroup', { groupId: g.id, toOpenid: 'never-seen-person' }, 'demo-admin'))).toBe('NOT_FOUND');
    const r = ok(await gw.call('study', 'transferGroup', { groupId: g.id, toOpenid: b.secretary }, 'demo-admin'));
    expect(r).toMatchObject({ ownerOpenid: b.secretary });
    expect((await db('studyGroups').doc(g.id).get()).data[0].ownerOpenid).toBe(b.secretary);
    expect(code(await gw.call('study', 'resetInviteCode', { groupId: g.id }, b.secretary))).toBe('ok');
    expect(code(await gw.call('study', 'resetInviteCode', { groupId: g.id }, a.secretary))).toBe('FORBIDDEN');
    const [log] = await auditOf(g.id, 'transferGroup');
    expect(log).toMatchObject({ actor: 'demo-admin', before: { ownerOpenid: a.secretary }, after: { ownerOpenid: b.secretary } });
    // Again to the same person: nothing to do.
    expect(code(await gw.call('study', 'transferGroup', { groupId: g.id, toOpenid: b.secretary }, 'demo-admin'))).toBe('CONFLICT');
  });

  test('a_branch_group_goes_only_to_that_branchs_secretary_or_an_admin', async () => {
    const mine = await branchGroup('本支部');
    const other = await makeBranch('别的支部');
    // Another branch's secretary would hold nothing over this branch's group: refused.
    expect(code(await gw.call('study', 'transferGroup', { groupId: mine.groupId, toOpenid: other.secretary }, 'demo-admin'))).toBe('VALIDATION');
    ok(await gw.call('study', 'transferGroup', { groupId: mine.groupId, toOpenid: 'demo-admin' }, 'demo-admin'));
    ok(await gw.call('study', 'transferGroup', { groupId: mine.groupId, toOpenid: mine.secretary }, 'demo-admin'));
    expect((await auditOf(mine.groupId, 'transferGroup')).length).toBe(2);
  });
});

describe('renameGroup', () => {
  test('the_branch_secretary_and_an_admin_rename_others_are_refused_and_names_stay_unique', async () => {
    const g = await branchGroup('改名');
    const other = await makeBranch('改名旁支');
    const member = await makeUser(['member'], '改名党员');
    const name = `改名后的小组${uniq()}`;
    expect(code(await gw.call('study', 'renameGroup', { groupId: g.groupId, name }, other.secretary))).toBe('FORBIDDEN');
    expect(code(await gw.call('study', 'renameGroup', { groupId: g.groupId, name }, member))).toBe('FORBIDDEN');
    expect(code(await gw.call('study', 'renameGroup', { groupId: g.groupId, name: '一' }, g.secretary))).toBe('VALIDATION');
    ok(await gw.call('study', 'renameGroup', { groupId: g.groupId, name }, g.secretary));
    expect((await db('studyGroups').doc(g.groupId).get()).data[0].name).toBe(name);
    const [log] = await auditOf(g.groupId, 'renameGroup');
    expect(log).toMatchObject({ actor: g.secretary, after: { name } });
    // Another group's name is taken: the unique index refuses it.
    const second = await branchGroup('改名二');
    const taken = await gw.call('study', 'renameGroup', { groupId: second.groupId, name }, 'demo-admin');
    expect(taken.body.error).toMatchObject({ code: 'CONFLICT', message: '已有同名的学习小组，请换一个名称。' });
  });
});

describe('unbindChat', () => {
  test('a_manager_unbinds_a_chat_bound_by_mistake_and_it_can_then_be_bound_to_the_right_group', async () => {
    const g = await branchGroup('解绑');
    const other = await makeBranch('解绑旁支');
    const chat = `Gub${Date.now().toString(36)}`;
    const bound = ok(await gw.call('study', 'joinByShare', { groupId: g.groupId, share: { cloudID: testCloudId(chat) } }, g.secretary));
    expect(bound.status).toBe('bound');
    expect((await db('studyGroups').doc(g.groupId).get()).data[0].chatCount).toBe(1);
    expect(code(await gw.call('study', 'unbindChat', { groupId: g.groupId }, other.secretary))).toBe('FORBIDDEN');
    expect(code(await gw.call('study', 'unbindChat', { groupId: g.groupId }, await makeUser(['member'])))).toBe('FORBIDDEN');
    expect(ok(await gw.call('study', 'unbindChat', { groupId: g.groupId }, g.secretary))).toEqual({ unbound: 1 });
    expect((await db('studyGroups').doc(g.groupId).get()).data[0].chatCount).toBe(0);
    expect((await db('studyChats').where({ groupId: g.groupId }).get()).data).toHaveLength(0);
    expect(code(await gw.call('study', 'unbindChat', { groupId: g.groupId }, g.secretary))).toBe('NOT_FOUND');
    const [log] = await auditOf(g.groupId, 'unbindChat');
    expect(log).toMatchObject({ actor: g.secretary, before: { chats: 1 } });
    // The chat is free again: the right group's manager binds it.
    const right = await branchGroup('解绑正确');
    expect(ok(await gw.call('study', 'joinByShare', { groupId: right.groupId, share: { cloudID: testCloudId(chat) } }, right.secretary)).status).toBe('bound');
    // One binding by id: another group's chat is not this group's to unbind.
    expect(code(await gw.call('study', 'unbindChat', { groupId: g.groupId, chatId: `chat:${chat}` }, 'demo-admin'))).toBe('NOT_FOUND');
    expect(ok(await gw.call('study', 'unbindChat', { groupId: right.groupId, chatId: `chat:${chat}` }, 'demo-admin'))).toEqual({ unbound: 1 });
  });
});

describe('closeGroup', () => {
  test('only_an_admin_closes_and_a_closed_group_leaves_lists_takes_nobody_and_no_topic_but_keeps_its_history', async () => {
    const g = await branchGroup('关闭');
    const month = parkMonth();
    const person = await makeUser(['member'], '关闭测试党员');
    await makeMember({ branchId: g.branchId, openid: person });
    ok(await gw.call('study', 'setTopic', { groupId: g.groupId, month, title: '本月专题', minRecordChars: 50, materials: [{ kind: 'text', title: '资料', body: '学习内容学习内容' }] }, g.secretary));
    expect(code(await gw.call('study', 'closeGroup', { groupId: g.groupId }, g.secretary))).toBe('FORBIDDEN');
    const r = ok(await gw.call('study', 'closeGroup', { groupId: g.groupId }, 'demo-admin'));
    expect(r.closedMonth).toBe(month);
    expect(code(await gw.call('study', 'closeGroup', { groupId: g.groupId }, 'demo-admin'))).toBe('CONFLICT');
    expect((await auditOf(g.groupId, 'closeGroup')).length).toBe(1);
    // Out of every list.
    for (const who of [g.secretary, 'demo-admin']) {
      const home = ok(await gw.call('study', 'home', {}, who));
      expect(home.groups.map((x: { id: string }) => x.id)).not.toContain(g.groupId);
    }
    // Nobody joins, nothing new is published.
    expect(code(await gw.call('study', 'joinByCode', { code: g.inviteCode }, person))).toBe('CLOSED');
    expect(code(await gw.call('study', 'joinByShare', { groupId: g.groupId, share: { cloudID: testCloudId(`Gcl${Date.now().toString(36)}`) } }, g.secretary))).toBe('CLOSED');
    expect(code(await gw.call('study', 'setTopic', { groupId: g.groupId, month, title: '改过的专题', minRecordChars: 50, materials: [{ kind: 'text', title: '资料', body: '学习内容学习内容' }] }, g.secretary))).toBe('CLOSED');
    // History stays: the group's page opens (marked closed), and the month it was closed in still counts.
    expect(ok(await gw.call('study', 'getGroup', { id: g.groupId }, 'demo-admin')).group.closed).toBe(true);
    const next = addMonths(month, 1);
    // A topic left for a later month (written before closing, here straight into the database) counts no more.
    const now = new Date();
    await db('studyTopics').doc(`${g.groupId}:${next}`).set({ groupId: g.groupId, month: next, title: '下月专题', intro: '', materials: [{ id: 'a', kind: 'text', title: '一', body: '', url: '' }], minRecordChars: 10, updatedBy: 'demo-admin', createdAt: now, updatedAt: now });
    const rows = (await groupCompletion(month, next)).filter((x) => x.groupId === g.groupId);
    expect(rows.map((x) => x.month)).toEqual([month]);
    const finished = await branchStudyFinished([g.branchId], [month, next]);
    expect([...finished.topics]).toEqual([`${g.branchId}|${month}`]);
  });
});
