import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import { policyStatus, PROXY_MODES } from './terms';
import { ENTERPRISE_GONE, enterpriseIdOf, idParam } from './shared';
import type { PolicyDoc } from './docs';
import type { EnterpriseDoc } from '../org/public';
import { createProxyDemand, PROXY_CATEGORY } from './proxy';
import { LEVEL_FIELDS, LEVEL_LOOKUP, levelFrom, levelKey, requireConsent, type JoinedLevel } from '../demand/public';

/** 红色代办 of one policy: the enterprise asks the center to handle its application. */
export const requestProxy = action({
  roles: ['enterprise'],
  params: z.strictObject({
    policyId: idParam,
    proxyMode: z.enum(PROXY_MODES).optional(),
    note: z.string().trim().max(300).optional(),
  }),
  async handler({ policyId, proxyMode, note }, ctx) {
    requireConsent(ctx.caller);
    const enterpriseId = enterpriseIdOf(ctx.caller);
    // The policy and the enterprise in one aggregation (issue 19: two reads were two round trips),
    // the enterprise joined on a constant field the pipeline adds, as claimPackage does. Only the
    // enterprise's name is taken: its ledger fields stay in the database. The service level of 代办
    // is joined the same way (no read of its own).
    const { data: rows } = (await col('policies')
      .aggregate()
      .match({ _id: policyId })
      .addFields({ enterpriseKey: enterpriseId, ...levelKey(PROXY_CATEGORY) })
      .lookup({ from: 'enterprises', localField: 'enterpriseKey', foreignField: '_id', as: 'enterprise' })
      .lookup(LEVEL_LOOKUP)
      .project({ title: 1, applyFrom: 1, applyTo: 1, 'enterprise._id': 1, 'enterprise.name': 1, ...LEVEL_FIELDS })
      .limit(1)
      .end()) as { data: (WithId<Pick<PolicyDoc, 'title' | 'applyFrom' | 'applyTo'>> & { enterprise: WithId<Pick<EnterpriseDoc, 'name'>>[]; serviceLevel: JoinedLevel[] })[] };
    const [p] = rows;
    if (!p) throw new AppError('NOT_FOUND', '该政策不存在或已下架，请返回列表刷新。');
    const [enterprise] = p.enterprise;
    if (!enterprise) throw new AppError('NOT_FOUND', ENTERPRISE_GONE);
    const status = policyStatus(p.applyFrom, p.applyTo, parkDay());
    if (status === '已过期') {
      throw new AppError('CLOSED', '该政策申报期已结束，可关注同类政策或向中心咨询。');
    }
    // Refused rather than queued: the center cannot file before the window opens, and a request
    // waiting weeks in the handler's list would look neglected. The page hides the button too.
    if (status === '未开始') {
      throw new AppError('CLOSED', `该政策将于 ${p.applyFrom} 开始受理，请届时再申请代办；如需提前准备材料，可先“咨询这项政策”。`);
    }
    return createProxyDemand(
      ctx,
      { id: enterprise._id, name: enterprise.name },
      { kind: 'policy', id: p._id },
      {
        kind: '代办',
        category: PROXY_CATEGORY,
        title: `代办：${p.title}`.slice(0, 40),
        description: note || `请中心协助办理“${p.title}”的申报。`,
        proxyMode: proxyMode ?? '窗口帮办',
        policies: [{ id: p._id, title: p.title }],
        level: levelFrom(PROXY_CATEGORY, p.serviceLevel),
      },
      `贵企业已申请代办“${p.title}”，可在“我的诉求”中查看办理进度。`,
    );
  },
});
