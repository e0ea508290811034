import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { requirePrivacyConsent } from '../../server/core/consent';

const name = z.string().trim().min(1, '请填写姓名').max(20, '姓名不超过 20 个字');
const phone = z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号');
const organisation = z.string().trim().max(50, '工作单位不超过 50 个字');

/** A person's own profile. Personal data is only taken after privacy consent. */
export const updateProfile = action({
  roles: 'anyone',
  params: z
    .strictObject({ name: name.optional(), phone: phone.optional(), organisation: organisation.optional() })
    .refine((p) => Object.keys(p).length > 0, '请至少修改一项'),
  async handler(params, { caller }) {
    requirePrivacyConsent(caller, '填写个人信息');
    const profile = { ...caller.user.profile, ...params };
    await col('users').doc(caller.openid).update({ profile, updatedAt: new Date() });
    return { profile };
  },
});
