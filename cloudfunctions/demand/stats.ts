import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { now, parkDay } from '../../server/core/time';
import { OPEN_STATES, RESOLVED_STATES } from './terms';

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-01');

export interface Figures {
  collected: number;
  resolved: number;
  /** resolved / collected, 0–1; null when nothing was collected. */
  rate: number | null;
  /** Median hours from submission to (final) resolution over the resolved ones; null when none. */
  medianHours: number | null;
  /** Still open past their due day. */
  overdue: number;
}

type Key = 'category' | 'month' | 'both' | 'none';

/** Rows one grouping may return: 6 categories × 166 months, far beyond any range asked for. */
const AGG_ROWS = 1000;

/**
 * One aggregate per grouping, the figures computed entirely in the database:
 *   $match   the months asked for; withdrawn (cancelled) demands were never taken on, so not counted;
 *   $project resolved? overdue? and the duration (resolvedAt − submittedAt, ms) of resolved ones;
 *   $sort    by duration, so the $push below collects each bucket's durations in ascending order;
 *   $group   counts, and the sorted durations;
 *   $project the median as the middle element(s) of that sorted array ($arrayElemAt at ⌊(n−1)/2⌋ and
 *            ⌊n/2⌋, averaged), and the rate — only these numbers leave the database.
 * The pushed array lives inside the database for one bucket (a month × category: tens to thousands
 * of numbers, far under the 16 MB document limit) and is never sent back. CloudBase has no $facet, so
 * the four groupings (category × month, category, month, overall) are four calls, run in parallel.
 */
export async function figures(key: Key, match: Record<string, unknown>, today: string) {
  const _ = cmd();
  const $ = _.aggregate;
  const groupId = key === 'both' ? { category: '$category', month: '$month' } : key === 'none' ? null : `$${key}`;
  const { data } = await col('demands')
    .aggregate()
    .match(match)
    .project({
      category: 1,
      month: 1,
      isResolved: $.in(['$state', [...RESOLVED_STATES]]),
      // `$ne: [field, null]` and not `$gt: [field, null]`: engines disagree on ordering null against a
      // string or a date, but all agree on (in)equality; both fields are always written (null when unset).
      isOverdue: $.and([$.in(['$state', [...OPEN_STATES]]), $.neq(['$dueDate', null]), $.lt(['$dueDate', today])]),
      duration: $.cond({
        if: $.and([$.in(['$state', [...RESOLVED_STATES]]), $.neq(['$resolvedAt', null])]),
        then: $.subtract(['$resolvedAt', '$submittedAt']),
        else: null,
      }),
    })
    .sort({ duration: 1 })
    .group({
      _id: groupId,
      collected: $.sum(1),
      resolved: $.sum($.cond({ if: '$isResolved', then: 1, else: 0 })),
      overdue: $.sum($.cond({ if: '$isOverdue', then: 1, else: 0 })),
      durations: $.push('$duration'),
    })
    .project({
      collected: 1,
      resolved: 1,
      overdue: 1,
      durations: $.filter({ input: '$durations', as: 'd', cond: $.neq(['$$d', null]) }),
    })
    .project({
      collected: 1,
      resolved: 1,
      overdue: 1,
      n: $.size('$durations'),
      lo: $.arrayElemAt(['$durations', $.floor($.divide([$.subtract([$.size('$durations'), 1]), 2]))]),
      hi: $.arrayElemAt(['$durations', $.floor($.divide([$.size('$durations'), 2]))]),
    })
    .project({
      collected: 1,
      resolved: 1,
      overdue: 1,
      rate: $.cond({ if: $.gt(['$collected', 0]), then: $.divide(['$resolved', '$collected']), else: null }),
      medianMs: $.cond({ if: $.gt(['$n', 0]), then: $.divide([$.add(['$lo', '$hi']), 2]), else: null }),
    })
    // Without a final limit CloudBase answers 20 rows (6 categories × 12 months is 72 cells).
    .limit(AGG_ROWS)
    .end();
  return (data as Array<{ _id: unknown; collected: number; resolved: number; overdue: number; rate: number | null; medianMs: number | null }>).map(
    (r) => ({
      key: r._id,
      collected: r.collected,
      resolved: r.resolved,
      rate: r.rate === null || r.rate === undefined ? null : Math.round(r.rate * 1000) / 1000,
      medianHours: r.medianMs === null || r.medianMs === undefined ? null : Math.round((r.medianMs / 3_600_000) * 10) / 10,
      overdue: r.overdue,
    }),
  );
}

const EMPTY: Figures = { collected: 0, resolved: 0, rate: null, medianHours: null, overdue: 0 };

/**
 * 诉求办理统计 for the center: collected, resolved, resolution rate, median time to resolve and
 * overdue — per category, per month, per category × month and overall, by month of submission.
 * Default range: the last 12 months including this one. Four aggregate calls in parallel.
 */
export const stats = action({
  roles: ['admin'],
  params: z
    .strictObject({ fromMonth: monthParam.optional(), toMonth: monthParam.optional() })
    .refine((p) => !p.fromMonth || !p.toMonth || p.fromMonth <= p.toMonth, '起始月份不能晚于结束月份'),
  async handler({ fromMonth, toMonth }) {
    const today = parkDay();
    const to = toMonth ?? now().format('YYYY-MM');
    const from = fromMonth ?? now().subtract(11, 'month').format('YYYY-MM');
    const _ = cmd();
    const match = { month: _.gte(from).and(_.lte(to)), state: _.neq('cancelled') };
    const [both, byCategory, byMonth, total] = await Promise.all([
      figures('both', match, today),
      figures('category', match, today),
      figures('month', match, today),
      figures('none', match, today),
    ]);
    const strip = ({ key: _k, ...f }: { key: unknown } & Figures): Figures => f;
    return {
      fromMonth: from,
      toMonth: to,
      today,
      total: total[0] ? strip(total[0]) : EMPTY,
      byCategory: byCategory.map((r) => ({ category: String(r.key), ...strip(r) })).sort((a, b) => b.collected - a.collected),
      byMonth: byMonth.map((r) => ({ month: String(r.key), ...strip(r) })).sort((a, b) => a.month.localeCompare(b.month)),
      byCategoryMonth: both
        .map((r) => {
          const k = r.key as { category: string; month: string };
          return { category: k.category, month: k.month, ...strip(r) };
        })
        .sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category, 'zh')),
    };
  },
});
