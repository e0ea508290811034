import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingVeto } from './docs';
import { idParam, quarterParam } from './shared';
import { vetoRulesOf } from './scoring';
import { refuseFutureQuarter, refuseOwnBranch, writeDraft } from './ratingWrite';

/**
 * 一票否决 (seed 001, finding F-13): an admin records that a rule of the rubric's veto list applies
 * to a branch for a quarter, with the reason. The branch then gets no star and no 红星津贴 whatever
 * its score, and its sheet says why. Only while the quarter is not finalised; never by the branch's
 * own secretary or members (refuseOwnBranch). A second veto replaces the first (both are logged).
 */
export const vetoRating = action({
  roles: ['admin'],
  params: z.strictObject({
    quarter: quarterParam,
    branchId: idParam,
    ruleKey: z.string().trim().min(1).max(20),
    reason: z.string().trim().min(4, '请写明否决依据（事实、文号或通报）').max(200),
  }),
  async handler({ quarter, branchId, ruleKey, reason }, ctx) {
    refuseFutureQuarter(quarter);
    const _ = cmd();
    const byName = ctx.caller.user.profile?.name ?? '';
    const { before, rule } = await writeDraft(quarter, branchId, (c, at) => {
      refuseOwnBranch(ctx.caller, c.branch, '对本支部一票否决');
      const rule = vetoRulesOf(c.rubric).find((r) => r.key === ruleKey);
      if (!rule) throw new AppError('NOT_FOUND', '评分细则中没有这条否决事项，请刷新后重试。');
      const veto: RatingVeto = { ruleKey: rule.key, ruleLabel: rule.label, reason, by: ctx.caller.openid, byName, at };
      const entry = { at, by: ctx.caller.openid, byName, op: 'veto' as const, ruleLabel: rule.label, reason };
      return {
        write: { update: { veto: _.set(veto), vetoLog: _.push([entry]) }, fresh: (d) => ((d.veto = veto), (d.vetoLog = [entry])) },
        result: { before: c.cur?.veto ?? null, rule },
      };
    });
    await audit(ctx, { fn: 'org', action: 'vetoRating', target: `ratings/${quarter}_${branchId}`, before: before ? { ruleKey: before.ruleKey, reason: before.reason } : null, after: { ruleKey: rule.key, ruleLabel: rule.label, reason } });
    return { vetoed: true, ruleLabel: rule.label };
  },
});
