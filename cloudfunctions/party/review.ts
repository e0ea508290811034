/**
 * 民主评议党员 (三评议), 书记述职评议 and 党员先锋岗/示范岗 (issue 21): the rules their actions share —
 * the scales, the year a review may be entered for, the branch a member's year belongs to, the
 * row ids that make "once a year" an invariant of the database, and the one conditional update that
 * closes a review only when it may be closed.
 *
 * A member's year belongs to the branch they belonged to at the review (the first day of December
 * for a past year, of this month for the running one: months.ts → branchOf); its current secretary
 * (or an admin) keeps it. A member who moved mid-year is reviewed where they are at year end.
 */
import * as z from 'zod';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { now } from '../../server/core/time';
import type { Caller } from '../../server/core/caller';
import type { DebriefRating, PartyReviewDoc, PostKind, ReviewGrade } from './docs';
import { monthStart } from './months';
import { thisMonth } from './duesShared';

export const GRADES = ['优秀', '合格', '基本合格', '不合格'] as const satisfies readonly ReviewGrade[];
/** A result of these requires a 警示谈话 before the row is closed (the 民主评议党员 rules). */
export const NEEDS_TALK = ['基本合格', '不合格'] as const satisfies readonly ReviewGrade[];
export const DEBRIEF_RATINGS = ['好', '较好', '一般', '差'] as const satisfies readonly DebriefRating[];
export const POST_KINDS = ['先锋岗', '示范岗'] as const satisfies readonly PostKind[];

export const gradeParam = z.enum(GRADES, { message: '请选择优秀、合格、基本合格或不合格' });
export const yearParam = z.number().int('请选择年度').min(2000, '请选择年度').max(2100, '请选择年度');
export const memberIdParam = z.string().trim().min(1).max(64);

export const thisYear = (): number => now().year();

/** Reviews, 述职 and designations are for a year that has begun; next year's cannot be entered yet. */
export function refuseFutureYear(year: number): void {
  if (year > thisYear()) throw new AppError('VALIDATION', `${year}年度尚未开始，请选择今年或以前的年度。`);
}

/** The month whose first day decides the branch of a member's year. */
export function reviewMonth(year: number): string {
  return year < thisYear() ? `${year}-12` : thisMonth();
}

/**
 * The branch `memberId`'s `year` belongs to, after checking the caller keeps it (its secretary at
 * the time of the call, or an admin). VALIDATION when the member was in no park branch at the
 * review. ONE aggregation: the row's stretch covering the review month joined to its branch's
 * current secretary — what months.ts's branchOf + requireKeeper answer in two, so a tapped write stays
 * within five round trips (the caller, this, the write, a possible insert, the audit).
 */
export async function keeperOfYear(caller: Caller, memberId: string, year: number): Promise<string> {
  refuseFutureYear(year);
  const _ = cmd();
  const day = monthStart(reviewMonth(year));
  const { data } = (await col('partyMembers')
    .aggregate()
    .match({ _id: memberId })
    .project({ stretches: 1 })
    .unwind('$stretches')
    .match({ 'stretches.from': _.lte(day), 'stretches.to': _.eq(null).or(_.gt(day)) })
    .lookup({ from: 'branches', localField: 'stretches.branchId', foreignField: '_id', as: 'b' })
    .unwind('$b')
    .project({ _id: 0, branchId: '$stretches.branchId', secretaryOpenid: '$b.secretaryOpenid' })
    .limit(1)
    .end()) as { data: { branchId: string; secretaryOpenid?: string | null }[] };
  const row = data[0];
  if (!row) throw new AppError('VALIDATION', `该党员${year}年度评议时不在园区任何支部，不能登记评议。`);
  if (!caller.is('admin') && row.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
  return row.branchId;
}

/** One member's year: the id is the "once" (with the unique index on year + member). */
export const reviewId = (year: number, memberId: string) => `${year}:${memberId}`;
export const debriefId = (year: number, branchId: string) => `${year}:${branchId}`;
export const postId = (year: number, memberId: string, kind: PostKind) => `${year}:${memberId}:${kind}`;

export const needsTalk = (g: ReviewGrade | null) => !!g && (NEEDS_TALK as readonly string[]).includes(g);

/** Why a row cannot be closed yet (null: it can). Pure: the replies and the page say the same. */
export function closeProblem(r: Pick<PartyReviewDoc, 'leader' | 'staff' | 'branch' | 'result' | 'talk' | 'closedAt'>): string | null {
  if (r.closedAt) return '该党员本年度的民主评议已结束，不能再修改。';
  if (!r.leader || !r.staff || !r.branch) return '请先填写企业领导评议、职工评议和支部评议三项评议。';
  if (!r.result) return '请先确定评议结果。';
  if (needsTalk(r.result) && !r.talk) return `评议结果为${r.result}，请先登记警示谈话，再结束评议。`;
  return null;
}

/**
 * The `where` of the one update that closes a row: open, three ratings and a result given, and a
 * 警示谈话 recorded when the result is 基本合格 or 不合格. The rule rides on the update itself, so a
 * result lowered at the same moment as the closing cannot slip through without its talk.
 */
export function closableWhere(id: string): Record<string, unknown> {
  const _ = cmd();
  return _.and([
    { _id: id, closedAt: null, leader: _.in(GRADES), staff: _.in(GRADES), branch: _.in(GRADES), result: _.in(GRADES) },
    _.or([{ result: _.in(['优秀', '合格']) }, { talk: _.neq(null) }]),
  ]);
}

export const STATUS_LABEL = { none: '未评议', open: '评议中', closed: '已结束' } as const;
export const statusOf = (r: Pick<PartyReviewDoc, 'closedAt'> | null | undefined): keyof typeof STATUS_LABEL => (!r ? 'none' : r.closedAt ? 'closed' : 'open');

/** A review row as replies show it (never an openid). */
export function reviewView(r: PartyReviewDoc & { _id: string }) {
  return {
    id: r._id,
    year: r.year,
    memberId: r.memberId,
    branchId: r.branchId,
    leader: r.leader,
    staff: r.staff,
    branch: r.branch,
    result: r.result,
    talk: r.talk,
    closed: !!r.closedAt,
    status: statusOf(r),
    problem: closeProblem(r),
  };
}
export type ReviewView = ReturnType<typeof reviewView>;
