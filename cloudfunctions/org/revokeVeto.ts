import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { getBranch, idParam, quarterParam } from './shared';
import { loadRubric } from './ratingData';
import { changeDraft, refuseFutureQuarter, refuseOwnBranch } from './ratingWrite';

/**
 * An admin lifts a 一票否决 recorded by mistake (or overturned), with the reason: the branch's stars
 * and allowance follow its score again. Only while the quarter is not finalised; never by the
 * branch's own secretary or members. The veto stays in the rating's veto log and the audit log.
 */
export const revokeVeto = action({
  roles: ['admin'],
  params: z.strictObject({
    quarter: quarterParam,
    branchId: idParam,
    reason: z.string().trim().min(4, '请写明撤销否决的原因').max(200),
  }),
  async handler({ quarter, branchId, reason }, ctx) {
    refuseFutureQuarter(quarter);
    const [rubric, branch] = await Promise.all([loadRubric(), getBranch(branchId)]);
    refuseOwnBranch(ctx.caller, branch, '撤销本支部的一票否决');
    const byName = ctx.caller.user.profile?.name ?? '';
    const before = await changeDraft(quarter, branch, rubric.version, (doc, at) => {
      const prev = doc.veto ?? null;
      if (!prev) throw new AppError('CONFLICT', '该支部本季度没有一票否决，无需撤销。');
      doc.veto = null;
      doc.vetoLog = [...(doc.vetoLog ?? []), { at, by: ctx.caller.openid, byName, op: 'revoke', ruleLabel: prev.ruleLabel, reason }];
      return prev;
    });
    await audit(ctx, { fn: 'org', action: 'revokeVeto', target: `ratings/${quarter}_${branchId}`, before: { ruleKey: before.ruleKey, ruleLabel: before.ruleLabel, reason: before.reason }, after: { veto: null, reason } });
    return { vetoed: false };
  },
});
