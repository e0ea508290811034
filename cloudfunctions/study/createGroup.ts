import * as z from 'zod';
import { action } from '../../server/core/router';
import { randomBytes } from 'crypto';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { newInviteCode } from '../user/public';
import type { StudyGroupDoc } from './docs';
import { groupSummary, idParam, memberKey } from './shared';

/**
 * Admins and secretaries create study groups: a branch's own group (a secretary only for the
 * branch they lead) or a topic group open to members of any branch. The creator runs it and,
 * being a member, is its first member. Names are unique (index), and so are invite codes.
 *
 * Never a group without its owner's membership (G-22), by a saga rather than a transaction
 * (issue 19: seven or eight round trips before, a transaction costing start + commit): the group's
 * id is drawn here, the owner's membership `<id>:<openid>` is written first, then the group — the
 * group insert is what decides (unique name, unique invite code). A call that dies between the two
 * leaves a membership of a group that never came to be: harmless and invisible (the group lists
 * start from the groups, study/home.ts; the id is random and never drawn again), and a refused
 * group insert removes it on the way out. A retry simply creates the group under a new id.
 *
 * Round trips: the caller's user record; the branch (a branch group only); the membership (a
 * caller who is a Party member); the group; the audit row — five at most (four for a topic
 * group). A taken name costs one read more and the membership's removal, on the refusal only.
 */
export const createGroup = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({
    name: z.string().trim().min(2, '小组名称至少 2 个字').max(30),
    kind: z.enum(['branch', 'topic']),
    branchId: idParam.optional(),
    description: z.string().trim().max(200).default(''),
  }),
  async handler(p, ctx) {
    const { caller } = ctx;
    let branchId: string | null = null;
    if (p.kind === 'branch') {
      if (!p.branchId) throw new AppError('VALIDATION', '支部学习小组请选择所属支部。');
      const [branch] = (await col('branches').doc(p.branchId).get()).data;
      if (!branch) throw new AppError('NOT_FOUND', '支部不存在，请刷新后重新选择。');
      if (!caller.is('admin') && branch.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能为您担任书记的支部创建学习小组。');
      branchId = branch._id;
    }
    const now = new Date();
    const base: Omit<StudyGroupDoc, 'inviteCode'> = {
      name: p.name,
      kind: p.kind,
      branchId,
      description: p.description,
      ownerOpenid: caller.openid,
      chatCount: 0,
      createdBy: caller.openid,
      createdAt: now,
      updatedAt: now,
    };
    // The group's id is drawn here so that the owner's membership can be written FIRST (saga, see
    // the header): a group never exists without it.
    const id = randomBytes(16).toString('hex');
    const owner = caller.is('member');
    if (owner) await col('studyMembers').add({ _id: memberKey(id, caller.openid), groupId: id, openid: caller.openid, via: 'owner', joinedAt: now });
    // The name is decided by the unique index `uniq_name` (no read before: it could not be trusted
    // anyway); a duplicate key is either the name (→ CONFLICT) or the invite code (→ another code).
    // Best effort: the membership of a group that will not exist is invisible anyway (see header).
    const dropMembership = async () => {
      if (owner) await col('studyMembers').doc(memberKey(id, caller.openid)).remove().catch((err) => console.error(`study group ${id}: orphan membership not removed`, err));
    };
    const abandon = async (message: string) => {
      await dropMembership();
      throw new AppError('CONFLICT', message);
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc: StudyGroupDoc = { ...base, inviteCode: newInviteCode() };
      try {
        await col('studyGroups').add({ _id: id, ...doc });
      } catch (err) {
        if (!isDuplicateKey(err)) {
          await dropMembership();
          throw err;
        }
        const taken = (await col('studyGroups').where({ name: p.name }).limit(1).get()).data.length > 0;
        if (taken) return abandon('已有同名的学习小组，请换一个名称。');
        continue;
      }
      await audit(ctx, { fn: 'study', action: 'createGroup', target: `studyGroups/${id}`, before: null, after: { ...doc } });
      return { ...groupSummary({ _id: id, ...doc }), inviteCode: doc.inviteCode };
    }
    return abandon('创建小组未成功（名称可能刚被占用），请刷新后重试。');
  },
});
