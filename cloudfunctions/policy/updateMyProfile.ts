import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { headcountParam, logProfileChange } from '../org/public';
import { INDUSTRIES, QUALIFICATIONS } from './terms';
import { dayParam, ENTERPRISE_GONE, enterpriseIdOf, getEnterprise, profileView } from './shared';

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
      // The ledger's own limit (org enterpriseLimits): the profile and the 五清 ledger are one field.
      headcount: headcountParam.optional(),
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
    // The update answers the document it produced (issue 19: a read after the write was one more
    // round trip; 5 database calls, not 6).
    const { doc } = await col('enterprises').where({ _id: id }).updateAndReturn(change);
    if (!doc) throw new AppError('NOT_FOUND', ENTERPRISE_GONE);
    const after = profileView(doc);
    const { missing: _b, ...b } = before;
    const { missing: _a, ...a } = after;
    await audit(ctx, { fn: 'policy', action: 'updateMyProfile', target: `enterprises/${id}`, before: b, after: a });
    // The same profile as the 五清 ledger: its change log shows this edit too.
    await logProfileChange(ctx, id, b, a);
    return after;
  },
});
