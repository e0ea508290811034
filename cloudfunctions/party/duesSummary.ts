import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { keptBranches, monthStart, withStretch } from './months';
import { idParam, monthParam, quarterMonths, quarterOf, quarterParam, thisMonth } from './duesShared';

/** Branches in one answer at most (the park has a few dozen organisations). */
const MAX_BRANCHES = 500;

export interface MonthFigure {
  month: string;
  /** Members who belonged to the branch when the month began: who owes that month. */
  members: number;
  /** Months with an amount entered. */
  registered: number;
  paid: number;
  /** 免缴 (amount 0, not marked paid): settled without a payment. */
  exempt: number;
  dueFen: number;
  paidFen: number;
  /** (paid + exempt) / members; null for a month without members. */
  rate: number | null;
}

const rate = (settled: number, of: number) => (of ? Math.round((settled / of) * 1000) / 1000 : null);

/**
 * Per branch: members and the settled months, computed in the database — one aggregation over the
 * roster rows' stretches (who belonged when each month began, the three months of the quarter at
 * once) and one over the dues rows, each ending with .limit(). A member who moved mid-quarter
 * counts, for each month, in the branch where that month began.
 */
export async function duesFigures(months: string[], branchIds: string[] | null): Promise<Map<string, MonthFigure[]>> {
  const _ = cmd();
  const $ = _.aggregate;
  const scope = branchIds ? { branchId: _.in(branchIds) } : {};
  const days = months.map(monthStart);
  const first = days[0];
  const last = days[days.length - 1];
  const covers = (d: string) => $.cond([$.and([$.lte(['$stretches.from', d]), $.or([$.eq(['$stretches.to', null]), $.gt(['$stretches.to', d])])]), 1, 0]);
  // The rows with a stretch in scope overlapping the months (index), then their stretches one by
  // one: a row may hold a stretch elsewhere or outside the months, which the second match drops.
  const memberAgg = col('partyMembers')
    .aggregate()
    .match(withStretch(branchIds ? _.in(branchIds) : undefined, _.lte(last), first))
    .project({ stretches: 1 })
    .unwind('$stretches')
    .match({ ...(branchIds ? { 'stretches.branchId': _.in(branchIds) } : {}), 'stretches.from': _.lte(last), 'stretches.to': _.eq(null).or(_.gt(first)) })
    .group({ _id: '$stretches.branchId', ...Object.fromEntries(days.map((d, i) => [`m${i}`, $.sum(covers(d))])) })
    .limit(MAX_BRANCHES)
    .end() as Promise<{ data: ({ _id: string } & Record<string, number>)[] }>;
  const paid = $.neq(['$paidOn', null]);
  const duesAgg = col('partyDues')
    .aggregate()
    .match({ ...scope, month: _.in(months) })
    .group({
      _id: { branchId: '$branchId', month: '$month' },
      registered: $.sum(1),
      paid: $.sum($.cond([paid, 1, 0])),
      exempt: $.sum($.cond([$.and([$.eq(['$paidOn', null]), $.eq(['$amountFen', 0])]), 1, 0])),
      dueFen: $.sum('$amountFen'),
      paidFen: $.sum($.cond([paid, '$amountFen', 0])),
    })
    .limit(MAX_BRANCHES * months.length)
    .end() as Promise<{ data: { _id: { branchId: string; month: string }; registered: number; paid: number; exempt: number; dueFen: number; paidFen: number }[] }>;
  const [{ data: members }, { data: dues }] = await Promise.all([memberAgg, duesAgg]);
  const out = new Map<string, MonthFigure[]>();
  const ids = new Set([...members.map((m) => m._id), ...dues.map((d) => d._id.branchId)]);
  for (const id of ids) {
    const m = members.find((x) => x._id === id);
    out.set(id, months.map((month, i) => {
      const d = dues.find((x) => x._id.branchId === id && x._id.month === month);
      const n = m?.[`m${i}`] ?? 0;
      return { month, members: n, registered: d?.registered ?? 0, paid: d?.paid ?? 0, exempt: d?.exempt ?? 0, dueFen: d?.dueFen ?? 0, paidFen: d?.paidFen ?? 0, rate: rate((d?.paid ?? 0) + (d?.exempt ?? 0), n) };
    }));
  }
  return out;
}

/**
 * 党费收缴完成情况 per branch, for a month (and the quarter it is in) or for a quarter: paid (and
 * 免缴) member-months over the member-months owed. Admins see every branch, a secretary their own.
 */
export const duesSummary = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ month: monthParam.optional(), quarter: quarterParam.optional(), branchId: idParam.optional() }),
  async handler(p, { caller }) {
    if (p.month && p.quarter) throw new AppError('VALIDATION', '请只选择月份或季度之一。');
    const month = p.quarter ? null : p.month ?? thisMonth();
    const quarter = p.quarter ?? quarterOf(month!);
    const kept = await keptBranches(caller);
    if (p.branchId && kept && !kept.includes(p.branchId)) throw new AppError('FORBIDDEN', '只能查看本支部的党费收缴情况。');
    const scope = p.branchId ? [p.branchId] : kept;
    if (scope && !scope.length) return { month, quarter, branches: [] };
    const months = quarterMonths(quarter);
    const [figures, { data: branches }] = await Promise.all([
      duesFigures(months, scope),
      (scope ? col('branches').where({ _id: cmd().in(scope) }) : col('branches')).field({ name: true }).limit(MAX_BRANCHES).get(),
    ]);
    const rows = branches.map((b) => {
      const f = figures.get(b._id) ?? months.map((m) => ({ month: m, members: 0, registered: 0, paid: 0, exempt: 0, dueFen: 0, paidFen: 0, rate: null }));
      const owed = f.reduce((s, x) => s + x.members, 0);
      const done = f.reduce((s, x) => s + x.paid + x.exempt, 0);
      return {
        branchId: b._id,
        name: b.name,
        month: month ? f.find((x) => x.month === month)! : null,
        quarter: { quarter, memberMonths: owed, settled: done, paidFen: f.reduce((s, x) => s + x.paidFen, 0), dueFen: f.reduce((s, x) => s + x.dueFen, 0), rate: rate(done, owed) },
        months: f,
      };
    });
    rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { month, quarter, branches: rows };
  },
});
