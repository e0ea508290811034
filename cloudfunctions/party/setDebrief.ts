import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { PartyDebriefDoc } from './docs';
import { idParam } from './roster';
import { debriefId, refuseFutureYear, yearParam } from './review';

const linkParam = z.string().trim().max(500).regex(/^https?:\/\/[^\s]+$/, '附件链接应以 http:// 或 https:// 开头');

/**
 * 书记述职: the branch's current secretary (at the time of the call — not an admin on their behalf:
 * the 述职 is the secretary's own account) submits or revises the year's text and an optional link
 * to an attachment. Once an admin has rated it the text is frozen (the write is conditional on
 * `rating: null`); one row per year and branch (`${year}:${branchId}` and the unique index).
 */
export const setDebrief = action({
  roles: ['secretary'],
  params: z.strictObject({
    branchId: idParam,
    year: yearParam,
    text: z.string().trim().min(20, '述职内容不少于 20 字').max(5000, '述职内容不超过 5000 字'),
    link: linkParam.nullable().optional(),
  }),
  async handler({ branchId, year, text, link }, ctx) {
    refuseFutureYear(year);
    const [branch] = (await col('branches').doc(branchId).get()).data;
    if (!branch) throw new AppError('NOT_FOUND', '没有这个党组织，请返回后刷新。');
    if (branch.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有本支部书记可以提交述职。');
    const id = debriefId(year, branchId);
    const patch = { text, link: link || null, submittedBy: ctx.caller.openid, submittedAt: new Date() };
    let row = (await col('partyDebriefs').where({ _id: id, rating: null }).updateAndReturn(patch)).doc;
    if (!row) {
      const fresh: PartyDebriefDoc & { _id: string } = { _id: id, year, branchId, rating: null, comment: null, ratedBy: null, ratedAt: null, ...patch };
      try {
        await col('partyDebriefs').add(fresh);
        row = fresh;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        row = (await col('partyDebriefs').where({ _id: id, rating: null }).updateAndReturn(patch)).doc;
        if (!row) throw new AppError('CLOSED', '本年度述职已评议，不能再修改。');
      }
    }
    await audit(ctx, { fn: 'party', action: 'setDebrief', target: `partyDebriefs/${id}`, before: null, after: { chars: text.length, link: patch.link } });
    return { id, year, branchId, text: row.text, link: row.link, rating: row.rating };
  },
});
