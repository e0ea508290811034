/**
 * A member who leaves a branch stops counting for it from the month after (issue 21, study review
 * item b): a branch group counts its branch's roster of each month (party's dated stretches), so the
 * leaver's group-membership row — kept, or left behind in a topic group — never counts for the old
 * branch, in its group's completion or in the rating's study item. Checked, not changed: this test
 * pins the behaviour. Records written straight into the database (setup only).
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, makeUser } from '../../local/party.testkit';
import { col } from '../../server/core/db';
import { addMonths, parkMonth } from './calendar';
import { parkDay } from '../../server/core/time';

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
const db = (name: string) => col(name as any) as any;

test('a_member_transferred_out_keeps_their_group_rows_but_counts_for_the_old_branch_only_in_the_months_they_belonged', async () => {
  const { branchId, secretary } = await makeBranch('转出测试支部');
  const thisMonth = parkMonth();
  const lastMonth = addMonths(thisMonth, -1);
  const stays = await makeUser(['member'], '留下的党员');
  const leaver = await makeUser(['member'], '转出的党员');
  await makeMember({ branchId, openid: stays });
  // In the branch until the first day of this month (exclusive): last month theirs, this month not.
  await makeMember({ branchId, openid: leaver, to: `${thisMonth}-01` });
  const g = `sg-leave-${Date.now().toString(36)}`;
  const t = `sg-leavet-${Date.now().toString(36)}`;
  const now = new Date();
  await db('studyGroups').doc(g).set({ name: '转出测试支部学习小组', kind: 'branch', branchId, description: '', ownerOpenid: secretary, inviteCode: `LB${Date.now().toString(36)}`.toUpperCase(), chatCount: 0, createdBy: 'demo-admin', createdAt: now, updatedAt: now });
  await db('studyGroups').doc(t).set({ name: '跨支部专题小组', kind: 'topic', branchId: null, description: '', ownerOpenid: secretary, inviteCode: `LT${Date.now().toString(36)}`.toUpperCase(), chatCount: 0, createdBy: 'demo-admin', createdAt: now, updatedAt: now });
  for (const groupId of [g, t]) {
    // The leaver's membership rows stay (nobody removed them), joined long before.
    for (const openid of [stays, leaver]) await db('studyMembers').doc(`${groupId}:${openid}`).set({ groupId, openid, via: 'code', joinedAt: new Date(Date.now() - 90 * 86400_000) });
    for (const month of [lastMonth, thisMonth]) {
      await db('studyTopics').doc(`${groupId}:${month}`).set({ groupId, month, title: `${month} 专题`, intro: '', materials: [{ id: 'a', kind: 'text', title: '一', body: '', url: '' }], minRecordChars: 10, updatedBy: 'demo-admin', createdAt: now, updatedAt: now });
      // The leaver finished every month, in both groups.
      await db('studyProgress').doc(`${groupId}:${month}:${leaver}`).set({ groupId, month, openid: leaver, readIds: ['a'], recordChars: 50, recordAt: now, updatedAt: now });
    }
  }
  const completion = (month: string) => gw.call('study', 'completion', { groupId: g, month }, 'demo-admin').then(ok);
  // Last month they belonged: counted, finished.
  const before = await completion(lastMonth);
  expect(before.figures).toMatchObject({ members: 2, finished: 1 });
  // This month: the branch's roster no longer has them, whatever studyMembers says.
  const after = await completion(thisMonth);
  expect(after.figures).toMatchObject({ members: 1, finished: 0 });
  expect(after.people.map((p: any) => p.openid)).toEqual([stays]);
  // The dashboard and export figure (groupCompletion, counted in the database) agrees, month by month.
  const d = ok(await gw.call('admin', 'dashboard', { from: `${lastMonth}-01`, to: parkDay() }, 'demo-admin'));
  const row = (month: string) => d.study.byGroup.find((r: any) => r.groupId === g && r.month === month);
  expect([row(lastMonth)?.members, row(lastMonth)?.finished]).toEqual([2, 1]);
  expect([row(thisMonth)?.members, row(thisMonth)?.finished]).toEqual([1, 0]);
});
