import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { PartyReviewDoc } from './docs';
import { gradeParam, keeperOfYear, memberIdParam, reviewId, reviewView, yearParam } from './review';

/**
 * 民主评议党员: enters (or corrects) a member's three ratings and the result for a year — only the
 * fields given; `null` clears one. By the current secretary of the branch the member's year belongs
 * to, or an admin. A closed row is final: the write is conditional on `closedAt: null`.
 * The row is made on the first write; its id `${year}:${memberId}` (and the unique index) makes two
 * secretaries' first writes one row — the second insert is a duplicate key and becomes an update.
 * Round trips: branch of the year, kept branches, update (+ insert, + update after a lost race), audit.
 */
export const setReview = action({
  roles: ['secretary', 'admin'],
  params: z
    .strictObject({
      memberId: memberIdParam,
      year: yearParam,
      leader: gradeParam.nullable().optional(),
      staff: gradeParam.nullable().optional(),
      branch: gradeParam.nullable().optional(),
      result: gradeParam.nullable().optional(),
    })
    .refine((p) => p.leader !== undefined || p.staff !== undefined || p.branch !== undefined || p.result !== undefined, '请至少填写一项评议'),
  async handler({ memberId, year, ...grades }, ctx) {
    const branchId = await keeperOfYear(ctx.caller, memberId, year);
    const id = reviewId(year, memberId);
    const patch: Record<string, unknown> = { branchId, updatedBy: ctx.caller.openid, updatedAt: new Date() };
    for (const k of ['leader', 'staff', 'branch', 'result'] as const) if (grades[k] !== undefined) patch[k] = grades[k];
    const row = await writeOpen(id, patch, () => ({
      year, memberId, branchId, leader: null, staff: null, branch: null, result: null, talk: null, closedAt: null, closedBy: null,
      updatedBy: ctx.caller.openid, updatedAt: new Date(), ...patch,
    }));
    await audit(ctx, { fn: 'party', action: 'setReview', target: `partyReviews/${id}`, before: null, after: grades });
    return reviewView(row);
  },
});

/**
 * Updates the open row `id`, or inserts it when there is none. CLOSED when it exists and is closed.
 */
export async function writeOpen(id: string, patch: Record<string, unknown>, fresh: () => PartyReviewDoc): Promise<WithId<PartyReviewDoc>> {
  const upd = await col('partyReviews').where({ _id: id, closedAt: null }).updateAndReturn(patch);
  if (upd.doc) return upd.doc;
  const row = { _id: id, ...fresh() };
  try {
    await col('partyReviews').add(row);
    return row;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  // The row is there: made by a second writer a moment ago (update it), or closed (refuse).
  const again = await col('partyReviews').where({ _id: id, closedAt: null }).updateAndReturn(patch);
  if (again.doc) return again.doc;
  throw new AppError('CLOSED', '该党员本年度的民主评议已结束，不能再修改。');
}
