import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingDoc } from './docs';
import { quarterRange, scoreSheet } from './scoring';
import { AVAILABLE_SOURCES } from './evidence';
import { idParam, quarterParam } from './shared';
import { branchScopes, loadRubric, manualScores, quarterSheets, ratingId } from './ratingData';

/**
 * After the quarter, an admin fixes a branch's rating: evidence is read one last time and stored
 * with the assessor's scores, the rubric's items and the star/allowance they give — later edits of
 * the rubric or late records no longer change it. Refused while an item is unscored; once only.
 *
 * The assessor's scores are read INSIDE the transaction, from the very rating document it writes
 * (finding G-06): a scoreItem that commits while the evidence is being gathered is then either in
 * the snapshot (and in the items) or makes this write conflict and the transaction retry — so the
 * stored items always agree with the stored log. The evidence itself is gathered before, outside:
 * it is many aggregations, which a transaction cannot run, and scoreItem never changes it.
 */
export const finalizeRating = action({
  roles: ['admin'],
  params: z.strictObject({ quarter: quarterParam, branchId: idParam }),
  async handler({ quarter, branchId }, ctx) {
    if (quarterRange(quarter).to.getTime() > Date.now()) throw new AppError('CLOSED', '季度结束后才能定级，请届时再确认。');
    const [rubric, scopes] = await Promise.all([loadRubric(), branchScopes([branchId])]);
    if (scopes.length === 0) throw new AppError('NOT_FOUND', '党组织不存在，请刷新后重试。');
    const [draft] = await quarterSheets(quarter, scopes, rubric);
    if (draft.status === 'final') throw new AppError('CONFLICT', '该支部本季度已定级。');
    const id = ratingId(quarter, branchId);
    const at = new Date();
    const byName = ctx.caller.user.profile?.name ?? '';
    const sheet = await transaction(async (tx) => {
      const cur = (await tx.collection('ratings').doc(id).get()).data;
      if (cur?.status === 'final') throw new AppError('CONFLICT', '该支部本季度已定级。');
      const s = scoreSheet(rubric, draft.evidence, manualScores(cur ?? null), AVAILABLE_SOURCES);
      const missing = s.items.filter((i) => i.points === null).map((i) => i.label);
      if (missing.length) throw new AppError('VALIDATION', `还有未评分的项目：${missing.join('、')}，请评分后再定级。`);
      const doc: RatingDoc = {
        quarter, branchId, branchName: draft.branch.name, rubricVersion: rubric.version, items: s.items,
        total: s.total, stars: s.stars, allowance: s.allowance, status: 'final',
        log: [...(cur?.log ?? []), { at, by: ctx.caller.openid, byName, itemKey: '*', points: s.total, note: `定级为 ${s.stars} 星，红星津贴 ${s.allowance} 元` }],
        finalizedBy: ctx.caller.openid, finalizedAt: at, createdAt: cur?.createdAt ?? at, updatedAt: at,
      };
      await tx.collection('ratings').doc(id).set(doc);
      return s;
    });
    await audit(ctx, { fn: 'org', action: 'finalizeRating', target: `ratings/${id}`, before: null, after: { total: sheet.total, stars: sheet.stars, allowance: sheet.allowance } });
    return { total: sheet.total, stars: sheet.stars, allowance: sheet.allowance };
  },
});
