import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { enterpriseIdOf, getEnterprise } from '../policy/public';
import { CONTACT_WAYS, DEMAND_CATEGORIES } from './terms';
import { newDemand, requireConsent } from './create';
import { idParam, tellAdmins } from './shared';
import { levelFor } from './serviceLevels';

/**
 * An enterprise contact files a demand (诉求); it waits for the center to assign a handler, and its
 * service-level clock starts now, assigned or not. Every admin is told at once.
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
    const [enterprise, policy, level] = await Promise.all([
      getEnterprise(enterpriseId),
      p.policyId ? col('policies').doc(p.policyId).get() : null,
      levelFor(p.category),
    ]);
    const attached = policy?.data[0];
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
