import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { newInviteCode } from '../user/public';
import { idParam, requireManager } from './shared';

/** A manager replaces the invite code (e.g. it was posted somewhere public); the old one stops working at once. */
export const resetInviteCode = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam }),
  async handler({ groupId }, ctx) {
    const { group } = await requireManager(ctx.caller, groupId);
    for (let attempt = 0; attempt < 3; attempt++) {
      const inviteCode = newInviteCode();
      try {
        await col('studyGroups').doc(groupId).update({ inviteCode, updatedAt: new Date() });
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      await audit(ctx, { fn: 'study', action: 'resetInviteCode', target: `studyGroups/${groupId}`, before: { inviteCode: group.inviteCode }, after: { inviteCode } });
      return { inviteCode };
    }
    throw new AppError('CONFLICT', '生成邀请码失败，请重试。');
  },
});
