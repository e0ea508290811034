import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingItem } from './docs';
import { AVAILABLE_SOURCES } from './evidence';
import { quarterRange } from './scoring';
import { idParam, quarterParam } from './shared';
import { ratingId } from './ratingData';
import { writeDraft, type DraftWrite } from './ratingWrite';

/**
 * The assessor scores an item that evidence cannot fill (a 'manual' item, or one whose data source
 * has not landed yet), with a note saying why. Refused once the rating is final; every score is
 * appended to the log (who, when, what, why). Four round trips (issue 19; 8 with the transaction it
 * replaced): the caller, ratingWrite's one aggregation (branch, rating, rubric), one conditional
 * update of the rating (or its insert), the audit row. See ratingWrite.ts for the retry protocol.
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
    const _ = cmd();
    if (quarterRange(quarter).from.getTime() > Date.now()) throw new AppError('VALIDATION', '该季度尚未开始，不能评分。');
    const byName = ctx.caller.user.profile?.name ?? '';
    const id = await writeDraft(quarter, branchId, (c, at) => {
      const item = c.rubric.items.find((i) => i.key === itemKey);
      if (!item) throw new AppError('NOT_FOUND', '评分细则中没有这一项，请刷新后重试。');
      if (item.source !== 'manual' && AVAILABLE_SOURCES.has(item.source)) throw new AppError('VALIDATION', '该项由系统根据记录自动计分，不能手工评分。');
      if (points > item.points) throw new AppError('VALIDATION', `该项满分 ${item.points} 分，请重新填写。`);
      const scored: RatingItem = { key: item.key, label: item.label, max: item.points, source: item.source, auto: false, value: null, unit: '', detail: item.guide, points, note, scoredBy: ctx.caller.openid, scoredAt: at };
      const entry = { at, by: ctx.caller.openid, byName, itemKey, points, note };
      const idx = (c.cur?.items ?? []).findIndex((i) => i.key === itemKey);
      // Only this item's slot is written, with the log appended atomically: a concurrent score of
      // another item, an appeal or a veto is never overwritten. The condition is what was read:
      // the item still at that index (or still absent), else writeDraft reads again.
      const write: DraftWrite =
        idx >= 0
          ? { where: { [`items.${idx}.key`]: itemKey }, update: { [`items.${idx}`]: scored, log: _.push([entry]) }, fresh: () => undefined }
          : { where: { 'items.key': _.neq(itemKey) }, update: { items: _.push([scored]), log: _.push([entry]) }, fresh: (d) => { d.items.push(scored); d.log.push(entry); } };
      return { write, result: ratingId(quarter, branchId) };
    });
    await audit(ctx, { fn: 'org', action: 'scoreItem', target: `ratings/${id}`, before: null, after: { itemKey, points, note } });
    return { itemKey, points };
  },
});
