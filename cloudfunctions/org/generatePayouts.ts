import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { BranchDoc, PayoutDoc, RatingDoc } from './docs';
import { quarterParam } from './shared';
import { quarterLabel } from './scoring';

/**
 * 生成发放名单: for each branch finalised in the quarter with a 红星津贴 above zero, a 待审批 row for
 * the branch's secretary AT THIS MOMENT (the 党务工作者 the system can name; an admin adds others
 * from the roster with addPayoutRecipient). Stars and amount are copied from the finalised rating,
 * which itself froze them at finalisation: nothing later recomputes them.
 *
 * Idempotent: people who already have a row for the quarter and branch (in any state — a withdrawn
 * one stays withdrawn) are skipped, and the unique index `uniq_payout` is what guarantees one row
 * per person even when two admins generate at once (the loser is told to refresh). Five round
 * trips: ratings, branches, the quarter's existing rows, one insert of every new row, the audit.
 */
export const generatePayouts = action({
  roles: ['admin'],
  params: z.strictObject({ quarter: quarterParam }),
  async handler({ quarter }, ctx) {
    const _ = cmd();
    // The quarter's finalised ratings with an allowance, each with its branch (for the secretary of
    // the moment), in one aggregation; the rows already there beside it.
    const [{ data: ratings }, { data: existing }] = await Promise.all([
      col('ratings')
        .aggregate()
        .match({ quarter, status: 'final', allowance: _.gt(0) })
        .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' })
        .limit(1000)
        .end() as Promise<{ data: (RatingDoc & { branch: Pick<BranchDoc, 'secretaryOpenid'>[] })[] }>,
      col('allowancePayouts').where({ quarter }).field({ branchId: true, personKey: true }).limit(1000).get(),
    ]);
    if (ratings.length === 0) throw new AppError('NOT_FOUND', `${quarterLabel(quarter)}还没有定级且有红星津贴的党组织，请先完成星级评定。`);
    const secretaryOf = new Map(ratings.map((r) => [r.branchId, r.branch[0]?.secretaryOpenid ?? null]));
    const have = new Set(existing.map((p) => `${p.branchId}|${p.personKey}`));
    const at = new Date();
    const fresh: PayoutDoc[] = [];
    const noSecretary: { branchId: string; branchName: string }[] = [];
    for (const r of ratings) {
      const secretary = secretaryOf.get(r.branchId) ?? null;
      if (!secretary) {
        noSecretary.push({ branchId: r.branchId, branchName: r.branchName });
        continue;
      }
      if (have.has(`${r.branchId}|${secretary}`)) continue;
      fresh.push({
        quarter, branchId: r.branchId, branchName: r.branchName, personKey: secretary, openid: secretary, memberId: null,
        source: 'secretary', addReason: null, stars: r.stars, amount: r.allowance, state: 'pending',
        approvedBy: null, approvedAt: null, approvedOn: null, paidOn: null, paidBy: null, paidAt: null,
        withdrawnBy: null, withdrawnAt: null, withdrawReason: null, createdBy: ctx.caller.openid, createdAt: at, updatedAt: at,
      });
    }
    let ids: string[] = [];
    if (fresh.length) {
      try {
        ids = (await col('allowancePayouts').add(fresh)).ids;
      } catch (err) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', '发放名单正在由他人生成，请刷新后查看。');
        throw err;
      }
      // `openids`: the field an erasure looks for in the audit (server/core/audit.ts pseudonymiseAudit).
      await audit(ctx, { fn: 'org', action: 'generatePayouts', target: `allowancePayouts/${quarter}`, before: null, after: { created: ids, openids: fresh.map((f) => f.openid) } });
    }
    return { quarter, created: ids.length, existing: existing.length, noSecretary };
  },
});
