import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { adminOpenids } from '../../server/core/config';
import { idParam, openidParam } from './shared';
import { CLOSED_GROUP, isClosed, keptGroup } from './groupAdmin';

/**
 * An admin hands a study group to another 负责人 (G-13; removeMember sent people to the admin for
 * this and the admin had no tool). Who may receive it is who would actually run it — isManager
 * (shared.ts) decides authority from current roles, not from `ownerOpenid`:
 *   - a branch group: the branch's current secretary (anyone else named owner would hold nothing,
 *     and the group's real manager would be somebody else), or an admin;
 *   - a topic group: any current secretary (the owner runs it while they are one), or an admin.
 * The write is conditional on the owner read, so two admins handing over at once cannot both win.
 * Round trips: the caller, one aggregation (group, branch, new owner), the update, the audit — 4.
 */
export const transferGroup = action({
  roles: ['admin'],
  params: z.strictObject({ groupId: idParam, toOpenid: openidParam }),
  async handler({ groupId, toOpenid }, ctx) {
    const { group, branchSecretary, user } = await keptGroup(ctx.caller, groupId, toOpenid);
    if (isClosed(group)) throw new AppError('CLOSED', CLOSED_GROUP);
    if (!user) throw new AppError('NOT_FOUND', '接收人尚未使用过小程序，请让其先打开一次。');
    if (group.ownerOpenid === toOpenid) throw new AppError('CONFLICT', '此人已是该小组的负责人。');
    const admin = user.roles.includes('admin') || adminOpenids().includes(toOpenid);
    if (!admin) {
      if (group.branchId && branchSecretary !== toOpenid) {
        throw new AppError('VALIDATION', '支部学习小组只能转交给该支部的现任书记或党务管理员；如需更换书记，请先在用户管理中授予其“支部书记”身份。');
      }
      if (!group.branchId && !user.roles.includes('secretary')) {
        throw new AppError('VALIDATION', '主题学习小组只能转交给支部书记或党务管理员，请先在用户管理中授予其相应身份。');
      }
    }
    const { updated } = await col('studyGroups').where({ _id: groupId, ownerOpenid: group.ownerOpenid }).update({ ownerOpenid: toOpenid, updatedAt: new Date() });
    if (!updated) throw new AppError('CONFLICT', '该小组的负责人刚刚被更改，请刷新后重试。');
    await audit(ctx, { fn: 'study', action: 'transferGroup', target: `studyGroups/${groupId}`, before: { ownerOpenid: group.ownerOpenid }, after: { ownerOpenid: toOpenid } });
    return { id: groupId, ownerOpenid: toOpenid, ownerName: user.profile?.name ?? '' };
  },
});
