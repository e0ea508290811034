import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { mapLimit } from '../../server/core/limit';
import { membersOf, requireKeeper } from './months';
import { amountParam, duesId, idParam, monthLabel, monthParam, refuseFarMonth } from './duesShared';
import { upsertAmount } from './duesWrite';

/** Rows per call: a branch's month on one screen (the largest park branch has far fewer members). */
export const BULK_ROWS = 200;

/**
 * 批量登记应缴金额 for one branch and month (the 登记本's column filled in at once). Every member
 * must have belonged to the branch that month; one read of the month's existing rows, then one
 * update per existing row (10 at a time) and one insert per new row — never a read-then-write
 * per row. Each row is in or not on its own (no transaction across 200 rows): a retry of the same
 * call updates in place and never duplicates.
 */
export const setDuesForMonth = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    branchId: idParam,
    month: monthParam,
    rows: z.array(z.strictObject({ memberId: idParam, amountFen: amountParam })).min(1, '请至少填写一名党员的金额').max(BULK_ROWS, `一次最多登记 ${BULK_ROWS} 人`),
  }),
  async handler({ branchId, month, rows }, ctx) {
    refuseFarMonth(month);
    await requireKeeper(ctx.caller, branchId);
    const ids = rows.map((r) => r.memberId);
    if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', '同一名党员在名单中出现了两次，请检查。');
    const belonged = new Set(await membersOf(branchId, month));
    const strangers = ids.filter((id) => !belonged.has(id));
    if (strangers.length) throw new AppError('VALIDATION', `有 ${strangers.length} 人${monthLabel(month)}不属于本支部，不能在本支部登记当月党费。`);
    const { data: existing } = await col('partyDues')
      .where({ _id: cmd().in(ids.map((id) => duesId(id, month))) })
      .limit(BULK_ROWS)
      .get();
    const known = new Map(existing.map((d) => [d._id, d]));
    const by = ctx.caller.openid;
    const results = await mapLimit(rows, 10, (r) =>
      upsertAmount({ memberId: r.memberId, month, branchId, amountFen: r.amountFen, by }, known.get(duesId(r.memberId, month)) ?? null),
    );
    const changed = results.filter((r) => !r.before || r.before.amountFen !== r.after.amountFen);
    await audit(ctx, {
      fn: 'party', action: 'setDuesForMonth', target: `branches/${branchId}/dues/${month}`,
      before: changed.map((r) => ({ memberId: r.after.memberId, amountFen: r.before?.amountFen ?? null })),
      after: changed.map((r) => ({ memberId: r.after.memberId, amountFen: r.after.amountFen })),
    });
    return { branchId, month, saved: results.length, created: results.filter((r) => !r.before).length, changed: changed.length };
  },
});
