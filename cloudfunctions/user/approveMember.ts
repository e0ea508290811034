import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { getUser, openidParam } from './shared';

/**
 * The applicant's branch secretary (or an admin) approves or rejects. The update is
 * conditional on the application still being pending, so two secretaries tapping at once
 * decide it once; the loser is told it was already handled.
 */
export const approveMember = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ openid: openidParam, approve: z.boolean() }),
  async handler({ openid, approve }, ctx) {
    // Nobody decides their own application (lifecycle L-04): another secretary or an admin must.
    if (openid === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能审批自己的入党申请，请由党务管理员审批。');
    const applicant = await getUser(openid);
    if (applicant.memberStatus !== 'pending' || !applicant.branchId) {
      throw new AppError('CONFLICT', '该申请已处理或已撤回，请刷新列表。');
    }
    if (!ctx.caller.is('admin')) {
      const [branch] = (await col('branches').doc(applicant.branchId).get()).data;
      if (branch?.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只能审批本支部的党员申请。');
    }
    const _ = cmd();
    const change = approve
      ? { memberStatus: 'approved', roles: _.addToSet('member'), updatedAt: new Date() }
      : { memberStatus: 'rejected', updatedAt: new Date() };
    const { updated } = await col('users')
      .where({ _id: openid, memberStatus: 'pending', branchId: applicant.branchId })
      .update(change);
    if (!updated) throw new AppError('CONFLICT', '该申请已被处理，请刷新列表。');
    const after = approve ? 'approved' : 'rejected';
    await audit(ctx, { fn: 'user', action: 'approveMember', target: `users/${openid}`, before: { memberStatus: 'pending' }, after: { memberStatus: after } });
    return { openid, memberStatus: after as 'approved' | 'rejected' };
  },
});
