/** All dates are read and shown in the park's time zone, whatever the server's TZ is. */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const PARK_TZ = 'Asia/Shanghai';

/** Now, in the park's zone. Handlers take time from here so tests can reason about it. */
export function now(): dayjs.Dayjs {
  return dayjs().tz(PARK_TZ);
}

export function inPark(d: Date | string | number): dayjs.Dayjs {
  return dayjs(d).tz(PARK_TZ);
}

/** Calendar day in the park, e.g. '2026-11-23' — the key for per-day figures. */
export function parkDay(d: Date | string | number = Date.now()): string {
  return inPark(d).format('YYYY-MM-DD');
}

/** 2026年12月01日 14:00 in park time (subscribe-message `time` fields). */
export function parkTime(d: Date | string): string {
  return inPark(d).format('YYYY年MM月DD日 HH:mm');
}

/** 2026年12月01日 14:00–16:00; the end's date is added when it falls on another park day. */
export function parkRange(start: Date | string, end: Date | string): string {
  const sameDay = parkDay(start) === parkDay(end);
  return `${parkTime(start)}–${inPark(end).format(sameDay ? 'HH:mm' : 'MM月DD日 HH:mm')}`;
}

/**
 * Calendar arithmetic is done on date strings (in UTC, which has no daylight saving) and only then
 * turned into an instant: dayjs's `tz(...).add(1, 'day')` computes in the *server's* zone, so on a
 * server that changes clocks (TZ=America/New_York on 2026-11-01) a park "day" lasts 25 hours.
 */
/** A calendar day `n` days after `day` (`YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');
}

/** The first instant of a park calendar day. */
export function dayStart(day: string): Date {
  return dayjs.tz(`${day} 00:00`, PARK_TZ).toDate();
}

/** ISO weekday (Monday 1 … Sunday 7) of a calendar day. */
export function isoWeekday(day: string): number {
  return dayjs.utc(day).day() || 7;
}

export { dayjs };
