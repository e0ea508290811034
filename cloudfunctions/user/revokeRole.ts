import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { adminOpenids } from '../../server/core/config';
import { getUser, openidParam, summary } from './shared';
import { retireExpert } from '../appointment/public';

export const revokeRole = action({
  roles: ['admin'],
  params: z.strictObject({
    openid: openidParam,
    role: z.enum(['admin', 'member', 'secretary', 'expert', 'enterprise', 'instructor']),
  }),
  async handler({ openid, role }, ctx) {
    if (role === 'admin' && openid === ctx.caller.openid) {
      throw new AppError('CONFLICT', '不能撤销自己的管理员身份，请由其他管理员操作。');
    }
    if (role === 'admin' && adminOpenids().includes(openid)) {
      throw new AppError('CONFLICT', '该管理员由部署配置指定，请修改云函数环境变量 REDPARK_ADMIN_OPENIDS。');
    }
    const before = await getUser(openid);
    if (!before.roles.includes(role)) throw new AppError('CONFLICT', '该用户没有这个身份，请刷新后查看。');
    const _ = cmd();
    const change: Record<string, unknown> = { roles: _.pull(role), updatedAt: new Date() };
    if (role === 'member') change.memberStatus = 'none';
    // An expert's profile, future open slots and open bookings go with the role (appointment/retire.ts),
    // before the role itself, so a revoke interrupted half-way can simply be repeated.
    let handedOver: Awaited<ReturnType<typeof retireExpert>> | null = null;
    if (role === 'expert') {
      change.expertTeamId = null;
      handedOver = await retireExpert(openid, ctx.caller);
    }
    if (role === 'enterprise') {
      change.enterpriseId = null;
      if (before.enterpriseId) await col('enterprises').doc(before.enterpriseId).update({ contactOpenids: _.pull(openid) });
    }
    if (role === 'secretary') await col('branches').where({ secretaryOpenid: openid }).update({ secretaryOpenid: null });
    // An instructor who steps down leaves their enterprises without one (the ledger flags them).
    if (role === 'instructor') await col('enterprises').where({ 'instructor.openid': openid }).update({ instructor: null });
    await col('users').doc(openid).update(change);
    const after = await getUser(openid);
    await audit(ctx, { fn: 'user', action: 'revokeRole', target: `users/${openid}`, before: summary(before), after: handedOver ? { ...summary(after), ...handedOver } : summary(after) });
    return handedOver ? { ...summary(after), ...handedOver } : summary(after);
  },
});
