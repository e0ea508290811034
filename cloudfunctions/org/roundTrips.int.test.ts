/**
 * Database round trips of the org domain's taps, pinned (issue 19; the kit: local/roundTrips.testkit.ts).
 * Each call is made by a person whose user record already exists; setup happens before counting.
 */
import { type TestGateway } from '../../local/testing';
import { countingGateway, budgets } from '../../local/roundTrips.testkit';
import { makeBranch, makeUser } from '../../local/party.testkit';
import { col } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';

let gw: TestGateway;
const counted = countingGateway((g) => (gw = g), () => report());
const { within, report } = budgets({
  // The caller, the 建档 row, the entry (a saga, no transaction), the audit row. Six before.
  'org.createEnterprise': 4,
  // The caller, one aggregation (branch; venue, center event, the branch's bookings), the record, its event, the audit row. 7–10 before.
  'org.createOrgLife (a place by name)': 5,
  'org.createOrgLife (at a center venue)': 5,
  // The caller, the entry, its conditional update, its log row (ledgerWrite's saga), the admin's audit row. 7 / 6 before.
  'org.updateEnterprise (an admin)': 5,
  'org.updateEnterprise (the enterprise contact)': 4,
  // The caller, the entry with the chosen user (one aggregation), the update, the log row, the audit row. 8 before.
  'org.assignInstructor': 5,
});

const ADMIN = 'demo-admin';
const uniq = () => Math.random().toString(36).slice(2, 8);
const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');

test('creating_an_enterprise_stays_within_its_budget', async () => {
  await gw.call('user', 'me', {}, ADMIN);
  const founded = dayjs().tz(PARK_TZ).subtract(3, 'year').format('YYYY-MM-DD');
  const r = await counted('org', 'createEnterprise', { name: `往返测试${uniq()}科技有限公司`, industry: '人工智能', foundedAt: founded, headcount: 20, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } }, ADMIN);
  within('org.createEnterprise', r.requests);
  expect((await col('ledgerChanges').where({ enterpriseId: r.data.id }).get()).data.map((c) => c.changes[0].label)).toEqual(['建档']);
});

test('recording_a_meeting_stays_within_its_budget', async () => {
  const b = await makeBranch('往返组织生活');
  await gw.call('user', 'me', {}, b.secretary);
  const start = dayjs().tz(PARK_TZ).subtract(3, 'hour');
  const named = await counted('org', 'createOrgLife', { branchId: b.branchId, kind: '主题党日', topic: `往返${uniq()}`, startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '党员活动室', guestNames: ['何晓东'] }, b.secretary);
  within('org.createOrgLife (a place by name)', named.requests);
  expect((await col('events').doc(named.data.eventId).get()).data[0]).toMatchObject({ refId: named.data.id, kind: 'meeting' });
  const atVenue = await counted('org', 'createOrgLife', { branchId: b.branchId, kind: '党课', topic: `往返${uniq()}`, startAt: fmt(start.subtract(1, 'day')), endAt: fmt(start.subtract(1, 'day').add(1, 'hour')), venueId: 'venue-activity' }, b.secretary);
  within('org.createOrgLife (at a center venue)', atVenue.requests);
  expect(atVenue.data).toMatchObject({ venueId: 'venue-activity' });
});

test('ledger_edits_stay_within_their_budgets', async () => {
  await gw.call('user', 'me', {}, ADMIN);
  await gw.call('user', 'me', {}, 'demo-enterprise-a');
  within('org.updateEnterprise (an admin)', (await counted('org', 'updateEnterprise', { id: 'ent-n28', building: `往返楼${uniq()}` }, ADMIN)).requests);
  within('org.updateEnterprise (the enterprise contact)', (await counted('org', 'updateEnterprise', { building: `往返楼${uniq()}` }, 'demo-enterprise-a')).requests);
  const instructor = await makeUser(['instructor'], '往返指导员');
  within('org.assignInstructor', (await counted('org', 'assignInstructor', { enterpriseId: 'ent-n31', openid: instructor }, ADMIN)).requests);
});
