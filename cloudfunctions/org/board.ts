/**
 * The 三会一课 board (finding F-01): for a quarter, every branch × kind × period (a month or the
 * quarter, as the rule table says) as held / due / overdue. The board action, its Excel export and
 * the reminder timer (remind.ts) all read it from here, so the secretary is reminded of exactly the
 * cells the board shows as due.
 *
 * Bounded cost whatever the park's size: the rule table, the branches, and ONE aggregation of the
 * quarter's records grouped by branch, kind, month and state — never a query per branch or period.
 * "Held" counts only counted records (计入); records waiting for 核实 are shown beside it
 * (`pending`) so a secretary sees why a meeting they entered does not count yet.
 */
import { cmd, col, during } from '../../server/core/db';
import { dayjs, PARK_TZ, parkDay } from '../../server/core/time';
import type { OrgLifeKind, OrgLifeRule } from './docs';
import { loadOrgLifeRules } from './orgLifeRules';
import { quarterRange } from './scoring';

export type CellStatus = 'held' | 'due' | 'overdue';

export const STATUS_LABELS: Record<CellStatus, string> = { held: '已开', due: '待开', overdue: '逾期未开' };

export interface BoardPeriod {
  /** `2026-10` for a month, `2026Q4` for the quarter. */
  key: string;
  label: string;
  per: 'month' | 'quarter';
  fromDay: string;
  /** The period's last park day: the meeting must be held by then. */
  toDay: string;
}

export interface BoardCell {
  branchId: string;
  kind: OrgLifeKind;
  period: string;
  periodLabel: string;
  per: 'month' | 'quarter';
  dueOn: string;
  min: number;
  /** Counted records (计入) of the kind in the period. */
  held: number;
  /** Records awaiting 核实: not counted yet. */
  pending: number;
  status: CellStatus;
}

export interface BoardBranch {
  id: string;
  name: string;
  secretaryOpenid: string | null;
}

export interface Board {
  quarter: string;
  today: string;
  rulesVersion: number;
  periods: BoardPeriod[];
  branches: BoardBranch[];
  cells: BoardCell[];
  /** More branches than one board holds: the rest are not shown (said, never dropped silently). */
  truncated: boolean;
}

/** Branches on one board; a park has a few dozen. */
export const BOARD_BRANCHES_MAX = 500;

/** The quarter's three months and the quarter itself, as park days. */
export function quarterPeriods(quarter: string): { months: BoardPeriod[]; whole: BoardPeriod } {
  const r = quarterRange(quarter);
  const first = dayjs.utc(r.fromDay);
  const months = [0, 1, 2].map((i) => {
    const m = first.add(i, 'month');
    return { key: m.format('YYYY-MM'), label: `${m.month() + 1}月`, per: 'month' as const, fromDay: m.format('YYYY-MM-DD'), toDay: m.endOf('month').format('YYYY-MM-DD') };
  });
  return { months, whole: { key: quarter, label: '本季度', per: 'quarter', fromDay: r.fromDay, toDay: r.toDay } };
}

/** One cell's status on `today` (a park day): held once the minimum is met, else due until its last day, then overdue. */
export function cellStatus(held: number, min: number, toDay: string, today: string): CellStatus {
  if (held >= min) return 'held';
  return today > toDay ? 'overdue' : 'due';
}

