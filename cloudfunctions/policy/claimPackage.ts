import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import type { PolicyDoc, PolicyPackageDoc } from './docs';
import type { EnterpriseDoc } from '../org/public';
import { matchPolicy, type MatchProfile } from './matching';
import { policyStatus, PROXY_MODES } from './terms';
import { ENTERPRISE_GONE, enterpriseIdOf, idParam, matchProfile } from './shared';
import { createProxyDemand, PROXY_CATEGORY } from './proxy';
import { LEVEL_FIELDS, LEVEL_LOOKUP, levelFrom, levelKey, requireConsent, type JoinedLevel } from '../demand/public';

/** An enterprise claims a 惠企礼包: the center then handles the package's applications (代办). */
export const claimPackage = action({
  roles: ['enterprise'],
  params: z.strictObject({
    packageId: idParam,
    proxyMode: z.enum(PROXY_MODES).optional(),
    note: z.string().trim().max(300).optional(),
  }),
  async handler({ packageId, proxyMode, note }, ctx) {
    requireConsent(ctx.caller);
    const enterpriseId = enterpriseIdOf(ctx.caller);
    // One aggregation reads the package with its policies and the enterprise (issue 19: three reads
    // were three round trips). The enterprise is joined on a constant field the pipeline adds, and
    // so is the service level of 代办 the demand is filed under (issue 22's table, no read of its own).
    const { data: rows } = (await col('policyPackages')
      .aggregate()
      .match({ _id: packageId })
      .addFields({ enterpriseKey: enterpriseId, ...levelKey(PROXY_CATEGORY) })
      .lookup({ from: 'policies', localField: 'policyIds', foreignField: '_id', as: 'policies' })
      .lookup({ from: 'enterprises', localField: 'enterpriseKey', foreignField: '_id', as: 'enterprise' })
      .lookup(LEVEL_LOOKUP)
      .project({ title: 1, policyIds: 1, 'policies._id': 1, 'policies.title': 1, 'policies.applyFrom': 1, 'policies.applyTo': 1, 'policies.criteria': 1, enterprise: 1, ...LEVEL_FIELDS })
      .limit(1)
      .end()) as { data: (WithId<PolicyPackageDoc> & { policies: WithId<Pick<PolicyDoc, 'title' | 'applyFrom' | 'applyTo' | 'criteria'>>[]; enterprise: WithId<EnterpriseDoc>[]; serviceLevel: JoinedLevel[] })[] };
    const [k] = rows;
    if (!k) throw new AppError('NOT_FOUND', '该礼包不存在或已下架，请返回列表刷新。');
    const [enterprise] = k.enterprise;
    if (!enterprise) throw new AppError('NOT_FOUND', ENTERPRISE_GONE);
    const data = k.policies;
    const byId = new Map(data.map((p) => [p._id, p]));
    const today = parkDay();
    const profile = matchProfile(enterprise);
    // Expired policies are left out (nothing can be filed any more). The others stay, with a note
    // for the handler where the enterprise's own profile says it does not qualify, or the window
    // has not opened: the handler checks with the enterprise instead of filing blind.
    const policies = k.policyIds
      .map((id) => byId.get(id))
      .filter((p): p is NonNullable<typeof p> => !!p && policyStatus(p.applyFrom, p.applyTo, today) !== '已过期')
      .map((p) => ({ id: p._id, title: p.title, ...noteFor(p, profile, today) }));
    const flagged = policies.filter((p) => p.note).length;
    const result = await createProxyDemand(
      ctx,
      { id: enterprise._id, name: enterprise.name },
      { kind: 'package', id: k._id },
      {
        kind: '代办',
        category: PROXY_CATEGORY,
        title: `领取${k.title}`.slice(0, 40),
        description:
          note ||
          `申请领取“${k.title}”，请中心协助办理礼包内 ${policies.length} 项政策的申报。` +
            (flagged ? `其中 ${flagged} 项按企业信息暂不符合条件或尚未开始受理，请与企业核实。` : ''),
        proxyMode: proxyMode ?? '窗口帮办',
        policies,
        package: { id: k._id, title: k.title },
        level: levelFrom(PROXY_CATEGORY, k.serviceLevel),
      },
      `贵企业已领取“${k.title}”，可在“我的诉求”中查看办理进度。`,
    );
    return { ...result, packageId: k._id, policyCount: policies.length };
  },
});

/** The handler's note on one policy of a claimed package, if any (none when it is open and fits). */
function noteFor(p: Pick<PolicyDoc, 'applyFrom' | 'applyTo' | 'criteria'>, profile: MatchProfile, today: string): { note?: string } {
  if (policyStatus(p.applyFrom, p.applyTo, today) === '未开始') return { note: `尚未开始受理（${p.applyFrom} 起）` };
  const fit = matchPolicy(p.criteria ?? {}, profile, today);
  if (fit.verdict !== 'none') return {};
  const why = [...fit.blockers, ...fit.gaps].slice(0, 3).join('；');
  return { note: `按企业信息暂不符合${why ? `：${why}` : '条件'}` };
}
