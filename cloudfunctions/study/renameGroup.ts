import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './shared';
import { groupNameParam, requireKeeper } from './groupAdmin';

/**
 * A group's manager (an admin, its branch's current secretary, a topic group's secretary owner)
 * renames it (G-13). Names stay unique by the database (`uniq_name` in cloudbaserc.json): a taken
 * name fails the update itself, no read-then-write. Conditional on the name read, so a rename
 * racing another answers CONFLICT instead of silently overwriting it.
 * Round trips: the caller, one aggregation, the update, the audit — 4.
 */
export const renameGroup = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam, name: groupNameParam }),
  async handler({ groupId, name }, ctx) {
    const { group } = await requireKeeper(ctx.caller, groupId);
    if (group.name === name) return { id: groupId, name };
    let updated: number;
    try {
      ({ updated } = await col('studyGroups').where({ _id: groupId, name: group.name }).update({ name, updatedAt: new Date() }));
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '已有同名的学习小组，请换一个名称。');
      throw err;
    }
    if (!updated) throw new AppError('CONFLICT', '小组名称刚刚被其他人修改，请刷新后重试。');
    await audit(ctx, { fn: 'study', action: 'renameGroup', target: `studyGroups/${groupId}`, before: { name: group.name }, after: { name } });
    return { id: groupId, name };
  },
});
