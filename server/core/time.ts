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

export { dayjs };
