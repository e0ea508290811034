import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { quarterParam } from './shared';
import { previousQuarter, quarterLabel, quarterOf } from './scoring';
import { payoutNames, payoutTotals, payoutView, quarterPayouts, runningPaid } from './payouts';

/**
 * 红星津贴发放台账 of a quarter (default: the last quarter, the one rated after it ended): every row
 * with its state, the quarter's totals (待审批, 已审批 incl. paid, 已发放), the running total paid
 * across every quarter, and the finalised branches with an allowance that have no row yet
 * (no secretary at generation, or not generated) so the page can offer 生成发放名单.
 */
export const listPayouts = action({
  roles: ['admin'],
  params: z.strictObject({ quarter: quarterParam.optional() }),
  async handler(p) {
    const quarter = p.quarter ?? previousQuarter(quarterOf());
    const [rows, running, { data: ratings }] = await Promise.all([
      quarterPayouts(quarter),
      runningPaid(),
      col('ratings').where({ quarter, status: 'final', allowance: cmd().gt(0) }).field({ branchId: true, branchName: true, stars: true, allowance: true }).limit(1000).get(),
    ]);
    const names = await payoutNames(rows);
    const covered = new Set(rows.map((r) => r.branchId));
    return {
      quarter,
      label: quarterLabel(quarter),
      rows: rows.map((r) => payoutView(r, names)),
      totals: payoutTotals(rows),
      runningPaid: running.amount,
      runningPayments: running.payments,
      ratedBranches: ratings.length,
      withoutRows: ratings.filter((r) => !covered.has(r.branchId)).map((r) => ({ branchId: r.branchId, branchName: r.branchName, stars: r.stars, allowance: r.allowance })),
    };
  },
});
