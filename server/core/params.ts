/**
 * Params several functions read the same way: a park day `2026-11-23`, a clock time `14:30` and
 * a park time `2026-11-23 14:30` (Asia/Shanghai whatever the server's zone).
 *
 * Every action that takes a day or a time uses these, so an impossible one (`2026-12-32`,
 * `2026-02-30`, `24:30`) is refused with VALIDATION everywhere. A format check is not enough:
 * dayjs rolls `2026-12-32` over to 1 January without complaint, and a stored `day` that names no
 * real day is invisible to every query by day while its instant blocks the real one.
 */
import * as z from 'zod';
import { dayjs, PARK_TZ } from './time';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^(\d{2}):(\d{2})$/;

/** A real calendar day `YYYY-MM-DD` (pure: the format round trip refuses any roll-over). */
export function isCalendarDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** A clock time `HH:mm` from 00:00 to 23:59. */
export function isClockTime(s: string): boolean {
  const m = CLOCK_RE.exec(s);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59;
}

/** A park day `2026-11-23` that exists on the calendar. */
export const dayParam = z
  .string()
  .trim()
  .regex(DAY_RE, '日期格式应为 2026-11-23')
  .refine(isCalendarDay, '不是有效的日期（请检查月份和日数）');

/** A clock time `14:30` (00:00–23:59). */
export const clockParam = z
  .string()
  .trim()
  .regex(CLOCK_RE, '时间格式应为 14:30')
  .refine(isClockTime, '不是有效的时间（应在 00:00 到 23:59 之间）');

/** A park time `2026-11-23 14:30`, answered as the instant it names. */
export const parkTimeParam = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/, '时间格式应为 2026-11-23 14:30')
  .transform((s, ctx) => {
    const [day, clock] = s.split(/[ T]/);
    if (!isCalendarDay(day) || !isClockTime(clock)) {
      ctx.addIssue({ code: 'custom', message: '不是有效的时间（请检查日期和钟点）' });
      return z.NEVER;
    }
    const d = dayjs.tz(`${day} ${clock}`, PARK_TZ);
    if (!d.isValid()) {
      ctx.addIssue({ code: 'custom', message: '不是有效的时间' });
      return z.NEVER;
    }
    return d.toDate();
  });
