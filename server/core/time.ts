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

export { dayjs };
