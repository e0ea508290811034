import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam, openidParam } from './shared';
import { writeLedger } from './ledgerWrite';

/** An admin assigns a 党建指导员 to an enterprise (or removes the assignment with `openid: null`). */
export const assignInstructor = action({
  roles: ['admin'],
  params: z.strictObject({ enterpriseId: idParam, openid: openidParam.nullable() }),
  async handler({ enterpriseId, openid }, ctx) {
    let instructor: { openid: string; name: string } | null = null;
    if (openid) {
      const [u] = (await col('users').doc(openid).get()).data;
      if (!u || !(u.roles ?? []).includes('instructor')) {
        throw new AppError('VALIDATION', '该用户不是党建指导员，请先在用户管理中授予“党建指导员”身份。');
      }
      instructor = { openid, name: u.profile?.name ?? '' };
    }
    const { changes } = await writeLedger(ctx, enterpriseId, {}, { instructor });
    if (changes.length) {
      await audit(ctx, { fn: 'org', action: 'assignInstructor', target: `enterprises/${enterpriseId}`, before: changes[0].before, after: changes[0].after });
    }
    return { enterpriseId, instructor };
  },
});
