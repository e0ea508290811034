/**
 * Database round trips of the volunteer admin taps, pinned beside the code (issue 19; the kit and
 * its rules in local/roundTrips.testkit.ts; volunteer.signUp and volunteer.cancel stay pinned in
 * local/roundTrips.int.test.ts). Each counted call is one valid tap by an admin whose user record
 * exists; the setup happens before counting. The heavier paths are the ones pinned: edits that
 * reach the copies and the people signed up, a cancellation with people to tell, the roster view
 * that marks the no-shows.
 */
import { type TestGateway } from '../../local/testing';
import { makeActivity, moveActivity, ok, parkAt, people } from '../../local/volunteer.testkit';
import { budgets, countingGateway } from '../../local/roundTrips.testkit';
import { col } from '../../server/core/db';

let gw: TestGateway;
const counted = countingGateway((g) => (gw = g), () => pins.report());

const pins = budgets({
  'volunteer.updateActivity (a description)': 4, // 5 before: the activity is answered by its update, not read again
  'volunteer.updateActivity (a title: the event and the registrations copy it)': 6, // 7 before (why not 5: updateActivity.ts)
  'volunteer.updateActivity (a new time and place, people told)': 7, // 9 before: the people come with the activity
  'volunteer.updateActivity (a new team and fewer places)': 5, // 7 before: the team comes with the activity, the cut answers it
  'volunteer.updateActivity (one more place, handed to the waitlist)': 10, // 10 before: each added place is the seats protocol's hand-on and promotion (seats.ts), 6 calls a place
  'volunteer.cancelActivity (people to tell)': 6, // 7 before (why not 5: cancelActivity.ts)
  'volunteer.roster': 2, // 5 before: the activity, its people, their profiles and no-show history in one aggregation
  'volunteer.roster (the view that marks the no-shows)': 5, // 8 before
});
type Pin = Parameters<typeof pins.within>[0];

const ADMIN = 'demo-admin';
async function pin(name: Pin, action: string, params: Record<string, unknown>) {
  const r = await counted('volunteer', action, params, ADMIN);
  pins.within(name, r.requests);
  return r.data;
}

/** An activity with `confirmed` people in its places and `waiting` on its waitlist. */
async function activityWithPeople(confirmed: number, waiting: number, startInMin?: number): Promise<string> {
  const id = await makeActivity(gw, { capacity: confirmed }, startInMin);
  for (const who of await people(gw, confirmed + waiting, 'rt-vol')) await ok(gw.call('volunteer', 'signUp', { activityId: id }, who));
  return id;
}

describe('volunteer admin taps stay within their database call budgets', () => {
  test('editing_an_activity_stays_within_budget_on_each_path', async () => {
    const id = await activityWithPeople(2, 1);
    await pin('volunteer.updateActivity (a description)', 'updateActivity', { id, description: '带上身份证' });
    const titled = await pin('volunteer.updateActivity (a title: the event and the registrations copy it)', 'updateActivity', { id, title: '改名后的活动' });
    expect(titled.title).toBe('改名后的活动');
    const [a] = (await col('volunteerActivities').doc(id).get()).data;
    const start = new Date(a.startAt).getTime() + 3600_000;
    const moved = await pin('volunteer.updateActivity (a new time and place, people told)', 'updateActivity', { id, startAt: parkAt(start), endAt: parkAt(start + 7200_000), place: '园区会议中心' });
    expect(moved.notified).toBe(3);
    const rows = (await col('volunteerRegistrations').where({ activityId: id }).get()).data;
    expect(rows.map((r) => [r.title, new Date(r.startAt).getTime()])).toEqual(rows.map(() => ['改名后的活动', Math.floor(start / 60_000) * 60_000]));
    const [ev] = (await col('events').doc(a.eventId).get()).data;
    expect([ev.title, ev.place]).toEqual(['改名后的活动', '园区会议中心']);
  });

  test('a_team_change_with_a_capacity_cut_and_an_added_place_stay_within_budget', async () => {
    const id = await activityWithPeople(2, 1);
    await ok(gw.call('volunteer', 'updateActivity', { id, capacity: 3 }, ADMIN)); // the waiting person gets the new place
    const cut = await pin('volunteer.updateActivity (a new team and fewer places)', 'updateActivity', { id, teamId: 'vt-xinghuo', capacity: 3 });
    expect(cut).toMatchObject({ teamId: 'vt-xinghuo', teamName: '星火科技志愿服务队', capacity: 3, confirmed: 3 });
    const more = await activityWithPeople(1, 2);
    const added = await pin('volunteer.updateActivity (one more place, handed to the waitlist)', 'updateActivity', { id: more, capacity: 2 });
    expect(added).toMatchObject({ promoted: 1, capacity: 2, confirmed: 2, waiting: 1 });
  });

  test('cancelling_an_activity_with_people_to_tell_stays_within_budget', async () => {
    const id = await activityWithPeople(2, 2);
    const r = await pin('volunteer.cancelActivity (people to tell)', 'cancelActivity', { id, reason: '天气原因取消' });
    expect(r).toMatchObject({ status: 'cancelled', notified: 4 });
    expect((await col('outbox').where({ type: 'volunteer.cancelled', ref: `volunteerActivities/${id}` }).count()).total).toBe(4);
  });

  test('the_roster_stays_within_budget_also_on_the_view_that_marks_the_no_shows', async () => {
    const id = await activityWithPeople(2, 1);
    const before = await pin('volunteer.roster', 'roster', { activityId: id });
    expect(before.summary).toMatchObject({ confirmed: 2, waitlisted: 1, noShows: 0 });
    // Ended two hours ago, nobody signed in: the first view marks both confirmed people.
    await moveActivity(id, Date.now() - 5 * 3600_000, 180);
    const marked = await pin('volunteer.roster (the view that marks the no-shows)', 'roster', { activityId: id });
    expect(marked.summary).toMatchObject({ confirmed: 2, noShows: 2 });
    expect(marked.people.filter((p: { noShowsEver: number }) => p.noShowsEver === 1)).toHaveLength(2);
    // The next view reads what was written: the same answer, without marking again.
    const again = await pin('volunteer.roster', 'roster', { activityId: id });
    expect(again.people).toEqual(marked.people);
    expect((await col('audit').where({ action: 'markNoShows', target: `volunteerActivities/${id}` }).count()).total).toBe(1);
  });
});
