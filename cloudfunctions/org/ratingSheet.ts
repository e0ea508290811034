import * as z from 'zod';
import { action } from '../../server/core/router';
import { quarterLabel, quarterOf } from './scoring';
import { namesOf, quarterParam } from './shared';
import { branchScopes, loadRubric, quarterSheets, sheetPeople, sheetView } from './ratingData';

/** The quarter's star-rating sheet for every branch: evidence-filled items, assessor scores, stars and allowance. */
export const ratingSheet = action({
  roles: ['admin'],
  params: z.strictObject({ quarter: quarterParam.optional() }),
  async handler(p) {
    const quarter = p.quarter ?? quarterOf();
    const [rubric, branches] = await Promise.all([loadRubric(), branchScopes()]);
    const sheets = await quarterSheets(quarter, branches, rubric);
    const names = await namesOf(sheets.flatMap((s) => sheetPeople(s)));
    return {
      quarter,
      label: quarterLabel(quarter),
      rubricVersion: rubric.version,
      columns: rubric.items.map((i) => ({ key: i.key, label: i.label, points: i.points })),
      rows: sheets.map((s) => sheetView(s, names)),
      // One allowance per finalised organisation, the table's standard: what is paid per person is the
      // payout ledger's (allowancePayouts), which may list more than one 党务工作者 per branch.
      allowanceTotal: sheets.filter((s) => s.status === 'final').reduce((sum, s) => sum + s.allowance, 0),
    };
  },
});
