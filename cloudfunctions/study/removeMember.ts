import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam, managedGroup, memberKey, openidParam } from './shared';

/**
 * A manager removes a member (e.g. someone who joined with a forwarded card); their past records stay.
 *
 * Round trips (issue 19; five, six for a branch secretary, before): four — the caller's user record;
 * the group with its branch's secretary in one aggregation (shared.managedGroup: the caller's own
 * membership, which requireManager also read, plays no part here); the removal, whose count decides
 * "already gone"; the audit row.
 */
export const removeMember = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam, openid: openidParam }),
  async handler({ groupId, openid }, ctx) {
    const group = await managedGroup(ctx.caller, groupId);
    if (openid === group.ownerOpenid) throw new AppError('CONFLICT', '不能移除小组负责人；如需更换负责人，请由党务管理员在小组管理中“转交”。');
    const { deleted } = await col('studyMembers').doc(memberKey(groupId, openid)).remove();
    if (!deleted) throw new AppError('NOT_FOUND', '该成员已不在小组中，请刷新列表。');
    await audit(ctx, { fn: 'study', action: 'removeMember', target: `studyMembers/${memberKey(groupId, openid)}`, before: { groupId, openid }, after: null });
    return { removed: true };
  },
});
