/**
 * The park's working-day calendar and the service-level clock, as pure functions (no database).
 *
 * A day is a working day by the week (Monday–Friday) unless the admins' calendar says otherwise:
 * a 法定节假日 is off even on a weekday, a 调休 weekend is on. Only these exceptions are stored
 * (`parkCalendar`, one document per day), so a park that never fills the table still counts
 * weekends off — and nothing here depends on today's date.
 *
 * The clock is continuous: a demand uses the part of each working park day its running intervals
 * cover (24 h of a working day = 1 working day; holidays and weekends count 0). So a 1-working-day
 * consultation filed on Friday at 17:00 is due on Monday at 17:00, and one filed on the eve of a
 * three-day holiday is due the day after it. Chosen over "the end of the N-th working day" because a
 * pause of two hours should cost two hours, not a whole day, and because the same sum can be
 * computed inside the database (./sla.ts → cumulative): W(t), the working time from a base day to t,
 * is piecewise linear, so the working time of any interval is W(b) − W(a).
 *
 * Shanghai keeps UTC+8 all year, so a park day is exactly 86 400 000 ms and day k after a base day
 * starts at base + k·DAY_MS — the arithmetic the database pipeline relies on.
 */
import { addDays, dayStart, parkDay } from '../../server/core/time';
import { isWorkingDay, type ParkCalendar } from '../../server/core/parkCalendar';

// The week and its exceptions are the park's, shared with other domains (server/core/parkCalendar.ts).
export { isWorkingDay, type DayRule, type ParkCalendar } from '../../server/core/parkCalendar';

export const DAY_MS = 86_400_000;

/** Working time (ms) between two instants: the covered part of every working park day. */
export function workingMs(from: Date, to: Date, cal: ParkCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (let day = parkDay(a); ; day = addDays(day, 1)) {
    const start = dayStart(day).getTime();
    if (start >= b) break;
    if (isWorkingDay(day, cal)) total += Math.min(b, start + DAY_MS) - Math.max(a, start);
  }
  return total;
}

/** One step of a demand's timeline as the clock reads it. */
export interface ClockEvent {
  at: Date | string;
  action: string;
}

/**
 * Steps that stop the clock (the center has answered: a question to the enterprise, a resolution, a
 * withdrawal) and steps that start it again (the enterprise answered, or said it is not solved). The
 * state machine makes them alternate: a stop only from a running state, a start only from a stopped one.
 */
export const STOP_ACTIONS = ['askInfo', 'resolve', 'cancel'] as const;
export const START_ACTIONS = ['answerInfo', 'reopen', 'redo'] as const;

/**
 * The running intervals of a demand: from submission to the first stop, from each start to the next
 * stop, and from the last start to `now` when the clock is running now.
 */
export function runningIntervals(submittedAt: Date, timeline: readonly ClockEvent[], running: boolean, now: Date): [Date, Date][] {
  const events = [...timeline]
    .filter((e) => (STOP_ACTIONS as readonly string[]).includes(e.action) || (START_ACTIONS as readonly string[]).includes(e.action))
    .sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime());
  const out: [Date, Date][] = [];
  let from: Date | null = submittedAt;
  for (const e of events) {
    const at = new Date(e.at);
    if ((STOP_ACTIONS as readonly string[]).includes(e.action)) {
      if (from) out.push([from, at]);
      from = null;
    } else if (!from) {
      from = at;
    }
  }
  if (from && running) out.push([from, now]);
  return out;
}

/** Working time a demand has used: the working part of its running intervals. */
export function usedMs(submittedAt: Date, timeline: readonly ClockEvent[], running: boolean, now: Date, cal: ParkCalendar): number {
  return runningIntervals(submittedAt, timeline, running, now).reduce((n, [a, b]) => n + workingMs(a, b, cal), 0);
}

/**
 * The instant `remainingMs` of working time after `from`, counting only working days — the due
 * moment of a running demand (the clock does not pause in the future unless someone pauses it).
 * Looks at most ~3 years ahead, far beyond any deadline a table allows.
 */
export function addWorking(from: Date, remainingMs: number, cal: ParkCalendar): Date {
  let left = Math.max(0, remainingMs);
  const a = from.getTime();
  let day = parkDay(a);
  for (let i = 0; i < 1200; i++, day = addDays(day, 1)) {
    const start = dayStart(day).getTime();
    if (!isWorkingDay(day, cal)) continue;
    const s = Math.max(a, start);
    const avail = start + DAY_MS - s;
    if (avail <= 0) continue;
    if (left <= avail) return new Date(s + left);
    left -= avail;
  }
  return new Date(a + left);
}

/**
 * W as the database computes it: cum[k] is the working time from the base day's start to the start
 * of day base+k, for k = 0 … n (n days). W(t) = cum[k] + work(k)·(t − start of day k), with
 * work(k) = (cum[k+1] − cum[k]) / DAY_MS; see ./sla.ts.
 */
export function cumulative(baseDay: string, days: number, cal: ParkCalendar): number[] {
  const out = [0];
  for (let k = 0; k < days; k++) out.push(out[k] + (isWorkingDay(addDays(baseDay, k), cal) ? DAY_MS : 0));
  return out;
}

/** Days from `a` to `b` ('YYYY-MM-DD'), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayStart(b).getTime() - dayStart(a).getTime()) / DAY_MS);
}
