import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkMonth } from './calendar';
import { idParam } from './shared';
import { keptGroup } from './groupAdmin';

/**
 * An admin closes (archives) a study group (G-13): it leaves every list (study.home), takes no new
 * member (joinByCode / joinByShare) and no new topic (setTopic), and counts in the completion
 * figures up to the month it was closed in only (groupCompletion, branchFinished) — nothing is
 * deleted, so the months it ran keep their topics, records and figures. Not a secretary's act: a
 * branch's own group is part of what its rating counts, so removing it is the Party office's call.
 * Conditional on still being open: two closes record one.
 * Round trips: the caller, one aggregation, the update, the audit — 4.
 */
export const closeGroup = action({
  roles: ['admin'],
  params: z.strictObject({ groupId: idParam }),
  async handler({ groupId }, ctx) {
    const { group } = await keptGroup(ctx.caller, groupId);
    if (group.closedAt) throw new AppError('CONFLICT', '该学习小组已关闭。');
    const at = new Date();
    const closedMonth = parkMonth(at);
    const { updated } = await col('studyGroups')
      .where({ _id: groupId, closedAt: cmd().eq(null) })
      .update({ closedAt: at, closedMonth, closedBy: ctx.caller.openid, updatedAt: at });
    if (!updated) throw new AppError('CONFLICT', '该学习小组已关闭。');
    await audit(ctx, { fn: 'study', action: 'closeGroup', target: `studyGroups/${groupId}`, before: { closedAt: null }, after: { closedAt: at, closedMonth } });
    return { id: groupId, closedMonth };
  },
});
