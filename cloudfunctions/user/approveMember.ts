import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { checkEnrolment, enrol, enrolParams } from '../party/public';
import { getUser, openidParam } from './shared';

/**
 * The applicant's branch secretary (or an admin) approves or rejects.
 *
 * Approval puts the applicant on the 党员花名册 in the same transaction that makes them an
 * approved member: either linked to an unbound row of the branch the secretary picks (`memberId`,
 * someone already registered who now binds their WeChat) or on a new row (with `standing`,
 * `joinedOn`… when the secretary knows them; without, the row waits to be completed). The user
 * record is read and written inside the transaction, so two secretaries tapping at once decide it
 * once (the second write conflicts, its retry reads 'approved' and the loser is told it was
 * already handled) and no approval lands without its roster row, nor a row without the approval.
 */
export const approveMember = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ openid: openidParam, approve: z.boolean(), ...enrolParams }),
  async handler({ openid, approve, ...roster }, ctx) {
    // Nobody decides their own application (lifecycle L-04): another secretary or an admin must.
    if (openid === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能审批自己的入党申请，请由党务管理员审批。');
    const applicant = await getUser(openid);
    if (applicant.memberStatus !== 'pending' || !applicant.branchId) {
      throw new AppError('CONFLICT', '该申请已处理或已撤回，请刷新列表。');
    }
    const branchId = applicant.branchId;
    if (!ctx.caller.is('admin')) {
      const [branch] = (await col('branches').doc(branchId).get()).data;
      if (branch?.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只能审批本支部的党员申请。');
    }
    const enrolment = { openid, branchId, name: applicant.profile?.name ?? '', enterpriseId: applicant.enterpriseId ?? null, ...roster };
    if (approve) checkEnrolment(enrolment);
    let memberId: string | null = null;
    try {
      memberId = await transaction(async (tx) => {
        const u = (await tx.collection('users').doc(openid).get()).data;
        if (!u || u.memberStatus !== 'pending' || u.branchId !== branchId) throw new AppError('CONFLICT', '该申请已被处理，请刷新列表。');
        const at = new Date();
        if (!approve) {
          await tx.collection('users').doc(openid).update({ memberStatus: 'rejected', updatedAt: at });
          return null;
        }
        const row = await enrol(tx, enrolment, at);
        await tx.collection('users').doc(openid).update({ memberStatus: 'approved', roles: [...new Set([...(u.roles ?? []), 'member' as const])], updatedAt: at });
        return row.memberId;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '该用户已在花名册中有一条记录，请在花名册中核对后再审批。');
      throw err;
    }
    const after = approve ? 'approved' : 'rejected';
    await audit(ctx, { fn: 'user', action: 'approveMember', target: `users/${openid}`, before: { memberStatus: 'pending' }, after: { memberStatus: after, memberId } });
    return { openid, memberStatus: after as 'approved' | 'rejected', memberId };
  },
});
