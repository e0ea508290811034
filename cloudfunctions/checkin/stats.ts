import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { dayjs, parkDay } from '../../server/core/time';
import { daysBetween, fillDays, type FigureRow } from '../../server/checkin/figures';
import { dayParam } from './shared';

const MAX_DAYS = 366;

/**
 * Visits per day, per venue and per event, and unique people, for a range of park days.
 * Four aggregations in parallel (plus the caller): the database groups, the function never sees
 * individual check-ins. A "visit" is a check-in; event check-ins count for the event's venue too.
 */
export const stats = action({
  roles: ['admin'],
  params: z.strictObject({ from: dayParam.optional(), to: dayParam.optional() }),
  async handler(p) {
    const to = p.to ?? parkDay();
    const from = p.from ?? dayjs(to).subtract(6, 'day').format('YYYY-MM-DD');
    if (from > to) throw new AppError('VALIDATION', '开始日期不能晚于结束日期，请重新选择。');
    if (daysBetween(from, to).length > MAX_DAYS) throw new AppError('VALIDATION', `一次最多统计 ${MAX_DAYS} 天，请缩小日期范围。`);

    const _ = cmd();
    const $ = _.aggregate;
    const inRange = { day: _.gte(from).and(_.lte(to)) };
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
      grouped({}, null, 1).end(),
      grouped({}, 'day', MAX_DAYS).end(),
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
  },
});
