import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { maybeEnterpriseId } from './shared';

/** Every 惠企礼包 in the center's order; an enterprise also sees which ones it has claimed (open claims only). */
export const listPackages = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const enterpriseId = maybeEnterpriseId(caller);
    const [packages, claims] = await Promise.all([
      col('policyPackages').orderBy('order', 'asc').limit(100).get(),
      enterpriseId ? col('policyClaims').where({ enterpriseId, kind: 'package', releasedAt: null }).limit(100).get() : null,
    ]);
    const claimed = new Map((claims?.data ?? []).map((c) => [c.refId, c.demandId]));
    return packages.data.map((k) => ({
      id: k._id,
      title: k.title,
      description: k.description,
      audience: k.audience,
      policyCount: k.policyIds.length,
      claimedDemandId: claimed.get(k._id) ?? null,
    }));
  },
});