/** The branch's cells for a rule: one per month of a monthly rule, one for a quarterly rule. */
function cellsOf(
  branch: BoardBranch & { sinceDay: string },
  rule: OrgLifeRule,
  periods: ReturnType<typeof quarterPeriods>,
  counts: Map<string, { counted: number; pending: number }>,
  today: string,
): BoardCell[] {
  const list = rule.per === 'month' ? periods.months.map((p, i) => ({ p, months: [i] })) : [{ p: periods.whole, months: [0, 1, 2] }];
  return list
    // A branch is not behind on a period that ended before it was founded.
    .filter(({ p }) => p.toDay >= branch.sinceDay)
    .map(({ p, months }) => {
      let held = 0;
      let pending = 0;
      for (const m of months) {
        const c = counts.get(`${branch.id}|${rule.kind}|${m}`);
        held += c?.counted ?? 0;
        pending += c?.pending ?? 0;
      }
      return {
        branchId: branch.id, kind: rule.kind, period: p.key, periodLabel: p.per === 'month' ? p.label : `${p.key.slice(0, 4)} 年第${'一二三四'[Number(p.key.slice(5)) - 1]}季度`,
        per: p.per, dueOn: p.toDay, min: rule.min, held, pending, status: cellStatus(held, rule.min, p.toDay, today),
      };
    });
}

/**
 * The board of `quarter` for the given branches (all of the park when `branchIds` is null), as of
 * `now`. Three database calls.
 */
export async function loadBoard(quarter: string, branchIds: string[] | null, now = new Date()): Promise<Board> {
  const _ = cmd();
  const $ = _.aggregate;
  const r = quarterRange(quarter);
  const periods = quarterPeriods(quarter);
  const today = parkDay(now);
  const m2 = dayjs.tz(`${periods.months[1].fromDay} 00:00`, PARK_TZ).toDate();
  const m3 = dayjs.tz(`${periods.months[2].fromDay} 00:00`, PARK_TZ).toDate();
  const scope = branchIds ? { branchId: _.in(branchIds) } : {};
  const [rules, branchRows, groups] = (await Promise.all([
    loadOrgLifeRules(),
    branchIds && branchIds.length === 0
      ? { data: [] }
      : col('branches').where(branchIds ? { _id: _.in(branchIds) } : {}).field({ name: true, secretaryOpenid: true, createdAt: true }).orderBy('name', 'asc').limit(BOARD_BRANCHES_MAX + 1).get(),
    col('orgLife')
      .aggregate()
      .match({ ...scope, startAt: during(r.from, r.to) })
      .group({
        _id: { b: '$branchId', k: '$kind', m: $.cond({ if: $.gte(['$startAt', m3]), then: 2, else: $.cond({ if: $.gte(['$startAt', m2]), then: 1, else: 0 }) }), s: '$state' },
        n: $.sum(1),
      })
      // branches × 5 kinds × 3 months × 4 states at most; far above any park.
      .limit(100_000)
      .end(),
  ])) as [Awaited<ReturnType<typeof loadOrgLifeRules>>, { data: { _id: string; name: string; secretaryOpenid: string | null; createdAt?: Date }[] }, { data: { _id: { b: string; k: OrgLifeKind; m: number; s?: string | null }; n: number }[] }];
  const counts = new Map<string, { counted: number; pending: number }>();
  for (const g of groups.data) {
    const key = `${g._id.b}|${g._id.k}|${g._id.m}`;
    const c = counts.get(key) ?? { counted: 0, pending: 0 };
    // Records written before 核实 existed carry no state: they count (stateOf in orgLifeShared.ts).
    if (!g._id.s || g._id.s === 'counted') c.counted += g.n;
    else if (g._id.s === 'pending') c.pending += g.n;
    counts.set(key, c);
  }
  const branches = branchRows.data.slice(0, BOARD_BRANCHES_MAX).map((b) => ({
    id: b._id, name: b.name, secretaryOpenid: b.secretaryOpenid ?? null, sinceDay: b.createdAt ? parkDay(b.createdAt) : '0000-00-00',
  }));
  const active = rules.rules.filter((x) => x.min > 0);
  const cells = branches.flatMap((b) => active.flatMap((rule) => cellsOf(b, rule, periods, counts, today)));
  return {
    quarter,
    today,
    rulesVersion: rules.version,
    periods: [...periods.months, periods.whole],
    branches: branches.map(({ id, name, secretaryOpenid }) => ({ id, name, secretaryOpenid })),
    cells,
    truncated: branchRows.data.length > BOARD_BRANCHES_MAX,
  };
}
