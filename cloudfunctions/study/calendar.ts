/**
 * The study calendar, in park time (Asia/Shanghai) whatever the server's zone: a topic and a
 * self-study record belong to a park month (`YYYY-MM`), a streak counts park weeks (keyed by
 * their Monday, `YYYY-MM-DD`). Pure, so the month-end and week rules are unit-tested with any TZ.
 *
 * Calendar arithmetic is done on the date strings (in UTC, which has no daylight saving) and
 * only then turned into an instant with `dayjs.tz(string)`: dayjs's `tz().add(1, 'month')`
 * shifts by an hour when the *server's* zone changes clocks in between (seen with
 * TZ=America/New_York), which would move a deadline.
 */
import { addDays, dayjs, dayStart, inPark, PARK_TZ } from '../../server/core/time';

export { addDays, dayStart };

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The park month of an instant, e.g. '2026-11'. */
export function parkMonth(at: Date | number = Date.now()): string {
  return inPark(at).format('YYYY-MM');
}

/** First instant of a park month and first instant of the next one (the record deadline). */
export function monthRange(month: string): { start: Date; end: Date } {
  return { start: dayStart(`${month}-01`), end: dayStart(`${addMonths(month, 1)}-01`) };
}

/** A month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}


/** 2026年11月 */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** The park week of an instant: the date of its Monday. */
export function parkWeek(at: Date | number = Date.now()): string {
  const d = inPark(at);
  // dayjs: Sunday = 0; ISO weeks start on Monday.
  return addDays(d.format('YYYY-MM-DD'), -((d.day() + 6) % 7));
}

/** The Monday `n` weeks after `week`. */
export function addWeeks(week: string, n: number): string {
  return addDays(week, n * 7);
}

/** First instant of a park year and of the next one. */
export function yearRange(year: number): { start: Date; end: Date } {
  return { start: dayStart(`${year}-01-01`), end: dayStart(`${year + 1}-01-01`) };
}

export function parkYear(at: Date | number = Date.now()): number {
  return inPark(at).year();
}
