/**
 * The demo data and the figures built on it hold on the calendar's edges, met on purpose: each
 * case seeds a fresh gateway with the clock standing at one edge (local/clock.ts) and checks what
 * a park sees on that day against what is in the database. `npm run test:calendar` covers ordinary
 * days in other zones; this file covers the days where month, quarter, year and week change.
 */
import { startTestGateway, type TestGateway } from './testing';
import { shiftClock } from './clock';
import { cmd, col } from '../server/core/db';
import { addDays, dayjs, PARK_TZ, parkDay } from '../server/core/time';
import { parkMonth, parkWeek } from '../cloudfunctions/study/calendar';
import { previousQuarter, quarterOf } from '../cloudfunctions/org/scoring';
import { POLICIES } from './seed-policy';

const EDGES: [name: string, parkTime: string][] = [
  ['last_minutes_of_a_year_quarter_and_month', '2026-12-31 23:40'],
  ['first_minutes_of_a_year', '2027-01-01 00:20'],
  ['first_morning_of_a_quarter', '2027-04-01 08:30'],
  ['a_week_that_began_last_month', '2027-06-02 10:00'],
  ['a_leap_day', '2028-02-29 12:00'],
];

describe.each(EDGES)('on %s (%s park time)', (_name, at) => {
  let gw: TestGateway;
  let restore: () => void;
  const instant = dayjs.tz(at, PARK_TZ).toDate();
  beforeAll(async () => {
    restore = shiftClock(instant);
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw.close();
    restore();
  });
  const ok = async (fn: string, action: string, params: unknown, who: string) => {
    const r = await gw.call(fn, action, params, who);
    expect(r.body).toMatchObject({ ok: true });
    return r.body.data;
  };

  test('the_clock_stands_where_the_case_says', () => {
    expect(parkDay()).toBe(at.slice(0, 10));
  });

  test('the_week_before_today_counts_every_check_in_of_those_seven_days', async () => {
    const today = parkDay();
    const from = addDays(today, -7);
    const to = addDays(today, -1);
    // 到访: check-ins at a center venue (G-16); a meeting held elsewhere is attendance only.
    const { data: rows } = await col('checkins').where({ day: cmd().gte(from).and(cmd().lte(to)), venueId: cmd().neq(null) }).limit(1000).get();
    const data = await ok('checkin', 'stats', { from, to }, 'demo-admin');
    expect(data.byDay.map((d: { day: string }) => d.day)).toEqual([-7, -6, -5, -4, -3, -2, -1].map((n) => addDays(today, n)));
    expect(data.totals.visits).toBe(rows.length);
    expect(data.totals.visits).toBeGreaterThan(0);
    for (const d of data.byDay) expect(d.visits).toBe(rows.filter((r) => r.day === d.day).length);
  });

  test('policies_are_open_except_the_four_written_as_expired', async () => {
    const all = await ok('policy', 'list', {}, 'demo-visitor');
    const expired = await ok('policy', 'list', { status: '已过期' }, 'demo-visitor');
    expect(all.total).toBe(POLICIES.length);
    expect(expired.total).toBe(4);
    expect(expired.items.every((p: { applyTo: string }) => p.applyTo < parkDay())).toBe(true);
  });

  test('volunteers_see_upcoming_activities', async () => {
    const { items } = await ok('volunteer', 'listActivities', { scope: 'upcoming' }, 'demo-visitor');
    expect(items.length).toBeGreaterThan(0);
  });

  test('the_study_tab_shows_this_months_topic_and_last_weeks_streak', async () => {
    const home = await ok('study', 'home', {}, 'demo-member');
    expect(home.month).toBe(parkMonth());
    expect(home.groups.find((g: { topicTitle: string | null; member: boolean }) => g.member)?.topicTitle).toBeTruthy();
    const { data: weeks } = await col('studyActivity').where({ openid: 'demo-member' }).limit(10).get();
    const thisWeek = parkWeek();
    // Weeks are keyed by their Monday, which may lie in the previous month or year.
    expect(weeks.map((w) => w.week).sort()).toEqual([4, 3, 1].map((n) => addDays(thisWeek, -7 * n)));
    expect(dayjs.utc(thisWeek).day()).toBe(1);
  });

  test('last_quarters_ratings_are_final_and_belong_to_the_quarter_before_this_one', async () => {
    const { data } = await col('ratings').where({ status: 'final' }).limit(100).get();
    expect(data.length).toBeGreaterThan(0);
    expect(new Set(data.map((r) => r.quarter))).toEqual(new Set([previousQuarter(quarterOf())]));
  });
});
