import * as z from 'zod';
import { ERASED_NAME } from './roster';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { addDays, parkDay } from '../../server/core/time';
import { keptBranches } from './months';
import { addYears } from './development';
import { idParam } from './duesShared';

/** How far ahead a step is listed as due soon. */
export const DUE_WITHIN_DAYS = 30;
/** Files read per kind at most (a branch has a handful in the pipeline; the park a few hundred). */
const MAX_FILES = 1000;

export type DueKind = '可列为发展对象' | '预备期将满' | '未定培养联系人';

export interface DueItem {
  id: string;
  name: string;
  branchId: string;
  stage: string;
  stageOn: string;
  kind: DueKind;
  /** The first day the step is possible (null for missing contacts: needed now). */
  dueOn: string | null;
  overdue: boolean;
}

/**
 * What is due soon in the pipeline: 积极分子 reaching one year within DUE_WITHIN_DAYS (or past it),
 * 预备党员 reaching the end of the 预备期 likewise, and 积极分子 without two 培养联系人. Two reads.
 */
export async function dueItems(branchIds: string[] | null, today = parkDay()): Promise<DueItem[]> {
  const _ = cmd();
  const scope = branchIds ? { branchId: _.in(branchIds) } : {};
  const horizon = addYears(addDays(today, DUE_WITHIN_DAYS), -1);
  const fields = { name: true, branchId: true, stage: true, stageOn: true, contacts: true };
  const [{ data: activists }, { data: probation }] = await Promise.all([
    col('partyDevelopment').where({ ...scope, state: 'active', stage: '入党积极分子' }).field(fields).limit(MAX_FILES).get(),
    col('partyDevelopment').where({ ...scope, state: 'active', stage: '预备党员', stageOn: _.lte(horizon) }).field(fields).limit(MAX_FILES).get(),
  ]);
  const items: DueItem[] = [];
  const base = (d: (typeof activists)[number]) => ({ id: d._id, name: d.name || ERASED_NAME, branchId: d.branchId, stage: d.stage, stageOn: d.stageOn });
  for (const d of activists) {
    if (d.stageOn <= horizon) {
      const dueOn = addYears(d.stageOn, 1);
      items.push({ ...base(d), kind: '可列为发展对象', dueOn, overdue: dueOn <= today });
    }
    if ((d.contacts ?? []).length < 2) items.push({ ...base(d), kind: '未定培养联系人', dueOn: null, overdue: false });
  }
  for (const d of probation) {
    const dueOn = addYears(d.stageOn, 1);
    items.push({ ...base(d), kind: '预备期将满', dueOn, overdue: dueOn <= today });
  }
  return items.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.name.localeCompare(b.name, 'zh-CN'));
}

/** 近期待办 of the pipeline for the secretary (admins: every branch, or one). */
export const developmentDue = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ branchId: idParam.optional() }),
  async handler({ branchId }, { caller }) {
    const kept = await keptBranches(caller);
    if (branchId && kept && !kept.includes(branchId)) throw new AppError('FORBIDDEN', '只能查看本支部的发展党员档案。');
    const scope = branchId ? [branchId] : kept;
    if (scope && !scope.length) return { today: parkDay(), withinDays: DUE_WITHIN_DAYS, items: [] };
    return { today: parkDay(), withinDays: DUE_WITHIN_DAYS, items: await dueItems(scope) };
  },
});
