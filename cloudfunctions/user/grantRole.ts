import * as z from 'zod';
import { action, type Ctx } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { UserDoc } from '../../server/core/schema';
import { memberIds, writeEnrolment, type PartyMemberDoc } from '../party/public';
import { audit, auditAll } from '../../server/core/audit';
import { idParam, openidParam, summary } from './shared';

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

const NOT_SEEN = '该用户尚未使用过小程序，请让其先打开一次。';
const SCOPE: Record<'member' | 'expert' | 'enterprise', { from: 'branches' | 'teams' | 'enterprises'; label: string }> = {
  member: { from: 'branches', label: '支部' },
  expert: { from: 'teams', label: '服务团队' },
  enterprise: { from: 'enterprises', label: '企业' },
};

type Grant = z.output<typeof grant>;
type Grantee = WithId<UserDoc> & { scope?: unknown[]; bound?: WithId<PartyMemberDoc>[] };

/**
 * The grantee as they are, with — in the same aggregation — whether the branch / team / enterprise
 * granted exists and, for membership, the roster row bound to them. ONE read (issue 19: two or
 * three before). Admin and instructor need no scope: a plain read.
 */
async function granteeOf(p: Grant): Promise<{ before: WithId<UserDoc>; bound: WithId<PartyMemberDoc> | null }> {
  if (p.role === 'admin' || p.role === 'instructor' || p.role === 'secretary') {
    const [before] = (await col('users').doc(p.openid).get()).data;
    if (!before) throw new AppError('NOT_FOUND', NOT_SEEN);
    return { before, bound: null };
  }
  const $ = cmd().aggregate;
  const scopeId = p.role === 'member' ? p.branchId : p.role === 'expert' ? p.teamId : p.enterpriseId;
  let q = col('users')
    .aggregate()
    .match({ _id: p.openid })
    .lookup({ from: SCOPE[p.role].from, let: {}, pipeline: $.pipeline().match({ _id: scopeId }).project({ _id: 1 }).limit(1).done(), as: 'scope' });
  if (p.role === 'member') q = q.lookup({ from: 'partyMembers', let: {}, pipeline: $.pipeline().match({ bindKey: p.openid }).limit(1).done(), as: 'bound' });
  const { data } = (await q.limit(1).end()) as { data: Grantee[] };
  if (!data[0]) throw new AppError('NOT_FOUND', NOT_SEEN);
  const { scope, bound, ...before } = data[0];
  if (!scope?.length) throw new AppError('NOT_FOUND', `${SCOPE[p.role].label}不存在，请刷新后重新选择。`);
  return { before: before as WithId<UserDoc>, bound: bound?.[0] ?? null };
}

/**
 * The branch, the grantee and — when the branch has a secretary — every branch that secretary
 * leads: ONE aggregation (issue 19: three reads before, the grantee, the branch and a count).
 */
async function branchForSecretary(branchId: string, openid: string) {
  const $ = cmd().aggregate;
  const { data } = (await col('branches')
    .aggregate()
    .match({ _id: branchId })
    .project({ secretaryOpenid: 1 })
    .lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ _id: openid }).limit(1).done(), as: 'grantee' })
    .lookup({ from: 'branches', localField: 'secretaryOpenid', foreignField: 'secretaryOpenid', as: 'led' })
    .limit(1)
    .end()) as { data: { _id: string; secretaryOpenid?: string | null; grantee: WithId<UserDoc>[]; led: { _id: string }[] }[] };
  const row = data[0];
  if (!row) {
    // Which of the two is missing decides the words (an error path: one more read).
    const [u] = (await col('users').doc(openid).get()).data;
    throw new AppError('NOT_FOUND', u ? '支部不存在，请刷新后重新选择。' : NOT_SEEN);
  }
  if (!row.grantee[0]) throw new AppError('NOT_FOUND', NOT_SEEN);
  const was = row.secretaryOpenid ?? null;
  return { before: row.grantee[0], was, leadsOther: was ? row.led.some((b) => b._id !== branchId) : false };
}

/**
 * A branch has one secretary; a secretary may lead several branches (seed 000: upper-level staff
 * 兼任 park organisations' secretaries), and their scope is exactly the branches whose
 * `secretaryOpenid` names them (org/shared.ts → ledBranchIds) — never `users.branchId`, which is
 * the person's own membership and stays as it is (G-13: granting the role used to move it).
 * Making someone secretary replaces the branch's previous one, who loses the role (unless some
 * other branch still names them) and hands over the branch's study groups they own. Room bookings
 * and meeting kiosks need no hand-over: they are decided from `branches.secretaryOpenid` at each call.
 * The branch-level change (A → B) is audited on the branch itself, besides the grantee's user row
 * (both audit rows in ONE array insert at the end).
 * Every write is idempotent, in an order where repeating an interrupted grant finishes it; the
 * switch itself is conditional on the secretary read, so two admins naming two people at once
 * cannot both win unnoticed.
 */
