import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingAdjustment } from './docs';
import { idParam, quarterParam } from './shared';
import { refuseFutureQuarter, refuseOwnBranch, writeDraft } from './ratingWrite';

/**
 * An admin answers an open appeal before the quarter is finalised: rejects it with the reason, or
 * accepts it with the corrected score of the item (for an appeal against the whole sheet, the item
 * the correction is on). The correction is kept apart from the evidence and the assessor's score
 * (`adjustments`): an evidence item still shows what its records gave, with the corrected points and
 * the note beside them; on a hand-scored item the later of the correction and a new score counts.
 * Never by the branch's own secretary or members. Appeals are only ever appended, so the one
 * answered is addressed by its place in the list, and the update is conditional on it being open.
 */
export const answerAppeal = action({
  roles: ['admin'],
  params: z.strictObject({
    quarter: quarterParam,
    branchId: idParam,
    appealId: idParam,
    decision: z.enum(['accept', 'reject']),
    answer: z.string().trim().min(2, '请写明答复意见').max(300),
    /** Accept: the item corrected (defaults to the appealed item) and its corrected points. */
    itemKey: z.string().trim().min(1).max(20).optional(),
    points: z.number().min(0).max(100).multipleOf(0.5, '分值以 0.5 分为单位').optional(),
  }),
  async handler(p, ctx) {
    refuseFutureQuarter(p.quarter);
    const _ = cmd();
    const byName = ctx.caller.user.profile?.name ?? '';
    const result = await writeDraft(p.quarter, p.branchId, (c, at) => {
      refuseOwnBranch(ctx.caller, c.branch, '答复本支部的申诉');
      const n = (c.cur?.appeals ?? []).findIndex((a) => a.id === p.appealId);
      const appeal = c.cur?.appeals?.[n];
      if (!appeal) throw new AppError('NOT_FOUND', '申诉不存在，请刷新后重试。');
      if (appeal.state !== 'open') throw new AppError('CONFLICT', '该申诉已答复。');
      const at_ = `appeals.${n}`;
      const answered = { [`${at_}.answeredBy`]: ctx.caller.openid, [`${at_}.answeredByName`]: byName, [`${at_}.answeredAt`]: at, [`${at_}.answer`]: p.answer, openAppealKeys: _.pull(appeal.itemKey) };
      const where = { [`${at_}.id`]: appeal.id, [`${at_}.state`]: 'open' };
      const none = () => undefined; // an appeal is on a stored rating: never a fresh draft
      if (p.decision === 'reject') {
        return { write: { where, update: { ...answered, [`${at_}.state`]: 'rejected' }, fresh: none }, result: { itemKey: null as string | null, points: null as number | null } };
      }
      const key = p.itemKey ?? (appeal.itemKey === '*' ? undefined : appeal.itemKey);
      if (!key) throw new AppError('VALIDATION', '请选择要更正分数的评分项。');
      const item = c.rubric.items.find((i) => i.key === key);
      if (!item) throw new AppError('NOT_FOUND', '评分细则中没有这一项，请刷新后重试。');
      if (p.points === undefined) throw new AppError('VALIDATION', '受理申诉请填写更正后的分数。');
      if (p.points > item.points) throw new AppError('VALIDATION', `该项满分 ${item.points} 分，请重新填写。`);
      const note = `申诉受理：${p.answer}`;
      const adj: RatingAdjustment = { points: p.points, note, appealId: appeal.id, by: ctx.caller.openid, at };
      return {
        write: {
          where,
          update: {
            ...answered, [`${at_}.state`]: 'accepted', [`${at_}.adjustedItem`]: key, [`${at_}.adjustedPoints`]: p.points,
            [`adjustments.${key}`]: _.set(adj),
            log: _.push([{ at, by: ctx.caller.openid, byName, itemKey: key, points: p.points, note }]),
          },
          fresh: none,
        },
        result: { itemKey: key as string | null, points: p.points as number | null },
      };
    });
    await audit(ctx, { fn: 'org', action: 'answerAppeal', target: `ratings/${p.quarter}_${p.branchId}`, before: { appealId: p.appealId, state: 'open' }, after: { appealId: p.appealId, decision: p.decision, answer: p.answer, ...result } });
    return { appealId: p.appealId, state: p.decision === 'accept' ? ('accepted' as const) : ('rejected' as const), ...result };
  },
});
