import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './roster';
import { DEBRIEF_RATINGS, debriefId, yearParam } from './review';

/**
 * 述职评议: an admin rates a submitted 述职 (好/较好/一般/差, with a comment). Admins only — a
 * secretary never rates their own or another's. A later rating replaces the earlier (a correction);
 * the audit log keeps both.
 */
export const rateDebrief = action({
  roles: ['admin'],
  params: z.strictObject({
    branchId: idParam,
    year: yearParam,
    rating: z.enum(DEBRIEF_RATINGS, { message: '请选择好、较好、一般或差' }),
    comment: z.string().trim().max(500, '评语不超过 500 字').nullable().optional(),
  }),
  async handler({ branchId, year, rating, comment }, ctx) {
    const id = debriefId(year, branchId);
    const res = await col('partyDebriefs').where({ _id: id }).updateAndReturn({ rating, comment: comment || null, ratedBy: ctx.caller.openid, ratedAt: new Date() });
    if (!res.doc) throw new AppError('NOT_FOUND', '该支部书记尚未提交本年度述职，暂不能评议。');
    await audit(ctx, { fn: 'party', action: 'rateDebrief', target: `partyDebriefs/${id}`, before: null, after: { rating, comment: comment || null } });
    return { id, year, branchId, rating: res.doc.rating, comment: res.doc.comment };
  },
});