async function replaceSecretary(branchId: string, openid: string, was: string | null, leadsOther: boolean) {
  const _ = cmd();
  const previous = was && was !== openid ? was : null;
  let handedOver = {};
  // The previous secretary's side first: were the branch switched first, a repeat of an
  // interrupted grant would no longer know whom it replaced.
  if (previous) {
    const [moved] = await Promise.all([
      col('studyGroups').where({ branchId, ownerOpenid: previous }).update({ ownerOpenid: openid, updatedAt: new Date() }),
      ...(leadsOther ? [] : [col('users').doc(previous).update({ roles: _.pull('secretary'), updatedAt: new Date() })]),
    ]);
    handedOver = { replacedSecretary: previous, groupsHandedOver: moved.updated };
  }
  if (was === openid) return { handedOver, branchAudit: null };
  // Conditional on the holder just read: a concurrent grant of this branch makes this one fail loudly.
  const { updated } = await col('branches').where({ _id: branchId, secretaryOpenid: was }).update({ secretaryOpenid: openid });
  if (!updated) throw new AppError('CONFLICT', '该支部的书记刚刚被其他管理员更换，请刷新后重试。');
  return { handedOver, branchAudit: { fn: 'user', action: 'setBranchSecretary', target: `branches/${branchId}`, before: { secretaryOpenid: was }, after: { secretaryOpenid: openid, ...handedOver } } };
}

/**
 * Membership granted by an admin is an approval by another path: the person goes onto the 党员花名册
 * exactly as user.approveMember puts them (party/enrol.ts, a bound row counted from this month,
 * 入党日期 left for the secretary to complete), before the user record says member, so no member
 * is left off the roster every branch figure divides by. Someone already on the roster under this
 * openid keeps their row: granting their own branch again changes nothing, another branch is
 * refused (that is a 组织关系转接, which keeps the months each branch counted them).
 *
 * Not a transaction any more (issue 19): the row's id is derived from the person's user record
 * (memberIds.forGrant), the row (its first stretch on it) is written first, the user record last. A grant
 * killed after the row leaves a bound row and no member yet: granting again finds that row (bound,
 * active, in the branch) and only writes the user record. Two admins granting two branches at
 * once write the same row id: the second finds it in the other branch and is refused.
 */
async function grantMembership(openid: string, branchId: string, before: WithId<UserDoc>, bound: WithId<PartyMemberDoc> | null) {
  if (bound) {
    if (bound.state !== 'active' || bound.branchId !== branchId) {
      throw new AppError('CONFLICT', '此人在党员花名册中已有记录，但不在该支部（或已转出园区）：更换支部请办理组织关系转接。');
    }
    return;
  }
  try {
    await writeEnrolment({ openid, branchId, name: before.profile?.name || '未填写姓名', enterpriseId: before.enterpriseId ?? null }, memberIds.forGrant(openid, new Date(before.createdAt).getTime()));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT') && !isDuplicateKey(err)) throw err;
    throw new AppError('CONFLICT', '此人在党员花名册中已有记录，但不在该支部（或已转出园区）：更换支部请办理组织关系转接。');
  }
}

/**
 * Round trips (issue 19; before: admin, instructor 5, expert 6, enterprise 7–8, member 10,
 * secretary 8–11): the caller, ONE read (the grantee with what the grant needs), the writes of the
 * role, the user record (`updateAndReturn`: it answers the record after, no read again), the
 * audit row(s) in one insert —
 *   admin, instructor, expert: 4; enterprise 5 (6 moving a contact from another enterprise, whose
 *   list they leave: two enterprise documents, two writes);
 *   member: 4 already on the branch's roster, 5 with a new roster row (see grantMembership);
 *   secretary: 5 for a branch without one, 7 replacing a predecessor (their study groups handed
 *   over and their role taken back — two more documents — beside the branch switch, the grantee
 *   and the audit rows). Not 5: every one of those writes is a different document of a different
 *   or differently-changed collection, and the switch must stay conditional on the holder read.
 */
export const grantRole = action({
  roles: ['admin'],
  params: grant,
  async handler(p, ctx: Ctx) {
    // Nobody grants themselves anything: a second admin makes every grant a four-eyes act.
    if (p.openid === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能给自己授予身份，请由其他管理员操作。');
    const _ = cmd();
    const sec = p.role === 'secretary' ? await branchForSecretary(p.branchId, p.openid) : null;
    const { before, bound } = sec ? { before: sec.before, bound: null } : await granteeOf(p);
    const change: Record<string, unknown> = { roles: _.addToSet(p.role), updatedAt: new Date() };
    if (p.role === 'member') {
      change.branchId = p.branchId;
      change.memberStatus = 'approved';
    } else if (p.role === 'expert') {
      change.expertTeamId = p.teamId;
    } else if (p.role === 'enterprise') {
      change.enterpriseId = p.enterpriseId;
      // A contact moved to another enterprise leaves the old one's contact list (as revokeRole does):
      // they take nothing of the old enterprise with them (lifecycle finding L-01).
      const previous = before.enterpriseId && before.enterpriseId !== p.enterpriseId ? before.enterpriseId : null;
      await Promise.all([
        col('enterprises').doc(p.enterpriseId).update({ contactOpenids: _.addToSet(p.openid) }),
        ...(previous ? [col('enterprises').doc(previous).update({ contactOpenids: _.pull(p.openid) })] : []),
      ]);
    }
    const { handedOver, branchAudit } = sec && p.role === 'secretary' ? await replaceSecretary(p.branchId, p.openid, sec.was, sec.leadsOther) : { handedOver: {}, branchAudit: null };
    if (p.role === 'member') await grantMembership(p.openid, p.branchId, before, bound);
    const { doc: after } = await col('users').where({ _id: p.openid }).updateAndReturn(change);
    if (!after) throw new AppError('NOT_FOUND', NOT_SEEN);
    const own = { fn: 'user', action: 'grantRole', target: `users/${p.openid}`, before: summary(before), after: { ...summary(after), ...handedOver } };
    // Written after the changes they record (server/core/audit.ts), both rows in one request.
    if (branchAudit) await auditAll(ctx, [branchAudit, own]);
    else await audit(ctx, own);
    return summary(after);
  },
});
