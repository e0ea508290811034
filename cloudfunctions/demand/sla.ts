/**
 * The service-level clock of a demand, read from its timeline against the park calendar
 * (./calendar.ts) — never from a stored due date — so a holiday added today re-evaluates every open
 * demand and every figure at once. Two forms of the same arithmetic:
 *   - slaOf: in the function, for the demands a page shows or the timer looks at;
 *   - usedExpr: inside an aggregation, for the figures and the 已逾期 list over all demands.
 * A test checks that both agree on the seeded demands.
 */
import { cmd, col } from '../../server/core/db';
import { dayStart, parkDay } from '../../server/core/time';
import { addWorking, cumulative, DAY_MS, daysBetween, START_ACTIONS, STOP_ACTIONS, usedMs, type ParkCalendar } from './calendar';
import { loadCalendar } from '../../server/core/parkCalendar';
import type { DemandDoc } from './docs';
import { ALL_CATEGORIES, DEFAULT_CATEGORY_CLASS, DEFAULT_CLASS_DAYS, OPEN_STATES, RESOLVED_STATES, RUNNING_STATES, SERVICE_CLASSES, type ServiceClass } from './terms';

export { loadCalendar };

export function classOf(d: Pick<DemandDoc, 'category' | 'serviceClass' | 'slaDays'>): { serviceClass: ServiceClass; days: number } {
  const serviceClass = d.serviceClass ?? DEFAULT_CATEGORY_CLASS[d.category] ?? '一般';
  return { serviceClass, days: d.slaDays ?? DEFAULT_CLASS_DAYS[serviceClass] };
}

export interface SlaView {
  serviceClass: ServiceClass;
  /** The deadline in working days. */
  days: number;
  /** Working days used so far (one decimal), and left (negative when overdue). */
  usedDays: number;
  remainingDays: number;
  /** When it falls due if nobody pauses it; null while paused or once answered. */
  dueAt: Date | null;
  /** Clock running (the center's turn), or paused waiting for the enterprise. */
  running: boolean;
  paused: boolean;
  /** Open and past its deadline. */
  overdue: boolean;
  /** Running and within min(1, days/2) working days of its deadline. */
  dueSoon: boolean;
  /** For resolved ones: answered within the deadline. */
  onTime: boolean | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function slaOf(d: Pick<DemandDoc, 'category' | 'serviceClass' | 'slaDays' | 'state' | 'submittedAt' | 'timeline'>, cal: ParkCalendar, now: Date): SlaView {
  const { serviceClass, days } = classOf(d);
  const running = RUNNING_STATES.includes(d.state);
  const used = usedMs(new Date(d.submittedAt), d.timeline ?? [], running, now, cal);
  const limit = days * DAY_MS;
  const open = OPEN_STATES.includes(d.state);
  const overdue = open && used > limit;
  return {
    serviceClass,
    days,
    usedDays: round1(used / DAY_MS),
    remainingDays: round1((limit - used) / DAY_MS),
    dueAt: running ? addWorking(now, limit - used, cal) : null,
    running,
    paused: d.state === 'waiting_enterprise',
    overdue,
    dueSoon: running && !overdue && limit - used <= Math.min(DAY_MS, limit / 2),
    onTime: RESOLVED_STATES.includes(d.state) ? used <= limit : null,
  };
}

/** What an aggregation needs to evaluate the clock: W's table from `baseDay` to past `now`. */
export interface SlaClock {
  cal: ParkCalendar;
  now: Date;
  today: string;
  baseDay: string;
  cum: number[];
}

/** The clock for demands submitted on or after `fromDay` (and running until now at most). */
export async function slaClock(fromDay: string, cal?: ParkCalendar, now = new Date()): Promise<SlaClock> {
  const calendar = cal ?? (await loadCalendar());
  const today = parkDay(now);
  const baseDay = fromDay < today ? fromDay : today;
  // Through tomorrow: `now` always falls inside the table.
  return { cal: calendar, now, today, baseDay, cum: cumulative(baseDay, daysBetween(baseDay, today) + 2, calendar) };
}

/** The clock for every open demand: from the oldest one still open. */
export async function openClock(): Promise<SlaClock> {
  const _ = cmd();
  const [oldest, cal] = await Promise.all([
    col('demands').where({ state: _.in([...OPEN_STATES]) }).orderBy('submittedAt', 'asc').limit(1).field({ submittedAt: true }).get(),
    loadCalendar(),
  ]);
  const first = oldest.data[0];
  return slaClock(first ? parkDay(first.submittedAt) : parkDay(), cal);
}

/**
 * Aggregation expressions of the clock. W(t) = cum[k] + (cum[k+1] − cum[k]) / DAY · (t − base − k·DAY)
 * with k = ⌊(t − base) / DAY⌋ clamped into the table; then
 *   used = Σ W(stops) − W(submittedAt) − Σ W(starts) + (running now ? W(now) : 0),
 * the sum of W over the running intervals (./calendar.ts runningIntervals). Only MongoDB 4.0
 * operators CloudBase documents ($let, $reduce, $filter, $arrayElemAt …).
 */
export function slaExprs(clock: SlaClock) {
  const $ = cmd().aggregate;
  const base = dayStart(clock.baseDay);
  const last = clock.cum.length - 2;
  const W = (msSinceBase: unknown) =>
    $.let({
      vars: { x: msSinceBase },
      in: $.let({
        vars: { k: $.max([0, $.min([last, $.floor($.divide(['$$x', DAY_MS]))])]) },
        in: $.add([
          $.arrayElemAt(['$$cum', '$$k']),
          $.multiply([
            $.divide([$.subtract([$.arrayElemAt(['$$cum', $.add(['$$k', 1])]), $.arrayElemAt(['$$cum', '$$k'])]), DAY_MS]),
            $.subtract(['$$x', $.multiply(['$$k', DAY_MS])]),
          ]),
        ]),
      }),
    });
  const sumOver = (actions: readonly string[]) =>
    $.reduce({
      input: $.filter({ input: '$timeline', as: 'e', cond: $.in(['$$e.action', [...actions]]) }),
      initialValue: 0,
      in: $.add(['$$value', W($.subtract(['$$this.at', base]))]),
    });
  const running = $.in(['$state', [...RUNNING_STATES]]);
  const used = $.let({
    vars: { cum: $.literal(clock.cum) },
    in: $.subtract([
      $.add([sumOver(STOP_ACTIONS), $.cond({ if: running, then: W(clock.now.getTime() - base.getTime()), else: 0 })]),
      $.add([W($.subtract(['$submittedAt', base])), sumOver(START_ACTIONS)]),
    ]),
  });
  // Demands filed before service classes existed carry neither field: the defaults, by category.
  const serviceClass = $.ifNull([
    '$serviceClass',
    $.switch({ branches: ALL_CATEGORIES.map((c) => ({ case: $.eq(['$category', c]), then: DEFAULT_CATEGORY_CLASS[c] })), default: '一般' }),
  ]);
  const days = (cls: unknown) =>
    $.ifNull(['$slaDays', $.switch({ branches: SERVICE_CLASSES.map((c) => ({ case: $.eq([cls, c]), then: DEFAULT_CLASS_DAYS[c] })), default: DEFAULT_CLASS_DAYS['一般'] })]);
  return { used, serviceClass, days, isOpen: $.in(['$state', [...OPEN_STATES]]), isResolved: $.in(['$state', [...RESOLVED_STATES]]) };
}
