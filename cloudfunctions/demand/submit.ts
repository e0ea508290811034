import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { ENTERPRISE_GONE, enterpriseIdOf } from '../policy/public';
import { CONTACT_WAYS, DEMAND_CATEGORIES } from './terms';
import { newDemand, requireConsent } from './create';
import { idParam, tellAdmins } from './shared';
import { LEVEL_FIELDS, LEVEL_LOOKUP, levelFrom, levelKey, type JoinedLevel } from './serviceLevels';

/**
 * An enterprise contact files a demand (诉求); it waits for the center to assign a handler, and its
 * service-level clock starts now, assigned or not. The admins are told at once (one role row,
 * fanned out to them by the deliverer). Database calls: the caller, one aggregation, the demand's
 * insert and the notice's insert.
 */
export const submit = action({
  roles: ['enterprise'],
  params: z.strictObject({
    category: z.enum(DEMAND_CATEGORIES),
    title: z.string().trim().min(2, '请用一句话概括诉求').max(40),
    description: z.string().trim().min(5, '请把情况说得具体一些（至少 5 个字）').max(1000),
    contactWay: z.enum(CONTACT_WAYS).optional(),
    contactPhone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写手机号或座机号').optional(),
    /** A 政策咨询 about one policy. */
    policyId: idParam.optional(),
  }),
  async handler(p, ctx) {
    requireConsent(ctx.caller);
    const enterpriseId = enterpriseIdOf(ctx.caller);
    // The enterprise, the service level of the category and the policy asked about in ONE
    // aggregation (issue 19: three reads were up to three round trips), both joined on constant
    // fields the pipeline adds, as policy's claimPackage joins the enterprise.
    let q = col('enterprises')
      .aggregate()
      .match({ _id: enterpriseId })
      .addFields({ ...levelKey(p.category), policyKey: p.policyId ?? '' })
      .lookup(LEVEL_LOOKUP);
    if (p.policyId) q = q.lookup({ from: 'policies', localField: 'policyKey', foreignField: '_id', as: 'policy' });
    const { data: rows } = (await q
      .project({ name: 1, ...LEVEL_FIELDS, 'policy._id': 1, 'policy.title': 1 })
      .limit(1)
      .end()) as { data: { _id: string; name: string; serviceLevel: JoinedLevel[]; policy?: { _id: string; title: string }[] }[] };
    const [enterprise] = rows;
    if (!enterprise) throw new AppError('NOT_FOUND', ENTERPRISE_GONE);
    const level = levelFrom(p.category, enterprise.serviceLevel);
    const attached = enterprise.policy?.[0];
    if (p.policyId && !attached) throw new AppError('NOT_FOUND', '所咨询的政策不存在，请返回重新选择。');
    const doc = newDemand(
      {
        kind: '诉求',
        category: p.category,
        title: p.title,
        description: p.description,
        contactWay: p.contactWay,
        contactPhone: p.contactPhone,
        policies: attached ? [{ id: attached._id, title: attached.title }] : [],
        level,
      },
      ctx.caller,
      { id: enterprise._id, name: enterprise.name },
    );
    const { id } = await col('demands').add(doc);
    await tellAdmins({ ...doc, _id: id }, 'new');
    return { id, state: doc.state };
  },
});
