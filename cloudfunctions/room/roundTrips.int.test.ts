/**
 * Database round trips of the room taps pinned beside the code (issue 19; the kit and its rules in
 * local/roundTrips.testkit.ts). Each counted call is one valid tap by a person whose user record
 * exists already; setup happens before counting.
 */
import { freshOpenid, type TestGateway } from '../../local/testing';
import { ok } from '../../local/volunteer.testkit';
import { budgets, countingGateway } from '../../local/roundTrips.testkit';
import { col } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';

let gw: TestGateway;
const counted = countingGateway((g) => (gw = g), () => pins.report());

const pins = budgets({
  'room.cancelBooking (an enterprise contact)': 4, // 5 before: no read of the booking first
  'room.cancelBooking (a branch secretary)': 5, // 6 before: the right to act is a condition on the update
  'room.cancelBooking (an admin, audited)': 5, // 6 before
});

const day = (n: number) => dayjs().tz(PARK_TZ).add(n, 'day').format('YYYY-MM-DD');
const booking = { venueId: 'venue-life', purpose: '支部学习', attendees: 6 };

async function contact(enterpriseId: string): Promise<string> {
  const openid = freshOpenid('rt-room');
  await ok(gw.call('user', 'acceptPrivacy', {}, openid));
  await ok(gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin'));
  return openid;
}

describe('room taps stay within their database call budgets', () => {
  test('cancelling_a_booking_as_its_contact_its_secretary_or_an_admin_stays_within_budget_and_gives_the_quota_back', async () => {
    const who = await contact('ent-n08');
    const mine = await ok(gw.call('room', 'book', { ...booking, day: day(6), start: '09:00', end: '09:30' }, who));
    await within('room.cancelBooking (an enterprise contact)', mine.id, who);

    const branch = await ok(gw.call('room', 'book', { ...booking, day: day(6), start: '10:00', end: '10:30' }, 'demo-secretary'));
    expect(branch.holder.kind).toBe('branch');
    await within('room.cancelBooking (a branch secretary)', branch.id, 'demo-secretary');

    const theirs = await ok(gw.call('room', 'book', { ...booking, day: day(6), start: '11:00', end: '11:30' }, who));
    await within('room.cancelBooking (an admin, audited)', theirs.id, 'demo-admin');
    const audited = (await col('audit').where({ action: 'cancelBooking', target: `roomBookings/${theirs.id}` }).get()).data;
    expect(audited).toHaveLength(1);

    // Every cancelled booking gave its open place and its minutes back (the counters are where they started).
    const counters = (await col('roomQuota').where({ _id: `o|enterprise|ent-n08` }).get()).data;
    expect(counters.map((c) => c.used)).toEqual([0]);
    const minutes = (await col('roomQuota').where({ _id: `d|enterprise|ent-n08|venue-life|${day(6)}` }).get()).data;
    expect(minutes.map((c) => c.used)).toEqual([0]);
  });
});

async function within(name: Parameters<typeof pins.within>[0], id: string, openid: string) {
  const r = await counted('room', 'cancelBooking', { id }, openid);
  expect(r.data).toEqual({ id, state: 'cancelled' });
  pins.within(name, r.requests);
}
