import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingDoc, RatingItem } from './docs';
import { AVAILABLE_SOURCES } from './evidence';
import { quarterRange } from './scoring';
import { getBranch, idParam, quarterParam } from './shared';
import { loadRubric, ratingId } from './ratingData';

/**
 * The assessor scores an item that evidence cannot fill (a 'manual' item, or one whose data source
 * has not landed yet), with a note saying why. One transaction on the branch's rating of the
 * quarter: refused once it is final; every score is appended to the log (who, when, what, why).
 */
export const scoreItem = action({
  roles: ['admin'],
  params: z.strictObject({
    quarter: quarterParam,
    branchId: idParam,
    itemKey: z.string().max(20),
    points: z.number().min(0).max(100).multipleOf(0.5, '分值以 0.5 分为单位'),
    note: z.string().trim().min(2, '请注明评分依据').max(200),
  }),
  async handler({ quarter, branchId, itemKey, points, note }, ctx) {
    if (quarterRange(quarter).from.getTime() > Date.now()) throw new AppError('VALIDATION', '该季度尚未开始，不能评分。');
    const [rubric, branch] = await Promise.all([loadRubric(), getBranch(branchId)]);
    const item = rubric.items.find((i) => i.key === itemKey);
    if (!item) throw new AppError('NOT_FOUND', '评分细则中没有这一项，请刷新后重试。');
    if (item.source !== 'manual' && AVAILABLE_SOURCES.has(item.source)) throw new AppError('VALIDATION', '该项由系统根据记录自动计分，不能手工评分。');
    if (points > item.points) throw new AppError('VALIDATION', `该项满分 ${item.points} 分，请重新填写。`);
    const id = ratingId(quarter, branchId);
    const at = new Date();
    const byName = ctx.caller.user.profile?.name ?? '';
    await transaction(async (tx) => {
      const cur = (await tx.collection('ratings').doc(id).get()).data;
      if (cur?.status === 'final') throw new AppError('CLOSED', '该支部本季度已定级，不能再修改评分。');
      const scored: RatingItem = { key: item.key, label: item.label, max: item.points, source: item.source, auto: false, value: null, unit: '', detail: item.guide, points, note, scoredBy: ctx.caller.openid, scoredAt: at };
      const items = [...(cur?.items ?? []).filter((i) => i.key !== itemKey), scored];
      const log = [...(cur?.log ?? []), { at, by: ctx.caller.openid, byName, itemKey, points, note }];
      if (cur) {
        await tx.collection('ratings').doc(id).update({ items, log, updatedAt: at });
      } else {
        const doc: RatingDoc = { quarter, branchId, branchName: branch.name, rubricVersion: rubric.version, items, total: 0, stars: 0, allowance: 0, status: 'draft', log, finalizedBy: null, finalizedAt: null, createdAt: at, updatedAt: at };
        await tx.collection('ratings').add({ _id: id, ...doc });
      }
    });
    await audit(ctx, { fn: 'org', action: 'scoreItem', target: `ratings/${id}`, before: null, after: { itemKey, points, note } });
    return { itemKey, points };
  },
});
