import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingItem } from './docs';
import { AVAILABLE_SOURCES } from './evidence';
import { getBranch, idParam, quarterParam } from './shared';
import { loadRubric } from './ratingData';
import { changeDraft, refuseFutureQuarter, refuseOwnBranch } from './ratingWrite';

/**
 * An admin answers an open appeal before the quarter is finalised: rejects it with the reason, or
 * accepts it with the corrected score of the item (for an appeal against the whole sheet, the item
 * the correction is on). A hand-scored item takes the score as the assessor's; an evidence item
 * keeps its evidence and records shown, with the corrected points and the note beside them. One
 * transaction on the rating document; never by the branch's own secretary or members.
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
    const [rubric, branch] = await Promise.all([loadRubric(), getBranch(p.branchId)]);
    refuseOwnBranch(ctx.caller, branch, '答复本支部的申诉');
    const byName = ctx.caller.user.profile?.name ?? '';
    const result = await changeDraft(p.quarter, branch, rubric.version, (doc, at) => {
      const appeal = (doc.appeals ?? []).find((a) => a.id === p.appealId);
      if (!appeal) throw new AppError('NOT_FOUND', '申诉不存在，请刷新后重试。');
      if (appeal.state !== 'open') throw new AppError('CONFLICT', '该申诉已答复。');
      appeal.answeredBy = ctx.caller.openid;
      appeal.answeredByName = byName;
      appeal.answeredAt = at;
      appeal.answer = p.answer;
      if (p.decision === 'reject') {
        appeal.state = 'rejected';
        return { itemKey: null as string | null, points: null as number | null };
      }
      const key = p.itemKey ?? (appeal.itemKey === '*' ? undefined : appeal.itemKey);
      if (!key) throw new AppError('VALIDATION', '请选择要更正分数的评分项。');
      const item = rubric.items.find((i) => i.key === key);
      if (!item) throw new AppError('NOT_FOUND', '评分细则中没有这一项，请刷新后重试。');
      if (p.points === undefined) throw new AppError('VALIDATION', '受理申诉请填写更正后的分数。');
      if (p.points > item.points) throw new AppError('VALIDATION', `该项满分 ${item.points} 分，请重新填写。`);
      const note = `申诉受理：${p.answer}`;
      if (item.source !== 'manual' && AVAILABLE_SOURCES.has(item.source)) {
        doc.adjustments = { ...(doc.adjustments ?? {}), [key]: { points: p.points, note, appealId: appeal.id, by: ctx.caller.openid, at } };
      } else {
        const scored: RatingItem = { key: item.key, label: item.label, max: item.points, source: item.source, auto: false, value: null, unit: '', detail: item.guide, points: p.points, note, scoredBy: ctx.caller.openid, scoredAt: at };
        doc.items = [...doc.items.filter((i) => i.key !== key), scored];
      }
      doc.log = [...doc.log, { at, by: ctx.caller.openid, byName, itemKey: key, points: p.points, note }];
      appeal.state = 'accepted';
      appeal.adjustedItem = key;
      appeal.adjustedPoints = p.points;
      return { itemKey: key, points: p.points };
    });
    await audit(ctx, { fn: 'org', action: 'answerAppeal', target: `ratings/${p.quarter}_${p.branchId}`, before: { appealId: p.appealId, state: 'open' }, after: { appealId: p.appealId, decision: p.decision, answer: p.answer, ...result } });
    return { appealId: p.appealId, state: p.decision === 'accept' ? ('accepted' as const) : ('rejected' as const), ...result };
  },
});
