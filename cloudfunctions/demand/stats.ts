import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { now } from '../../server/core/time';
import { DAY_MS } from './calendar';
import { slaClock, slaExprs, type SlaClock } from './sla';
import { callbackSummary } from './callbacks';

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-01');

export interface Figures {
  collected: number;
  resolved: number;
  /** resolved / collected, 0–1; null when nothing was collected. */
  rate: number | null;
  /** Median hours from submission to (final) resolution over the resolved ones; null when none. */
  medianHours: number | null;
  /** Still open and past their service-level deadline now (working days, from submission, pauses excluded). */
  overdue: number;
  /** Resolved within their deadline. */
  onTime: number;
  /** onTime / (resolved + overdue): of the demands whose promise has come due, the share kept; null when none. */
  onTimeRate: number | null;
  /** Median working days used by the resolved ones (the service-level clock); null when none. */
  medianWorkingDays: number | null;
  /** 回访 recorded, and of those the ones where the person was satisfied. */
  callbacks: number;
  callbacksSatisfied: number;
}

type Key = 'category' | 'month' | 'both' | 'class' | 'none';

/** Rows one grouping may return: 7 categories × 166 months, far beyond any range asked for. */
const AGG_ROWS = 1000;

const ratio = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);

/**
 * One aggregate per grouping, the figures computed entirely in the database:
 *   $match   what was asked for (months; withdrawn demands were never taken on, so not counted);
 *   $project resolved? and the wall-clock duration of resolved ones; the service class, its deadline
 *            and the working time used (./sla.ts: from the timeline against the park calendar, so a
 *            holiday added later re-evaluates every figure); from these overdue? and on time?;
 *   $sort    by duration, then $group pushes each bucket's durations in ascending order (the median
 *            is the middle element(s) of that sorted array: $arrayElemAt at ⌊(n−1)/2⌋ and ⌊n/2⌋);
 *            the working days are pushed too and sorted the same way by a second pass;
 *   $project the medians and rates — only these numbers leave the database.
 * The pushed arrays live inside the database for one bucket and are never sent back. CloudBase has
 * no $facet, so each grouping is its own call (the callers run them in parallel).
 */
export async function figures(key: Key, match: Record<string, unknown>, clockIn: SlaClock | Promise<SlaClock>) {
  const clock = await clockIn;
  const _ = cmd();
  const $ = _.aggregate;
  const sla = slaExprs(clock);
  const groupId =
    key === 'both' ? { category: '$category', month: '$month' } : key === 'none' ? null : key === 'class' ? '$cls' : `$${key}`;
  const median = (arr: string) => ({
    n: $.size(arr),
    lo: $.arrayElemAt([arr, $.floor($.divide([$.subtract([$.size(arr), 1]), 2]))]),
    hi: $.arrayElemAt([arr, $.floor($.divide([$.size(arr), 2]))]),
  });
  const keep = { collected: 1, resolved: 1, overdue: 1, onTime: 1, callbacks: 1, callbacksSatisfied: 1 };
  const { data } = await col('demands')
    .aggregate()
    .match(match)
    .project({
      category: 1,
      month: 1,
      isResolved: sla.isResolved,
      isOpen: sla.isOpen,
      cls: sla.serviceClass,
      limitMs: $.multiply([sla.days(sla.serviceClass), DAY_MS]),
      usedMs: sla.used,
      // `$ne: [field, null]` and not `$gt: [field, null]`: engines disagree on ordering null against a
      // date, but all agree on (in)equality; resolvedAt is always written (null when unset).
      duration: $.cond({
        if: $.and([sla.isResolved, $.neq(['$resolvedAt', null])]),
        then: $.subtract(['$resolvedAt', '$submittedAt']),
        else: null,
      }),
      called: $.cond({ if: $.neq([$.ifNull(['$callback.at', null]), null]), then: 1, else: 0 }),
      calledOk: $.cond({ if: $.eq([$.ifNull(['$callback.satisfied', null]), true]), then: 1, else: 0 }),
    })
    .project({
      category: 1,
      month: 1,
      cls: 1,
      isResolved: 1,
      duration: 1,
      called: 1,
      calledOk: 1,
      isOverdue: $.and(['$isOpen', $.gt(['$usedMs', '$limitMs'])]),
      isOnTime: $.and(['$isResolved', $.lte(['$usedMs', '$limitMs'])]),
      workDays: $.cond({ if: '$isResolved', then: $.divide(['$usedMs', DAY_MS]), else: null }),
    })
    .sort({ duration: 1 })
    .group({
      _id: groupId,
      collected: $.sum(1),
      resolved: $.sum($.cond({ if: '$isResolved', then: 1, else: 0 })),
      overdue: $.sum($.cond({ if: '$isOverdue', then: 1, else: 0 })),
      onTime: $.sum($.cond({ if: '$isOnTime', then: 1, else: 0 })),
      callbacks: $.sum('$called'),
      callbacksSatisfied: $.sum('$calledOk'),
      durations: $.push('$duration'),
      workDays: $.push('$workDays'),
    })
    .project({
      ...keep,
      durations: $.filter({ input: '$durations', as: 'd', cond: $.neq(['$$d', null]) }),
      // The working days are in duration order, not their own: sorted here by repeatedly taking the
      // minimum would need $sortArray (MongoDB 5.2); instead $reduce inserts each into a sorted array.
      workDays: $.reduce({
        input: $.filter({ input: '$workDays', as: 'd', cond: $.neq(['$$d', null]) }),
        initialValue: [],
        in: $.concatArrays([
          $.filter({ input: '$$value', as: 'v', cond: $.lte(['$$v', '$$this']) }),
          ['$$this'],
          $.filter({ input: '$$value', as: 'v', cond: $.gt(['$$v', '$$this']) }),
        ]),
      }),
    })
    .project({ ...keep, d: median('$durations'), w: median('$workDays') })
    .project({
      ...keep,
      rate: $.cond({ if: $.gt(['$collected', 0]), then: $.divide(['$resolved', '$collected']), else: null }),
      onTimeRate: $.cond({
        if: $.gt([$.add(['$resolved', '$overdue']), 0]),
        then: $.divide(['$onTime', $.add(['$resolved', '$overdue'])]),
        else: null,
      }),
      medianMs: $.cond({ if: $.gt(['$d.n', 0]), then: $.divide([$.add(['$d.lo', '$d.hi']), 2]), else: null }),
      medianWorkingDays: $.cond({ if: $.gt(['$w.n', 0]), then: $.divide([$.add(['$w.lo', '$w.hi']), 2]), else: null }),
    })
    // Without a final limit CloudBase answers 20 rows (7 categories × 12 months is 84 cells).
    .limit(AGG_ROWS)
    .end();
  type Row = Omit<Figures, 'rate' | 'medianHours' | 'onTimeRate' | 'medianWorkingDays'> & {
    _id: unknown;
    rate: number | null;
    medianMs: number | null;
    onTimeRate: number | null;
    medianWorkingDays: number | null;
  };
  return (data as Row[]).map((r) => ({
    key: r._id,
    collected: r.collected,
    resolved: r.resolved,
    rate: ratio(r.rate),
    medianHours: r.medianMs === null || r.medianMs === undefined ? null : Math.round((r.medianMs / 3_600_000) * 10) / 10,
    overdue: r.overdue,
    onTime: r.onTime,
    onTimeRate: ratio(r.onTimeRate),
    medianWorkingDays: r.medianWorkingDays === null || r.medianWorkingDays === undefined ? null : Math.round(r.medianWorkingDays * 10) / 10,
    callbacks: r.callbacks,
    callbacksSatisfied: r.callbacksSatisfied,
  }));
}

