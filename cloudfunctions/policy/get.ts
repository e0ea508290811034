import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import { describeCriteria, matchPolicy } from './matching';
import { claimTarget, idParam, matchProfile, maybeEnterpriseId, policySummary } from './shared';

/**
 * One policy in full, the packages it belongs to, and — for an enterprise contact — how their
 * enterprise fits it and whether a 代办 request is already open. Four reads, in parallel.
 */
export const get = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const today = parkDay();
    const enterpriseId = maybeEnterpriseId(caller);
    const [policy, packages, enterprise, claim] = await Promise.all([
      col('policies').doc(id).get(),
      col('policyPackages').where({ policyIds: id }).field({ title: true }).get(),
      enterpriseId ? col('enterprises').doc(enterpriseId).get() : null,
      enterpriseId ? col('policyClaims').where({ enterpriseId, target: claimTarget('policy', id) }).get() : null,
    ]);
    const [p] = policy.data;
    if (!p) throw new AppError('NOT_FOUND', '该政策不存在或已下架，请返回列表刷新。');
    const e = enterprise?.data[0];
    return {
      ...policySummary(p, today),
      docNo: p.docNo,
      benefits: p.benefits,
      conditions: p.conditions,
      criteria: p.criteria ?? {},
      criteriaText: describeCriteria(p.criteria ?? {}),
      applyFrom: p.applyFrom,
      sourceUrl: p.sourceUrl,
      packages: packages.data.map((k) => ({ id: k._id, title: k.title })),
      fit: e ? { enterpriseName: e.name, ...matchPolicy(p.criteria ?? {}, matchProfile(e), today) } : null,
      proxyDemandId: claim?.data[0]?.demandId ?? null,
    };
  },
});
