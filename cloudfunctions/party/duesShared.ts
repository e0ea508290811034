/**
 * 党费收缴登记: the rules every dues action shares — months, amounts, the row id, the status a
 * member's month is shown with, and who may act on a member's month.
 *
 * A month's dues belong to the branch the member belonged to when that month began (months.ts →
 * branchOf), not to today's `partyMembers.branchId`: a member who moved on 15 February owes
 * February's dues to the old branch, and a later transfer never moves a recorded month.
 */
import * as z from 'zod';
import { AppError } from '../../server/core/errors';
import { cmd, col, type WithId } from '../../server/core/db';
import { dayParam } from '../../server/core/params';
import { dayjs, now, parkDay } from '../../server/core/time';
import type { Caller } from '../../server/core/caller';
import type { PartyDuesDoc } from './docs';
import { branchOf, monthStart, requireKeeper } from './months';

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^\d{4}-Q[1-4]$/;

export const monthParam = z.string().trim().regex(MONTH_RE, '月份格式应为 2026-01');
export const quarterParam = z.string().trim().regex(QUARTER_RE, '季度格式应为 2026-Q1');
/** 0 … 1,000,000.00 元 in fen: the standard depends on income; 0 is 免缴 (e.g. 困难党员, approved by the branch). */
export const amountParam = z.number().int('金额以分为单位，应为整数').min(0, '金额不能为负数').max(100_000_000, '金额超出范围');
export const paidOnParam = dayParam;
export const idParam = z.string().trim().min(1).max(80);

/** The park's current month `YYYY-MM`. */
export function thisMonth(): string {
  return now().format('YYYY-MM');
}

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  return dayjs.utc(`${month}-01`).add(n, 'month').format('YYYY-MM');
}

/** The three months of a quarter `YYYY-Qn`. */
export function quarterMonths(quarter: string): string[] {
  const [y, q] = quarter.split('-Q');
  const first = (Number(q) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${y}-${String(first + i).padStart(2, '0')}`);
}

/** The quarter a month is in. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** 2026年3月 */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** How far ahead an amount may be entered (a year's standard is often set at once). */
export const AHEAD_MONTHS = 12;

export function refuseFarMonth(month: string): void {
  if (month > addMonths(thisMonth(), AHEAD_MONTHS)) throw new AppError('VALIDATION', `最多只能登记到 ${monthLabel(addMonths(thisMonth(), AHEAD_MONTHS))} 的应缴金额。`);
}

/** A future month cannot be paid yet, nor paid on a future day. */
export function refuseFuturePayment(month: string, paidOn: string): void {
  if (month > thisMonth()) throw new AppError('VALIDATION', `${monthLabel(month)}尚未到来，不能登记为已缴。`);
  if (paidOn > parkDay()) throw new AppError('VALIDATION', `缴纳日期 ${paidOn} 晚于今天，请选择实际缴纳的日期。`);
}

/** One member's month: `_id` is `${memberId}:${month}`, so a month is recorded once. */
export const duesId = (memberId: string, month: string) => `${memberId}:${month}`;

export type DuesStatus = '已缴' | '未缴' | '免缴' | '未登记';

export function statusOf(d: Pick<PartyDuesDoc, 'amountFen' | 'paidOn'> | null | undefined): DuesStatus {
  if (!d) return '未登记';
  if (d.paidOn) return '已缴';
  if (d.amountFen === 0) return '免缴';
  return '未缴';
}

/** 已缴 and 免缴 both settle a month: completion counts them together. */
export const settled = (s: DuesStatus) => s === '已缴' || s === '免缴';

/**
 * The branch whose ledger `memberId`'s `month` is in, after checking the caller keeps it.
 * NOT_FOUND / VALIDATION when the member was in no park branch that month.
 */
export async function keeperOfMonth(caller: Caller, memberId: string, month: string): Promise<string> {
  const branchId = await branchOf(memberId, month);
  if (!branchId) throw new AppError('VALIDATION', `该党员${monthLabel(month)}不在园区任何支部，不能登记当月党费。`);
  await requireKeeper(caller, branchId);
  return branchId;
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * `keeperOfMonth` and the member's row of that month in ONE aggregation (issue 19: the stretch,
 * the keeper's branches and the row were three reads): the stretch covering the month's first
 * day, its branch's secretary, and the dues row by its id. Same refusals as `keeperOfMonth`.
 */
export async function keeperAndRowOfMonth(caller: Caller, memberId: string, month: string): Promise<{ branchId: string; row: WithId<PartyDuesDoc> | null }> {
  const _ = cmd();
  const $ = _.aggregate;
  const day = monthStart(month);
  const { data } = (await col('partyMembers')
    .aggregate()
    .match({ _id: memberId })
    .project({ stretches: 1 })
    .unwind('$stretches')
    .match({ 'stretches.from': _.lte(day), 'stretches.to': _.eq(null).or(_.gt(day)) })
    .limit(1)
    .lookup({ from: 'branches', localField: 'stretches.branchId', foreignField: '_id', as: 'branch' })
    .lookup({ from: 'partyDues', let: {}, pipeline: $.pipeline().match({ _id: duesId(memberId, month) }).limit(1).done(), as: 'row' })
    .project({ _id: 0, branchId: '$stretches.branchId', 'branch.secretaryOpenid': 1, row: 1 })
    .limit(1)
    .end()) as { data: { branchId: string; branch: { secretaryOpenid?: string | null }[]; row: WithId<PartyDuesDoc>[] }[] };
  const stretch = data[0];
  if (!stretch) throw new AppError('VALIDATION', `该党员${monthLabel(month)}不在园区任何支部，不能登记当月党费。`);
  if (!caller.is('admin') && stretch.branch[0]?.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
  return { branchId: stretch.branchId, row: stretch.row[0] ?? null };
}
