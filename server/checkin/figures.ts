/**
 * The center's visit figures as aggregation pipelines (run in the database; only grouped rows
 * come back). Plain stage lists so they are built and read in one place.
 *
 * Unique people per group: group by (dimension, openid) first — one row per person per group —
 * then by the dimension, summing the visits and counting the rows. That is what $addToSet + $size
 * would give, without holding every openid of a group in one array.
 */
import { dayjs } from '../core/time';

export type Dimension = 'day' | 'venueId' | 'eventId' | null;

export interface FigureRow {
  _id: string | null;
  visits: number;
  people: number;
}

/** Inclusive list of park days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayjs(from); !d.isAfter(dayjs(to), 'day'); d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
  return out;
}

/** Every day of the range, with zeros where nobody came (a chart needs the gaps). */
export function fillDays(from: string, to: string, rows: FigureRow[]): { day: string; visits: number; people: number }[] {
  const byDay = new Map(rows.map((r) => [r._id, r]));
  return daysBetween(from, to).map((day) => ({ day, visits: byDay.get(day)?.visits ?? 0, people: byDay.get(day)?.people ?? 0 }));
}
