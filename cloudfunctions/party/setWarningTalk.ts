import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { keeperOfYear, memberIdParam, NEEDS_TALK, reviewId, reviewView, yearParam } from './review';

/**
 * 警示谈话: a member whose result is 基本合格 or 不合格 is talked to (the day, who talked, what was
 * said) before their year may be closed. One conditional update on the open row with such a result;
 * when nothing matches, one read says why.
 */
export const setWarningTalk = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    memberId: memberIdParam,
    year: yearParam,
    on: dayParam,
    by: z.string().trim().min(1, '请填写谈话人').max(20, '谈话人不超过 20 字'),
    note: z.string().trim().min(2, '请填写谈话内容').max(500, '谈话内容不超过 500 字'),
  }),
  async handler({ memberId, year, on, by, note }, ctx) {
    if (on > parkDay()) throw new AppError('VALIDATION', `谈话日期 ${on} 晚于今天，请选择实际谈话的日期。`);
    if (on < `${year}-01-01`) throw new AppError('VALIDATION', `谈话日期应在${year}年度评议之后，请检查日期。`);
    await keeperOfYear(ctx.caller, memberId, year);
    const id = reviewId(year, memberId);
    const talk = { on, by, note };
    const _ = cmd();
    // _.set: the stored talk is null, and a plain object would be sent as talk.on / talk.by, which
    // MongoDB refuses under a null (STACK-NOTES, findings/platform.md).
    const res = await col('partyReviews')
      .where({ _id: id, closedAt: null, result: _.in(NEEDS_TALK) })
      .updateAndReturn({ talk: _.set(talk), updatedBy: ctx.caller.openid, updatedAt: new Date() });
    if (!res.doc) {
      const [row] = (await col('partyReviews').doc(id).get()).data;
      if (!row) throw new AppError('NOT_FOUND', '请先登记该党员本年度的评议结果。');
      if (row.closedAt) throw new AppError('CLOSED', '该党员本年度的民主评议已结束，不能再修改。');
      throw new AppError('VALIDATION', '评议结果为基本合格或不合格的党员才需要登记警示谈话。');
    }
    // The note itself stays in the row only (where an erasure scrubs the member's name from it).
    await audit(ctx, { fn: 'party', action: 'setWarningTalk', target: `partyReviews/${id}`, before: null, after: { on, by, noteChars: note.length } });
    return reviewView(res.doc);
  },
});
