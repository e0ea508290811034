/**
 * Database round trips of the study domain's taps, pinned (issue 19; the kit: local/roundTrips.testkit.ts).
 * Each call is made by a person whose user record already exists; setup happens before counting.
 */
import { type TestGateway } from '../../local/testing';
import { countingGateway, budgets } from '../../local/roundTrips.testkit';
import { makeBranch, makeUser } from '../../local/party.testkit';
import { col } from '../../server/core/db';
import { memberKey } from './shared';

let gw: TestGateway;
const counted = countingGateway((g) => (gw = g), () => report());
const { within, report } = budgets({
  // The caller, the branch, the owner's membership, the group, the audit row (saga, no transaction). 7–8 before.
  'study.createGroup (a branch group, by its secretary who is a member)': 5,
  'study.createGroup (a topic group)': 4,
  // The caller, the group with its branch's secretary (one aggregation), the removal, the audit row. 5–6 before.
  'study.removeMember (by the branch secretary)': 4,
  'study.removeMember (by an admin)': 4,
});

const uniq = () => Math.random().toString(36).slice(2, 10);
const joined = (groupId: string, openid: string) => col('studyMembers').add({ _id: memberKey(groupId, openid), groupId, openid, via: 'code', joinedAt: new Date() });

test('creating_a_group_stays_within_its_budget', async () => {
  const b = await makeBranch('往返支部');
  const branch = await counted('study', 'createGroup', { name: `往返支部小组${uniq()}`, kind: 'branch', branchId: b.branchId }, b.secretary);
  within('study.createGroup (a branch group, by its secretary who is a member)', branch.requests);
  expect((await col('studyMembers').doc(memberKey(branch.data.id, b.secretary)).get()).data[0]).toMatchObject({ via: 'owner' });
  const topic = await counted('study', 'createGroup', { name: `往返专题小组${uniq()}`, kind: 'topic' }, b.secretary);
  within('study.createGroup (a topic group)', topic.requests);
  expect(topic.data).toMatchObject({ kind: 'topic', branchId: null, chatCount: 0, closed: false, inviteCode: expect.any(String) });
});

test('removing_a_member_stays_within_its_budget', async () => {
  const b = await makeBranch('往返移除');
  const { data: g } = await counted('study', 'createGroup', { name: `往返移除小组${uniq()}`, kind: 'branch', branchId: b.branchId }, b.secretary);
  const [m1, m2] = [await makeUser(['member']), await makeUser(['member'])];
  await joined(g.id, m1);
  await joined(g.id, m2);
  await gw.call('user', 'me', {}, 'demo-admin');
  const bySecretary = await counted('study', 'removeMember', { groupId: g.id, openid: m1 }, b.secretary);
  within('study.removeMember (by the branch secretary)', bySecretary.requests);
  expect(bySecretary.data).toEqual({ removed: true });
  within('study.removeMember (by an admin)', (await counted('study', 'removeMember', { groupId: g.id, openid: m2 }, 'demo-admin')).requests);
  expect((await col('studyMembers').where({ groupId: g.id }).count()).total).toBe(1);
});
