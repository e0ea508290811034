/**
 * The center's visit figures as aggregation pipelines (run in the database; only grouped rows
 * come back). Plain stage lists so they are built and read in one place.
 *
 * Unique people per group: group by (dimension, openid) first — one row per person per group —
 * then by the dimension, summing the visits and counting the rows. That is what $addToSet + $size
 * would give, without holding every openid of a group in one array.
 */
import { dayjs } from '../../server/core/time';
import { cmd, col } from '../../server/core/db';

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

/**
 * Visits per day, per venue and per event, and unique people, for a range of park days.
 * Four aggregations in parallel: the database groups, the function never sees individual
 * check-ins. A "visit" (到访) is a check-in AT a center venue: a venue's own code, or an event held
 * at one (its rows carry the venue). A meeting a secretary records in an enterprise's own room, or a
 * volunteer activity elsewhere, is attendance, not a visit to the center (findings G-16): it stays
 * in `byEvent`, the per-event attendance, and out of the totals and the days.
 * Shared by `checkin.stats` and the admin dashboard (`admin.dashboard`).
 */
export async function visitFigures(from: string, to: string) {
  const _ = cmd();
  const $ = _.aggregate;
  const inRange = { day: _.gte(from).and(_.lte(to)) };
  const atCenter = { venueId: _.neq(null) };
  const grouped = (match: Record<string, unknown>, dim: string | null, limit: number) => {
    let q = col('checkins')
      .aggregate()
      .match({ ...inRange, ...match })
      .group({ _id: { k: dim ? `$${dim}` : null, o: '$openid' }, n: $.sum(1) })
      .group({ _id: '$_id.k', visits: $.sum('$n'), people: $.sum(1) });
    if (dim === 'day') q = q.sort({ _id: 1 });
    else if (dim) q = q.sort({ visits: -1 });
    return q.limit(limit);
  };
  const [totals, byDay, byVenue, byEvent] = (await Promise.all([
    grouped(atCenter, null, 1).end(),
    grouped(atCenter, 'day', 366).end(),
    grouped({ venueId: _.neq(null) }, 'venueId', 200)
      .lookup({ from: 'venues', localField: '_id', foreignField: '_id', as: 'venue' })
      .end(),
    grouped({ eventId: _.neq(null) }, 'eventId', 200)
      .lookup({ from: 'events', localField: '_id', foreignField: '_id', as: 'event' })
      .end(),
  ])) as { data: (FigureRow & { venue?: { name: string }[]; event?: { title: string }[] })[] }[];

  const t = totals.data[0];
  return {
    from,
    to,
    totals: { visits: t?.visits ?? 0, people: t?.people ?? 0 },
    byDay: fillDays(from, to, byDay.data),
    byVenue: byVenue.data.map((r) => ({ venueId: String(r._id), name: r.venue?.[0]?.name ?? '（已删除的场所）', visits: r.visits, people: r.people })),
    byEvent: byEvent.data.map((r) => ({ eventId: String(r._id), title: r.event?.[0]?.title ?? '（已删除的活动）', visits: r.visits, people: r.people })),
  };
}
