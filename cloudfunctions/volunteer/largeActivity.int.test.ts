/**
 * L-22: an activity may hold 2000 places plus a waitlist, more than one database read (1000
 * rows) returns. The rows are written straight into the collection (signing up over 1000 people
 * through the gateway would only test sign-up again); what is under test is reading them all.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { makeActivity, ok } from '../../local/volunteer.testkit';
import type { RegistrationDoc } from './docs';
import { activeKey } from './attendance';

jest.setTimeout(120_000);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const CONFIRMED = 1005;
const WAITING = 10;

async function bigActivity(): Promise<string> {
  const id = await makeActivity(gw, { capacity: CONFIRMED });
  const [a] = (await col('volunteerActivities').doc(id).get()).data;
  const now = new Date();
  const rows = Array.from({ length: CONFIRMED + WAITING }, (_, i): RegistrationDoc & { _id: string } => {
    const openid = `big-${id}-${i + 1}`;
    return {
      _id: `vr-big-${id}-${i + 1}`, activityId: id, openid, activeKey: activeKey(id, openid), status: i < CONFIRMED ? 'confirmed' : 'waitlisted',
      ticket: i + 1, teamId: a.teamId, title: a.title, startAt: a.startAt, endAt: a.endAt, signedInAt: null, signedOutAt: null, minutes: 0,
      hours: 'none', noShow: false, promotedAt: null, cancelledAt: null, createdAt: now, updatedAt: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await col('volunteerRegistrations').add(rows.slice(i, i + 500) as never);
  await col('volunteerActivities').doc(id).update({ confirmed: CONFIRMED, left: 0, waiting: WAITING, seq: CONFIRMED + WAITING });
  return id;
}

test('roster_export_and_cancellation_notices_reach_everyone_in_an_activity_of_more_than_1000_people', async () => {
  const id = await bigActivity();
  const roster = await ok(gw.call('volunteer', 'roster', { activityId: id }, 'demo-admin'));
  expect(roster.people.length).toBe(CONFIRMED + WAITING);
  expect(roster.summary).toMatchObject({ confirmed: CONFIRMED, waitlisted: WAITING });
  expect(roster.people[CONFIRMED + WAITING - 1]).toMatchObject({ status: 'waitlisted', waitlistPosition: WAITING });

  const csv = await ok(gw.call('volunteer', 'exportRoster', { activityId: id }, 'demo-admin'));
  expect(csv.rows).toBe(CONFIRMED + WAITING);

  const cancelled = await ok(gw.call('volunteer', 'cancelActivity', { id, reason: '天气原因取消' }, 'demo-admin'));
  expect(cancelled.notified).toBe(CONFIRMED + WAITING);
  const { total } = await col('outbox').where({ type: 'volunteer.cancelled', ref: `volunteerActivities/${id}` }).count();
  expect(total).toBe(CONFIRMED + WAITING);
});
