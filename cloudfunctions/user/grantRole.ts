import * as z from 'zod';
import { action, type Ctx } from '../../server/core/router';
import { cmd, col, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { enrol } from '../party/public';
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

/**
 * A branch has one secretary; a secretary may lead several branches (seed 000: upper-level staff
 * 兼任 park organisations' secretaries), and their scope is exactly the branches whose
 * `secretaryOpenid` names them (org/shared.ts → ledBranchIds) — never `users.branchId`, which is
 * the person's own membership and stays as it is (G-13: granting the role used to move it).
 * Making someone secretary replaces the branch's previous one, who loses the role (unless some
 * other branch still names them) and hands over the branch's study groups they own. Room bookings
 * and meeting kiosks need no hand-over: they are decided from `branches.secretaryOpenid` at each call.
 * The branch-level change (A → B) is audited on the branch itself, besides the grantee's user row.
 * Every write is idempotent, in an order where repeating an interrupted grant finishes it; the
 * switch itself is conditional on the secretary read, so two admins naming two people at once
 * cannot both win unnoticed.
 */
async function replaceSecretary(ctx: Ctx, branchId: string, openid: string) {
  const _ = cmd();
  const [branch] = (await col('branches').doc(branchId).get()).data;
  if (!branch) throw new AppError('NOT_FOUND', '支部不存在，请刷新后重新选择。');
  const was = branch.secretaryOpenid ?? null;
  const previous = was && was !== openid ? was : null;
  let handedOver = {};
  // The previous secretary's side first: were the branch switched first, a repeat of an
  // interrupted grant would no longer know whom it replaced.
  if (previous) {
    const [moved, leadsOther] = await Promise.all([
      col('studyGroups').where({ branchId, ownerOpenid: previous }).update({ ownerOpenid: openid, updatedAt: new Date() }),
      col('branches').where({ secretaryOpenid: previous, _id: _.neq(branchId) }).count(),
    ]);
    if (leadsOther.total === 0) await col('users').doc(previous).update({ roles: _.pull('secretary'), updatedAt: new Date() });
    handedOver = { replacedSecretary: previous, groupsHandedOver: moved.updated };
  }
  if (was !== openid) {
    // Conditional on the holder just read: a concurrent grant of this branch makes this one fail loudly.
    const { updated } = await col('branches').where({ _id: branchId, secretaryOpenid: was }).update({ secretaryOpenid: openid });
    if (!updated) throw new AppError('CONFLICT', '该支部的书记刚刚被其他管理员更换，请刷新后重试。');
    await audit(ctx, { fn: 'user', action: 'setBranchSecretary', target: `branches/${branchId}`, before: { secretaryOpenid: was }, after: { secretaryOpenid: openid, ...handedOver } });
  }
  return handedOver;
}

/**
 * Membership granted by an admin is an approval by another path: the person goes onto the 党员花名册
 * exactly as user.approveMember puts them (party/enrol.ts, a bound row counted from this month,
 * 入党日期 left for the secretary to complete), in one transaction with the user record, so no
 * member is left off the roster every branch figure divides by. Someone already on the roster
 * under this openid keeps their row: granting their own branch again changes nothing, another
 * branch is refused (that is a 组织关系转接, which keeps the months each branch counted them).
 */
async function grantMembership(openid: string, branchId: string, before: Awaited<ReturnType<typeof getUser>>, change: Record<string, unknown>) {
  const at = new Date();
  try {
    await transaction(async (tx) => {
      await enrol(tx, { openid, branchId, name: before.profile?.name || '未填写姓名', enterpriseId: before.enterpriseId ?? null }, at);
      await tx.collection('users').doc(openid).update(change);
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const [row] = (await col('partyMembers').where({ bindKey: openid }).limit(1).get()).data;
    if (!row || row.state !== 'active' || row.branchId !== branchId) {
      throw new AppError('CONFLICT', '此人在党员花名册中已有记录，但不在该支部（或已转出园区）：更换支部请办理组织关系转接。');
    }
    await col('users').doc(openid).update(change);
  }
}

export const grantRole = action({
  roles: ['admin'],
  params: grant,
  async handler(p, ctx: Ctx) {
    // Nobody grants themselves anything: a second admin makes every grant a four-eyes act.
    if (p.openid === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能给自己授予身份，请由其他管理员操作。');
    const before = await getUser(p.openid);
    const _ = cmd();
    const change: Record<string, unknown> = { roles: _.addToSet(p.role), updatedAt: new Date() };
    if (p.role === 'member') {
      await mustExist('branches', p.branchId, '支部');
      change.branchId = p.branchId;
      change.memberStatus = 'approved';
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
    const handedOver = p.role === 'secretary' ? await replaceSecretary(ctx, p.branchId, p.openid) : {};
    if (p.role === 'member') await grantMembership(p.openid, p.branchId, before, change);
    else await col('users').doc(p.openid).update(change);
    const after = await getUser(p.openid);
    await audit(ctx, { fn: 'user', action: 'grantRole', target: `users/${p.openid}`, before: summary(before), after: { ...summary(after), ...handedOver } });
    return summary(after);
  },
});
