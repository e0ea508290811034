import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { quarterLabel, quarterOf, quarterRange } from './scoring';
import { branchForCaller, idParam, namesOf, quarterParam } from './shared';
import { appealsView, branchScopes, loadRubric, quarterSheets, sheetPeople, sheetView } from './ratingData';
import { vetoRulesOf } from './scoring';
import { isOwnBranch } from './ratingWrite';

/**
 * One branch's sheet for a quarter with each item's records, who scored what (the log), the 一票否决
 * and appeals, and its history of quarters. A secretary sees their own branch.
 */
export const branchRating = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ branchId: idParam, quarter: quarterParam.optional() }),
  async handler(p, { caller }) {
    const quarter = p.quarter ?? quarterOf();
    if (quarterRange(quarter).from.getTime() > Date.now()) throw new AppError('VALIDATION', '该季度尚未开始。');
    const branch = await branchForCaller(caller, p.branchId);
    const [rubric, scopes, history] = await Promise.all([
      loadRubric(),
      branchScopes([p.branchId]),
      col('ratings').where({ branchId: p.branchId }).orderBy('quarter', 'desc').limit(40).get(),
    ]);
    const [sheet] = await quarterSheets(quarter, scopes, rubric);
    const log = sheet.stored?.log ?? [];
    const names = await namesOf([...sheetPeople(sheet, { trace: true }), ...log.map((l) => l.by)]);
    return {
      quarter,
      label: quarterLabel(quarter),
      quarterEnded: quarterRange(quarter).to.getTime() <= Date.now(),
      // Each item with the records it counted (the trace), frozen on a finalised sheet.
      sheet: sheetView(sheet, names, { trace: true }),
      // Appeals and the veto history: this action answers the branch's secretary and admins only.
      appeals: appealsView(sheet, names),
      vetoLog: [...(sheet.stored?.vetoLog ?? [])].reverse().map((v) => ({ at: new Date(v.at).toISOString(), byName: v.byName || names.get(v.by) || '', op: v.op, ruleLabel: v.ruleLabel, reason: v.reason })),
      vetoRules: vetoRulesOf(rubric),
      // What the caller may do on this sheet (the actions decide again at call time).
      canAppeal: caller.is('secretary') && branch.secretaryOpenid === caller.openid,
      canRule: caller.is('admin') && !isOwnBranch(caller, branch),
      log: [...log].reverse().map((l) => ({ at: new Date(l.at).toISOString(), byName: l.byName || names.get(l.by) || '', itemKey: l.itemKey, points: l.points, note: l.note })),
      history: history.data.map((h) => ({ quarter: h.quarter, label: quarterLabel(h.quarter), status: h.status, total: h.total, stars: h.stars, allowance: h.allowance })),
    };
  },
});
