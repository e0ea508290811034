import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingAppeal } from './docs';
import { idParam, quarterParam } from './shared';
import { newAppealId, refuseFutureQuarter, writeDraft } from './ratingWrite';

/** Appeals a sheet may hold in all (open and answered): bounds the rating document. */
export const MAX_APPEALS = 30;

/**
 * The branch's secretary appeals (申诉) one item of the quarter's sheet, or the sheet as a whole
 * ('*'), with the reason — while the quarter is not finalised. One open appeal per item: the
 * rating's `openAppealKeys` must not hold the item, in the same conditional update that adds it, so
 * two taps file one. Only the secretary the branch has at call time (branches.secretaryOpenid), not
 * an admin on their behalf.
 */
export const fileAppeal = action({
  roles: ['secretary'],
  params: z.strictObject({
    quarter: quarterParam,
    branchId: idParam,
    itemKey: z.string().trim().min(1).max(20),
    reason: z.string().trim().min(4, '请写明申诉理由和依据').max(300),
  }),
  async handler({ quarter, branchId, itemKey, reason }, ctx) {
    refuseFutureQuarter(quarter);
    const _ = cmd();
    const byName = ctx.caller.user.profile?.name ?? '';
    const id = newAppealId();
    await writeDraft(quarter, branchId, (c, at) => {
      if (c.branch.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有本支部书记可以对本支部的评分提出申诉。');
      if (itemKey !== '*' && !c.rubric.items.some((i) => i.key === itemKey)) throw new AppError('NOT_FOUND', '评分细则中没有这一项，请刷新后重试。');
      if ((c.cur?.openAppealKeys ?? []).includes(itemKey)) throw new AppError('CONFLICT', '该项已有待答复的申诉，请等待管理员答复。');
      if ((c.cur?.appeals ?? []).length >= MAX_APPEALS) throw new AppError('CONFLICT', `本季度申诉已达 ${MAX_APPEALS} 条，请与党务管理员当面沟通。`);
      const appeal: RatingAppeal = { id, itemKey, reason, state: 'open', filedBy: ctx.caller.openid, filedByName: byName, filedAt: at, answeredBy: null, answeredByName: '', answeredAt: null, answer: '', adjustedItem: null, adjustedPoints: null };
      return {
        write: {
          where: { openAppealKeys: _.neq(itemKey), [`appeals.${MAX_APPEALS - 1}`]: _.exists(false) },
          update: { appeals: _.push([appeal]), openAppealKeys: _.push([itemKey]) },
          fresh: (d) => ((d.appeals = [appeal]), (d.openAppealKeys = [itemKey])),
        },
        result: null,
      };
    });
    await audit(ctx, { fn: 'org', action: 'fileAppeal', target: `ratings/${quarter}_${branchId}`, before: null, after: { appealId: id, itemKey, reason } });
    return { id, state: 'open' as const };
  },
});
