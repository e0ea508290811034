import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam, quarterParam } from './shared';
import { refuseFutureQuarter, refuseOwnBranch, writeDraft } from './ratingWrite';

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
    const _ = cmd();
    const byName = ctx.caller.user.profile?.name ?? '';
    const before = await writeDraft(quarter, branchId, (c, at) => {
      refuseOwnBranch(ctx.caller, c.branch, '撤销本支部的一票否决');
      const prev = c.cur?.veto;
      if (!prev) throw new AppError('CONFLICT', '该支部本季度没有一票否决，无需撤销。');
      const entry = { at, by: ctx.caller.openid, byName, op: 'revoke' as const, ruleLabel: prev.ruleLabel, reason };
      // Conditional on the very veto read (its time), so the one audited is the one lifted.
      return { write: { where: { 'veto.at': prev.at }, update: { veto: null, vetoLog: _.push([entry]) }, fresh: () => undefined }, result: prev };
    });
    await audit(ctx, { fn: 'org', action: 'revokeVeto', target: `ratings/${quarter}_${branchId}`, before: { ruleKey: before.ruleKey, ruleLabel: before.ruleLabel, reason: before.reason }, after: { veto: null, reason } });
    return { vetoed: false };
  },
});
