import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { newInviteCode } from '../user/public';
import type { StudyGroupDoc } from './docs';
import { groupSummary, idParam, memberKey } from './shared';

/**
 * Admins and secretaries create study groups: a branch's own group (a secretary only for the
 * branch they lead) or a topic group open to members of any branch. The creator runs it and,
 * being a member, is its first member. Names are unique (index), and so are invite codes.
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
    const taken = (await col('studyGroups').where({ name: p.name }).limit(1).get()).data.length > 0;
    if (taken) throw new AppError('CONFLICT', '已有同名的学习小组，请换一个名称。');
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc: StudyGroupDoc = { ...base, inviteCode: newInviteCode() };
      let id: string;
      try {
        // The group and its owner's membership in one transaction (G-22): added one after the
        // other, a failure between them left a group whose owner was not among its members.
        id = await transaction(async (tx) => {
          const { id: groupId } = await tx.collection('studyGroups').add(doc);
          if (caller.is('member')) {
            await tx.collection('studyMembers').add({ _id: memberKey(groupId, caller.openid), groupId, openid: caller.openid, via: 'owner', joinedAt: now });
          }
          return groupId;
        });
      } catch (err) {
        // A code collision (or a same-name group created a moment ago): try another code.
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      await audit(ctx, { fn: 'study', action: 'createGroup', target: `studyGroups/${id}`, before: null, after: { ...doc } });
      return { ...groupSummary({ _id: id, ...doc }), inviteCode: doc.inviteCode };
    }
    throw new AppError('CONFLICT', '创建小组未成功（名称可能刚被占用），请刷新后重试。');
  },
});