const EMPTY: Figures = {
  collected: 0,
  resolved: 0,
  rate: null,
  medianHours: null,
  overdue: 0,
  onTime: 0,
  onTimeRate: null,
  medianWorkingDays: null,
  callbacks: 0,
  callbacksSatisfied: 0,
};

/**
 * 诉求办理统计 for the center: collected, resolved, resolution rate, median time to resolve, and the
 * service levels (overdue now, on-time rate, median working days) — per category, per service class,
 * per month, per category × month and overall, by month of submission; and the 回访 of the months'
 * closed demands (sample drawn, done, still due). Default range: the last 12 months including this
 * one. Five aggregate calls in parallel, plus the calendar and the callback sample.
 */
export const stats = action({
  roles: ['admin'],
  params: z
    .strictObject({ fromMonth: monthParam.optional(), toMonth: monthParam.optional() })
    .refine((p) => !p.fromMonth || !p.toMonth || p.fromMonth <= p.toMonth, '起始月份不能晚于结束月份'),
  async handler({ fromMonth, toMonth }) {
    const to = toMonth ?? now().format('YYYY-MM');
    const from = fromMonth ?? now().subtract(11, 'month').format('YYYY-MM');
    const _ = cmd();
    const match = { month: _.gte(from).and(_.lte(to)), state: _.neq('cancelled') };
    const clock = await slaClock(`${from}-01`);
    const [both, byCategory, byClass, byMonth, total, callbacks] = await Promise.all([
      figures('both', match, clock),
      figures('category', match, clock),
      figures('class', match, clock),
      figures('month', match, clock),
      figures('none', match, clock),
      callbackSummary(from, to),
    ]);
    const strip = ({ key: _k, ...f }: { key: unknown } & Figures): Figures => f;
    return {
      fromMonth: from,
      toMonth: to,
      today: clock.today,
      total: total[0] ? strip(total[0]) : EMPTY,
      byCategory: byCategory.map((r) => ({ category: String(r.key), ...strip(r) })).sort((a, b) => b.collected - a.collected),
      byClass: byClass.map((r) => ({ serviceClass: String(r.key), ...strip(r) })).sort((a, b) => b.collected - a.collected),
      byMonth: byMonth.map((r) => ({ month: String(r.key), ...strip(r) })).sort((a, b) => a.month.localeCompare(b.month)),
      byCategoryMonth: both
        .map((r) => {
          const k = r.key as { category: string; month: string };
          return { category: k.category, month: k.month, ...strip(r) };
        })
        .sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category, 'zh')),
      callbacks,
    };
  },
});
