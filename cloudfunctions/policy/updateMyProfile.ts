import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { audit } from '../../server/core/audit';
import { logProfileChange } from '../org/public';
import { INDUSTRIES, QUALIFICATIONS } from './terms';
import { dayParam, enterpriseIdOf, getEnterprise, profileView } from './shared';

/**
 * An enterprise contact keeps its matching fields up to date (nothing else of the enterprise record:
 * the name and contacts stay with the center). Figures and qualifications are self-declared, as on
 * every 政策找企业 platform: the center checks them when it handles an application, and every change
 * is written to the audit log with before and after.
 */
export const updateMyProfile = action({
  roles: ['enterprise'],
  params: z
    .strictObject({
      industry: z.enum(INDUSTRIES).optional(),
      headcount: z.number().int().min(0).max(1_000_000).optional(),
      annualRevenueWan: z.number().min(0).max(100_000_000).nullable().optional(),
      foundedAt: dayParam.optional(),
      settledAt: dayParam.nullable().optional(),
      qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).optional(),
    })
    .refine((p) => Object.keys(p).length > 0, '请至少修改一项'),
  async handler(params, ctx) {
    const id = enterpriseIdOf(ctx.caller);
    const before = profileView(await getEnterprise(id));
    const change = {
      ...params,
      ...(params.qualifications ? { qualifications: [...new Set(params.qualifications)] } : {}),
      profileUpdatedAt: new Date(),
    };
    await col('enterprises').doc(id).update(change);
    const after = profileView(await getEnterprise(id));
    const { missing: _b, ...b } = before;
    const { missing: _a, ...a } = after;
    await audit(ctx, { fn: 'policy', action: 'updateMyProfile', target: `enterprises/${id}`, before: b, after: a });
    // The same profile as the 五清 ledger: its change log shows this edit too.
    await logProfileChange(ctx, id, b, a);
    return after;
  },
});
