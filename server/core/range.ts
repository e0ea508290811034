/** A reporting period: inclusive park days, and the absolute instants that bound them. */
import { addDays, dayStart } from './time';

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
    start: dayStart(from),
    // By date string, not a zoned add: that would follow the server's own DST (server/core/time.ts).
    end: dayStart(addDays(to, 1)),
  };
}
