import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { closableWhere, closeProblem, keeperOfYear, memberIdParam, reviewId, reviewView, yearParam } from './review';

/**
 * 结束评议: makes a member's year final. The rules (three ratings and a result; a 警示谈话 for
 * 基本合格 / 不合格) are the update's own condition (review.ts → closableWhere), not a read before
 * it; when it matches nothing, one read says what is missing.
 */
export const closeReview = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: memberIdParam, year: yearParam }),
  async handler({ memberId, year }, ctx) {
    await keeperOfYear(ctx.caller, memberId, year);
    const id = reviewId(year, memberId);
    const res = await col('partyReviews').where(closableWhere(id)).updateAndReturn({ closedAt: new Date(), closedBy: ctx.caller.openid });
    if (!res.doc) {
      const [row] = (await col('partyReviews').doc(id).get()).data;
      if (!row) throw new AppError('NOT_FOUND', '请先登记该党员本年度的三项评议和评议结果。');
      if (row.closedAt) throw new AppError('CLOSED', '该党员本年度的民主评议已结束。');
      throw new AppError('VALIDATION', closeProblem(row) ?? '评议刚刚被修改，请刷新后重试。');
    }
    await audit(ctx, { fn: 'party', action: 'closeReview', target: `partyReviews/${id}`, before: null, after: { result: res.doc.result } });
    return reviewView(res.doc);
  },
});
