import * as z from 'zod';
import { action, type Ctx } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { getUser, idParam, openidParam, summary } from './shared';

/**
 * Roles other than visitor are granted by an admin, each with the scope it needs:
 * a secretary and a member belong to a branch, an expert to a service team, an enterprise
 * contact to an enterprise; an instructor (党建指导员) needs none.
 */
const grant = z.discriminatedUnion('role', [
  z.strictObject({ openid: openidParam, role: z.literal('admin') }),
  z.strictObject({ openid: openidParam, role: z.literal('member'), branchId: idParam }),
  z.strictObject({ openid: openidParam, role: z.literal('secretary'), branchId: idParam }),
  z.strictObject({ openid: openidParam, role: z.literal('expert'), teamId: idParam }),
  z.strictObject({ openid: openidParam, role: z.literal('enterprise'), enterpriseId: idParam }),
  // 党建指导员: no scope here; admins assign them to enterprises in the ledger (org.assignInstructor).
  z.strictObject({ openid: openidParam, role: z.literal('instructor') }),
]);

async function mustExist(name: 'branches' | 'teams' | 'enterprises', id: string, label: string) {
  const [doc] = (await col(name).doc(id).get()).data;
  if (!doc) throw new AppError('NOT_FOUND', `${label}不存在，请刷新后重新选择。`);
  return doc;
}

export const grantRole = action({
  roles: ['admin'],
  params: grant,
  async handler(p, ctx: Ctx) {
    const before = await getUser(p.openid);
    const _ = cmd();
    const change: Record<string, unknown> = { roles: _.addToSet(p.role), updatedAt: new Date() };
    if (p.role === 'member' || p.role === 'secretary') {
      await mustExist('branches', p.branchId, '支部');
      change.branchId = p.branchId;
      if (p.role === 'member') change.memberStatus = 'approved';
    } else if (p.role === 'expert') {
      await mustExist('teams', p.teamId, '服务团队');
      change.expertTeamId = p.teamId;
    } else if (p.role === 'enterprise') {
      await mustExist('enterprises', p.enterpriseId, '企业');
      change.enterpriseId = p.enterpriseId;
      // A contact moved to another enterprise leaves the old one's contact list (as revokeRole does):
      // they take nothing of the old enterprise with them (lifecycle finding L-01).
      const previous = before.enterpriseId && before.enterpriseId !== p.enterpriseId ? before.enterpriseId : null;
      await Promise.all([
        col('enterprises').doc(p.enterpriseId).update({ contactOpenids: _.addToSet(p.openid) }),
        ...(previous ? [col('enterprises').doc(previous).update({ contactOpenids: _.pull(p.openid) })] : []),
      ]);
    }
    if (p.role === 'secretary') await col('branches').doc(p.branchId).update({ secretaryOpenid: p.openid });
    await col('users').doc(p.openid).update(change);
    const after = await getUser(p.openid);
    await audit(ctx, { fn: 'user', action: 'grantRole', target: `users/${p.openid}`, before: summary(before), after: summary(after) });
    return summary(after);
  },
});
