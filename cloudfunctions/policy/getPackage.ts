import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import { matchPolicy } from './matching';
import { claimTarget, idParam, matchProfile, maybeEnterpriseId, policySummary, SUMMARY_FIELDS } from './shared';

/** A package with its policies (in the package's order) and, for an enterprise, the fit of each. */
export const getPackage = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const today = parkDay();
    const enterpriseId = maybeEnterpriseId(caller);
    const [pkg, enterprise, claim] = await Promise.all([
      col('policyPackages').doc(id).get(),
      enterpriseId ? col('enterprises').doc(enterpriseId).get() : null,
      enterpriseId ? col('policyClaims').where({ enterpriseId, target: claimTarget('package', id) }).get() : null,
    ]);
    const [k] = pkg.data;
    if (!k) throw new AppError('NOT_FOUND', '该礼包不存在或已下架，请返回列表刷新。');
    // One read for all its policies (never one per policy).
    const { data } = k.policyIds.length
      ? await col('policies').where({ _id: cmd().in(k.policyIds) }).limit(100).field({ ...SUMMARY_FIELDS, criteria: true }).get()
      : { data: [] };
    const byId = new Map(data.map((p) => [p._id, p]));
    const e = enterprise?.data[0];
    const profile = e ? matchProfile(e) : null;
    const policies = k.policyIds
      .map((pid) => byId.get(pid))
      .filter((p): p is NonNullable<typeof p> => !!p)
      .map((p) => ({ ...policySummary(p, today), fit: profile ? matchPolicy(p.criteria ?? {}, profile, today) : null }));
    return {
      id: k._id,
      title: k.title,
      description: k.description,
      audience: k.audience,
      order: k.order,
      policies,
      matchedCount: policies.filter((p) => p.fit?.verdict === 'match').length,
      enterpriseName: e?.name ?? null,
      claimedDemandId: claim?.data[0]?.demandId ?? null,
    };
  },
});
