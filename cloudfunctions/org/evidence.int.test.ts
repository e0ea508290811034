/**
 * The rating's study, volunteer and demand items computed from records (finding G-01 in
 * ../shared/findings/party.md): no longer placeholders scored by hand, each read through its
 * domain's public module and scoped to the branch's members of the quarter. Last quarter, from the
 * clock; records written straight into the database (setup only).
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { makeMember } from '../../local/party.testkit';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { quarterPeriods } from './board';
import { previousQuarter, quarterOf, quarterRange } from './scoring';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const admin = (action: string, params: unknown = {}) => gw.call('org', action, params, 'demo-admin');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const db = (name: string) => col(name as any) as any;
let seq = 0;

async function branch() {
  const n = ++seq;
  const founded = dayjs().tz(PARK_TZ).subtract(5, 'year').format('YYYY-MM-DD');
  const ent = async (tag: string) =>
    ok(await admin('createEnterprise', { name: `评分依据${n}${tag}科技有限公司`, industry: '人工智能', foundedAt: founded, headcount: 20, partyMembers: { full: 2, probationary: 0, registeredInPark: 2 } })).id;
  return ok(await admin('upsertBranch', { name: `评分依据${n}联合党支部`, form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] })).id as string;
}

async function member(branchId: string) {
  const openid = freshOpenid('ev');
  await db('users').doc(openid).set({ openid, roles: ['member'], profile: { name: `党员${++seq}` }, branchId, memberStatus: 'approved', createdAt: new Date(), privacyAcceptedAt: new Date() });
  // On the branch's 花名册 for two years: the rated quarter's members come from the roster (org/members.ts).
  await makeMember({ branchId, openid });
  return openid;
}

const item = (sheet: any, key: string) => sheet.items.find((i: any) => i.key === key);

test('study_volunteer_and_demand_items_are_computed_from_the_records_of_the_branchs_members', async () => {
  const branchId = await branch();
  const other = await branch();
  const [m1, m2, m3] = [await member(branchId), await member(branchId), await member(branchId)];
  const outsider = await member(other);
  const q = previousQuarter(quarterOf());
  const r = quarterRange(q);
  const [mon0, mon1] = quarterPeriods(q).months.map((m) => m.key);
  const inQ = (days: number) => dayjs.tz(`${r.fromDay} 10:00`, PARK_TZ).add(days, 'day').toDate();
  const tag = Date.now().toString(36);

  // Study: the branch's group has topics in two months; m3 never joined; m2 finished only in a topic group.
  const g = `sg-ev-${tag}`;
  const topicGroup = `sg-evt-${tag}`;
  await db('studyGroups').doc(g).set({ name: '评分依据支部学习小组', kind: 'branch', branchId, description: '', ownerOpenid: m1, inviteCode: `EV${tag}`.toUpperCase(), chatCount: 0, createdBy: 'demo-admin', createdAt: new Date(), updatedAt: new Date() });
  await db('studyGroups').doc(topicGroup).set({ name: '专题小组', kind: 'topic', branchId: null, description: '', ownerOpenid: m2, inviteCode: `EW${tag}`.toUpperCase(), chatCount: 0, createdBy: 'demo-admin', createdAt: new Date(), updatedAt: new Date() });
  const topic = (groupId: string, month: string) =>
    db('studyTopics').doc(`${groupId}:${month}`).set({ groupId, month, title: `${month} 专题`, intro: '', materials: [{ id: 'a' }, { id: 'b' }], minRecordChars: 10, updatedBy: 'demo-admin', createdAt: new Date(), updatedAt: new Date() });
  const progress = (groupId: string, month: string, openid: string, readIds: string[], recordChars: number) =>
    db('studyProgress').doc(`${groupId}:${month}:${openid}`).set({ groupId, month, openid, readIds, recordChars, recordAt: null, updatedAt: new Date() });
  await topic(g, mon0);
  await topic(g, mon1);
  await topic(topicGroup, mon1);
  await progress(g, mon0, m1, ['a', 'b'], 200); // finished
  await progress(g, mon1, m1, ['b', 'a'], 50); // finished
  await progress(g, mon0, m2, ['a'], 200); // one material unread
  await progress(topicGroup, mon1, m2, ['a', 'b'], 200); // another group's topic: not this branch's
  await progress(g, mon1, outsider, ['a', 'b'], 200); // not a member of the branch

  // Volunteer: 2 h + 1 h in the quarter; hours before the quarter and an outsider's do not count.
  const reg = (openid: string, startAt: Date, minutes: number) => {
    const activityId = `act-ev-${++seq}`;
    return db('volunteerRegistrations').add({ activityId, activeKey: `${activityId}:${openid}`, openid, startAt, minutes, status: 'confirmed' });
  };
  await reg(m1, inQ(3), 120);
  await reg(m2, inQ(40), 60);
  await reg(m1, inQ(-10), 600);
  await reg(outsider, inQ(5), 600);

  // Demands: resolved or rated by members in the quarter count; a reopened one and an outsider's do not.
  const demand = (handlerOpenid: string, state: string, resolvedAt: Date | null) =>
    db('demands').add({ kind: 'demand', title: '诉求', state, handlerOpenid, handlerName: '', resolvedAt, submittedAt: inQ(0), month: mon0, enterpriseId: 'x', enterpriseName: '', submittedBy: 'x', submitterName: '', policies: [] });
  await demand(m1, 'resolved', inQ(10));
  await demand(m1, 'rated', inQ(20));
  await demand(m2, 'resolved', inQ(30));
  await demand(m3, 'in_progress', null);
  await demand(outsider, 'resolved', inQ(10));
  await demand(m2, 'resolved', inQ(-5));

  const { sheet } = ok(await admin('branchRating', { branchId, quarter: q }));
  // 2 months with a topic × 3 members = 6; m1 finished both → 2 of 6 = 33%, of the 100% target: 15 × 0.33.
  expect(item(sheet, 'study')).toMatchObject({ auto: true, value: 33, points: 5, detail: '2 个月有学习专题，党员累计 6 人次，完成 2 人次' });
  // 3 hours over 3 members = 1 hour each, of the 4-hour target.
  expect(item(sheet, 'volunteer')).toMatchObject({ auto: true, value: 1, points: 2.5 });
  expect(item(sheet, 'volunteer').detail).toBe('党员 3 名，志愿服务共 3 小时，2 人参加');
  // 3 resolved demands: the 3-demand target.
  expect(item(sheet, 'demands')).toMatchObject({ auto: true, value: 3, points: 5, detail: '2 名党员领办并办结诉求 3 件' });

  // They are evidence now: not scored by hand.
  expect((await admin('scoreItem', { quarter: q, branchId, itemKey: 'study', points: 15, note: '手工改分' })).body.error.code).toBe('VALIDATION');
  const rubric = ok(await admin('getRubric'));
  for (const key of ['study.completion', 'volunteer.hours', 'demand.handled']) expect(rubric.sources.find((s: any) => s.key === key)).toMatchObject({ available: true });
});

test('the_lecture_item_counts_the_branchs_roster_of_the_quarter_not_the_users_approved_into_it', async () => {
  const branchId = await branch();
  const q = previousQuarter(quarterOf());
  const r = quarterRange(q);
  const inQ = (days: number) => dayjs.tz(`${r.fromDay} 10:00`, PARK_TZ).add(days, 'day').toDate();
  // On the roster and approved in the app; on the roster, bound, but not (or no longer) approved in
  // the app; on the roster and not on WeChat; approved into the branch in the app but not on its roster.
  const both = await member(branchId);
  const rosterOnly = freshOpenid('ev');
  await db('users').doc(rosterOnly).set({ openid: rosterOnly, roles: [], profile: { name: `党员${++seq}` }, branchId: null, memberStatus: 'none', createdAt: new Date(), privacyAcceptedAt: new Date() });
  await makeMember({ branchId, openid: rosterOnly });
  await makeMember({ branchId });
  const appOnly = freshOpenid('ev');
  await db('users').doc(appOnly).set({ openid: appOnly, roles: ['member'], profile: { name: `党员${++seq}` }, branchId, memberStatus: 'approved', createdAt: new Date(), privacyAcceptedAt: new Date() });
  const lectureId = `lect-ev-${Date.now().toString(36)}`;
  await db('events').doc(lectureId).set({ kind: 'lecture', refId: null, title: '季度大党课', venueId: 'venue-school', place: '讲习所', startAt: inQ(20), endAt: inQ(20.1), rotateSeconds: 30, status: 'closed', createdBy: 'demo-admin', createdAt: inQ(0) });
  for (const openid of [both, rosterOnly, appOnly]) {
    const key = `e:${lectureId}:${openid}`;
    await db('checkins').add({ key, openid, nonce: key, kind: 'event', venueId: 'venue-school', eventId: lectureId, day: r.fromDay, at: inQ(20) });
  }
  const { sheet } = ok(await admin('branchRating', { branchId, quarter: q }));
  // 3 roster members (one cannot scan), 2 of them scanned: 67 %; the app-only user is nobody's member here.
  expect(item(sheet, 'lecture')).toMatchObject({ auto: true, value: 67, detail: '大党课 1 场，花名册党员 3 名中 2 名扫码到课' });
});
