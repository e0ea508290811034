/**
 * The branch-year list of 民主评议党员 that listReviews shows and exportReviews writes: every roster
 * member of the branch at the review (months.ts → rosterOf), each with their row or 未评议, plus
 * rows filed under the branch for members who have since left it (a recorded year never vanishes).
 * Round trips: the roster (one aggregation), the rows, and the names of members no longer on it.
 */
import { cmd, col } from '../../server/core/db';
import type { PartyReviewDoc } from './docs';
import { rosterOf } from './months';
import { ERASED_NAME } from './roster';
import { reviewId, reviewMonth, reviewView, STATUS_LABEL, statusOf, type ReviewView } from './review';

export interface ReviewLine {
  memberId: string;
  name: string;
  review: ReviewView | null;
  status: keyof typeof STATUS_LABEL;
}

export async function branchYear(branchId: string, year: number): Promise<ReviewLine[]> {
  const _ = cmd();
  const roster = await rosterOf(branchId, reviewMonth(year));
  const ids = roster.map((p) => p.memberId);
  const { data: rows } = await col('partyReviews')
    .where(ids.length ? _.or([{ branchId, year }, { _id: _.in(ids.map((m) => reviewId(year, m))) }]) : { branchId, year })
    .limit(1000)
    .get();
  const byMember = new Map(rows.map((r) => [r.memberId, r] as [string, PartyReviewDoc & { _id: string }]));
  const names = new Map(roster.map((p) => [p.memberId, p.name]));
  const gone = rows.map((r) => r.memberId).filter((m) => !names.has(m));
  if (gone.length) {
    const { data } = await col('partyMembers').where({ _id: _.in(gone) }).field({ name: true }).limit(gone.length).get();
    for (const m of data) names.set(m._id, m.name);
  }
  const all = [...new Set([...ids, ...gone])];
  return all
    .map((memberId) => {
      const r = byMember.get(memberId) ?? null;
      return { memberId, name: names.get(memberId) || ERASED_NAME, review: r ? reviewView(r) : null, status: statusOf(r) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
