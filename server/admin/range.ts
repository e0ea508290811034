/** A reporting period: inclusive park days, and the absolute instants that bound them. */
import { dayjs, PARK_TZ } from '../core/time';

export interface Range {
  from: string;
  to: string;
  /** Start of `from` in the park (inclusive). */
  start: Date;
  /** Start of the day after `to` in the park (exclusive). */
  end: Date;
}

export function parkRange(from: string, to: string): Range {
  return {
    from,
    to,
    start: dayjs.tz(from, PARK_TZ).startOf('day').toDate(),
    end: dayjs.tz(to, PARK_TZ).add(1, 'day').startOf('day').toDate(),
  };
}
