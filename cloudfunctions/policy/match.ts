import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { matchAll } from './matching';
import { activeWhere, enterpriseIdOf, getEnterprise, matchProfile, policySummary, profileView, SUMMARY_FIELDS } from './shared';

/**
 * 可享政策 (政策找企业): the open policies the caller's enterprise matches from its own profile, with
 * the conditions that hold, the near misses with what is missing ("还差：高新技术企业认定"), and the
 * packages ranked by how many of their policies it matches.
 *
 * Four reads in parallel. Matching runs here, not in the database: conditions like "any of these
 * qualifications" and near-miss reasons are not expressible as one query, and the set of open
 * policies of one park is small (hundreds; one read of up to 1000). A much larger catalogue would
 * first narrow candidates in the query (e.g. `criteria.industries` in [industry] or absent).
 */
export const match = action({
  roles: ['enterprise'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const enterpriseId = enterpriseIdOf(caller);
    const today = parkDay();
    const [enterprise, policies, packages, claims] = await Promise.all([
      getEnterprise(enterpriseId),
      col('policies').where(activeWhere(today)).orderBy('issuedAt', 'desc').limit(1000).field({ ...SUMMARY_FIELDS, criteria: true }).get(),
      col('policyPackages').orderBy('order', 'asc').limit(100).get(),
      col('policyClaims').where({ enterpriseId, releasedAt: null }).limit(1000).get(),
    ]);
    const { matched, near } = matchAll(
      policies.data.map((p) => ({ ...p, criteria: p.criteria ?? {} })),
      matchProfile(enterprise),
      today,
    );
    const proxyOf = new Map(claims.data.filter((c) => c.kind === 'policy').map((c) => [c.refId, c.demandId]));
    const claimedPackage = new Map(claims.data.filter((c) => c.kind === 'package').map((c) => [c.refId, c.demandId]));
    const item = (m: (typeof matched)[number]) => ({
      ...policySummary(m.policy, today),
      met: m.fit.met,
      gaps: m.fit.gaps,
      proxyDemandId: proxyOf.get(m.policy._id) ?? null,
    });
    const matchedIds = new Set(matched.map((m) => m.policy._id));
    const nearIds = new Set(near.map((m) => m.policy._id));
    const pkgs = packages.data
      .map((k) => ({
        id: k._id,
        title: k.title,
        description: k.description,
        audience: k.audience,
        policyCount: k.policyIds.length,
        matchedCount: k.policyIds.filter((id) => matchedIds.has(id)).length,
        nearCount: k.policyIds.filter((id) => nearIds.has(id)).length,
        claimedDemandId: claimedPackage.get(k._id) ?? null,
      }))
      // Most useful first; the center's own order breaks ties (sort is stable).
      .sort((a, b) => b.matchedCount - a.matchedCount);
    return {
      today,
      profile: profileView(enterprise),
      matched: matched.map(item),
      near: near.map(item),
      packages: pkgs,
    };
  },
});
