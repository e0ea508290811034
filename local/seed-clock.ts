/**
 * The seed's calendar. Demo data is written relative to the day it is seeded, so a park that first
 * starts the app in any month sees open policies, upcoming activities and this quarter's meetings —
 * and so the tests, which seed at their own start, recount the same data on any day.
 *
 * Most seeds compute their dates from `now` directly (activities in N days, last quarter's
 * meetings). The policy catalogue and the enterprises' founding and settling dates are written out
 * as real-looking dates instead, for the day below; seeding on another day moves each of them by the
 * same number of days. A move by whole days (not months or years) keeps every comparison the
 * matching rules make — open or expired, N full years since founding, settled within N years —
 * exactly as written, which is what the policy tests count on.
 */
import { dayjs, PARK_TZ, parkDay } from '../server/core/time';

/** The day the written-out catalogue dates are for. */
export const CATALOGUE_DAY = '2026-11-20';

/** `day` (YYYY-MM-DD) moved by as many days as `today` is after CATALOGUE_DAY. */
export function shiftDay(day: string, today: string): string {
  const by = dayjs.utc(today).diff(dayjs.utc(CATALOGUE_DAY), 'day');
  return dayjs.utc(day).add(by, 'day').format('YYYY-MM-DD');
}

/**
 * When the demo records were "created": 9:00 in the park, 330 days before `now` — before any
 * quarter, month or week the seeds fill, so history never starts after the records it is about.
 */
export function seedEpoch(now: Date = new Date()): Date {
  const day = dayjs.utc(parkDay(now)).subtract(330, 'day').format('YYYY-MM-DD');
  return dayjs.tz(`${day} 09:00`, PARK_TZ).toDate();
}
