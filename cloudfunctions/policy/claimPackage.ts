import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import type { PolicyDoc } from './docs';
import { matchPolicy, type MatchProfile } from './matching';
import { policyStatus, PROXY_MODES } from './terms';
import { enterpriseIdOf, getEnterprise, idParam, matchProfile } from './shared';
import { createProxyDemand } from './proxy';
import { requireConsent } from '../demand/public';

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
    const [pkg, enterprise] = await Promise.all([col('policyPackages').doc(packageId).get(), getEnterprise(enterpriseId)]);
    const [k] = pkg.data;
    if (!k) throw new AppError('NOT_FOUND', '该礼包不存在或已下架，请返回列表刷新。');
    const { data } = k.policyIds.length
      ? await col('policies').where({ _id: cmd().in(k.policyIds) }).limit(100).field({ title: true, applyFrom: true, applyTo: true, criteria: true }).get()
      : { data: [] };
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
        category: '审批代办',
        title: `领取${k.title}`.slice(0, 40),
        description:
          note ||
          `申请领取“${k.title}”，请中心协助办理礼包内 ${policies.length} 项政策的申报。` +
            (flagged ? `其中 ${flagged} 项按企业信息暂不符合条件或尚未开始受理，请与企业核实。` : ''),
        proxyMode: proxyMode ?? '窗口帮办',
        policies,
        package: { id: k._id, title: k.title },
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
