import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { PROXY_MODES } from './terms';
import { enterpriseIdOf, getEnterprise, idParam } from './shared';
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
      ? await col('policies').where({ _id: cmd().in(k.policyIds) }).limit(100).field({ title: true }).get()
      : { data: [] };
    const titleOf = new Map(data.map((p) => [p._id, p.title]));
    const policies = k.policyIds.filter((id) => titleOf.has(id)).map((id) => ({ id, title: titleOf.get(id)! }));
    const result = await createProxyDemand(
      ctx,
      { id: enterprise._id, name: enterprise.name },
      { kind: 'package', id: k._id },
      {
        kind: '代办',
        category: '审批代办',
        title: `领取${k.title}`.slice(0, 40),
        description: note || `申请领取“${k.title}”，请中心协助办理礼包内 ${policies.length} 项政策的申报。`,
        proxyMode: proxyMode ?? '窗口帮办',
        policies,
        package: { id: k._id, title: k.title },
      },
      `贵企业已领取“${k.title}”，可在“我的诉求”中查看办理进度。`,
    );
    return { ...result, packageId: k._id, policyCount: policies.length };
  },
});
