import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { OrgLifeRulesDoc } from './docs';
import { ruleKindParam } from './orgLifeShared';
import { loadOrgLifeRules } from './orgLifeRules';

const rule = z.strictObject({ kind: ruleKindParam, per: z.enum(['month', 'quarter']), min: z.number().int().min(0).max(10) });

/**
 * Admins edit the rule table (how often each kind of meeting must be held). Versioned like the
 * rubric: `version` must be the one the admin edited, a conditional update, so two admins saving
 * at once cannot silently overwrite each other. Finalised ratings keep the detail they were scored
 * with; drafts follow the new table at once.
 */
export const updateOrgLifeRules = action({
  roles: ['admin'],
  params: z
    .strictObject({ version: z.number().int().min(0).max(1_000_000), rules: z.array(rule).min(1).max(5) })
    .refine((p) => new Set(p.rules.map((r) => r.kind)).size === p.rules.length, '每类会议只能设置一条规则'),
  async handler({ version, rules }, ctx) {
    const before = await loadOrgLifeRules();
    const next: OrgLifeRulesDoc = { version: version + 1, rules, updatedBy: ctx.caller.openid, updatedAt: new Date() };
    const stale = () => new AppError('CONFLICT', '三会一课规则已被其他管理员修改，请刷新后再改。');
    if (version === 0) {
      try {
        await col('orgLifeRules').add({ _id: 'current', ...next });
      } catch (err) {
        if (isDuplicateKey(err)) throw stale();
        throw err;
      }
    } else {
      const { updated } = await col('orgLifeRules').where({ _id: 'current', version }).update({ ...next });
      if (!updated) throw stale();
    }
    await audit(ctx, { fn: 'org', action: 'updateOrgLifeRules', target: 'orgLifeRules/current', before: { version: before.version, rules: before.rules }, after: next });
    return { version: next.version };
  },
});
