import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { RatingDoc, RubricDoc } from './docs';
import { quarterRange, scoreSheet } from './scoring';
import { AVAILABLE_SOURCES } from './evidence';
import { idParam, quarterParam } from './shared';
import { branchScopes, loadRubric, manualScores, overridesOf, quarterSheets, ratingId } from './ratingData';

/**
 * After the quarter, an admin fixes a branch's rating: evidence is read one last time and stored
 * with the assessor's scores, the rubric's items and the star/allowance they give — later edits of
 * the rubric or late records no longer change it. Refused while an item is unscored or an appeal is
 * open; once only. Each evidence item keeps the ids of the records it counted (capped, see
 * EVIDENCE_REF_CAP), so the stored sheet can be traced later even if those records change.
 *
 * The assessor's scores are read INSIDE the transaction, from the very rating document it writes
 * (finding G-06): a scoreItem that commits while the evidence is being gathered is then either in
 * the snapshot (and in the items) or makes this write conflict and the transaction retry — so the
 * stored items always agree with the stored log. The evidence itself is gathered before, outside:
 * it is many aggregations, which a transaction cannot run, and scoreItem never changes it.
 */
/** Refused while the branch has open appeals for the quarter, listing them (CONFLICT, issue 21). */
function refuseOpenAppeals(doc: RatingDoc | null, rubric: RubricDoc): void {
  const open = (doc?.appeals ?? []).filter((a) => a.state === 'open');
  if (!open.length) return;
  const what = open.map((a) => (a.itemKey === '*' ? '整体评分' : (rubric.items.find((i) => i.key === a.itemKey)?.label ?? a.itemKey)));
  throw new AppError('CONFLICT', `还有 ${open.length} 条申诉待答复（${what.join('、')}），请答复后再定级。`);
}

export const finalizeRating = action({
  roles: ['admin'],
  params: z.strictObject({ quarter: quarterParam, branchId: idParam }),
  async handler({ quarter, branchId }, ctx) {
    if (quarterRange(quarter).to.getTime() > Date.now()) throw new AppError('CLOSED', '季度结束后才能定级，请届时再确认。');
    const [rubric, scopes] = await Promise.all([loadRubric(), branchScopes([branchId])]);
    if (scopes.length === 0) throw new AppError('NOT_FOUND', '党组织不存在，请刷新后重试。');
    const [draft] = await quarterSheets(quarter, scopes, rubric);
    if (draft.status === 'final') throw new AppError('CONFLICT', '该支部本季度已定级。');
    refuseOpenAppeals(draft.stored, rubric);
    const id = ratingId(quarter, branchId);
    const at = new Date();
    const byName = ctx.caller.user.profile?.name ?? '';
    const sheet = await transaction(async (tx) => {
      const cur = (await tx.collection('ratings').doc(id).get()).data;
      if (cur?.status === 'final') throw new AppError('CONFLICT', '该支部本季度已定级。');
      // Open appeals hold the rating (issue 21): they are on this very document, so an appeal filed
      // while the evidence is gathered either is in this snapshot (refused here) or conflicts.
      refuseOpenAppeals(cur ?? null, rubric);
      const s = scoreSheet(rubric, draft.evidence, manualScores(cur ?? null), AVAILABLE_SOURCES, overridesOf(cur ?? null));
      const missing = s.items.filter((i) => i.points === null).map((i) => i.label);
      if (missing.length) throw new AppError('VALIDATION', `还有未评分的项目：${missing.join('、')}，请评分后再定级。`);
      const doc: RatingDoc = {
        quarter, branchId, branchName: draft.branch.name, rubricVersion: rubric.version, items: s.items,
        total: s.total, stars: s.stars, allowance: s.allowance, status: 'final',
        log: [...(cur?.log ?? []), { at, by: ctx.caller.openid, byName, itemKey: '*', points: s.total, note: s.veto ? `一票否决（${s.veto.ruleLabel}），不定星级，无红星津贴` : `定级为 ${s.stars} 星，红星津贴 ${s.allowance} 元` }],
        finalizedBy: ctx.caller.openid, finalizedAt: at, createdAt: cur?.createdAt ?? at, updatedAt: at,
        // Kept as they stood when finalised: the veto and its history, the answered appeals and the
        // corrections they made (the items already carry the corrected points and their records).
        veto: s.veto, vetoLog: cur?.vetoLog ?? [], appeals: cur?.appeals ?? [], adjustments: cur?.adjustments ?? {},
      };
      await tx.collection('ratings').doc(id).set(doc);
      return s;
    });
    await audit(ctx, { fn: 'org', action: 'finalizeRating', target: `ratings/${id}`, before: null, after: { total: sheet.total, stars: sheet.stars, allowance: sheet.allowance, vetoed: !!sheet.veto } });
    return { total: sheet.total, stars: sheet.stars, allowance: sheet.allowance };
  },
});
