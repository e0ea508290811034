/**
 * 红星津贴 payout ledger (F-08), the pieces its actions share: state labels, the row as callers see
 * it (names looked up at read time, never copied), the quarter's rows with totals, and the running
 * total paid across every quarter (the figure the park reports as 「已发放红星津贴 N 元」).
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { PayoutDoc, PayoutState } from './docs';
import { namesOf } from './shared';

export const PAYOUT_STATE_LABEL: Record<PayoutState, string> = {
  pending: '待审批',
  approved: '已审批',
  paid: '已发放',
  withdrawn: '已撤销',
};

/** A quarter's payouts are far fewer than this (one or two 党务工作者 per rated branch). */
export const QUARTER_ROWS = 1000;

export interface PayoutView {
  id: string;
  quarter: string;
  branchId: string;
  branchName: string;
  name: string;
  openid: string | null;
  memberId: string | null;
  source: PayoutDoc['source'];
  addReason: string | null;
  stars: number;
  amount: number;
  state: PayoutState;
  stateLabel: string;
  approvedOn: string | null;
  paidOn: string | null;
  paidByName: string | null;
  withdrawReason: string | null;
}

/** Names of the recipients (user profile, else roster row) and of who recorded the payment. */
export async function payoutNames(rows: PayoutDoc[]): Promise<{ person: (r: PayoutDoc) => string; user: Map<string, string> }> {
  const memberIds = [...new Set(rows.map((r) => r.memberId).filter((m): m is string => !!m))];
  const [user, members] = await Promise.all([
    namesOf(rows.flatMap((r) => [r.openid, r.paidBy])),
    memberIds.length
      ? col('partyMembers').where({ _id: cmd().in(memberIds) }).field({ name: true }).limit(1000).get()
      : Promise.resolve({ data: [] as { _id: string; name: string }[] }),
  ]);
  const roster = new Map(members.data.map((m) => [m._id, m.name]));
  return {
    person: (r) => (r.memberId ? roster.get(r.memberId) : undefined) || (r.openid ? user.get(r.openid) : undefined) || '（未填姓名）',
    user,
  };
}

export function payoutView(r: WithId<PayoutDoc>, names: { person: (r: PayoutDoc) => string; user: Map<string, string> }): PayoutView {
  return {
    id: r._id, quarter: r.quarter, branchId: r.branchId, branchName: r.branchName, name: names.person(r),
    openid: r.openid, memberId: r.memberId, source: r.source, addReason: r.addReason,
    stars: r.stars, amount: r.amount, state: r.state, stateLabel: PAYOUT_STATE_LABEL[r.state],
    approvedOn: r.approvedOn, paidOn: r.paidOn, paidByName: r.paidBy ? names.user.get(r.paidBy) || null : null,
    withdrawReason: r.withdrawReason,
  };
}

/** The quarter's rows, branch then person; refuses rather than show a silently cut list. */
export async function quarterPayouts(quarter: string): Promise<WithId<PayoutDoc>[]> {
  const { data } = await col('allowancePayouts').where({ quarter }).orderBy('branchId', 'asc').orderBy('personKey', 'asc').limit(QUARTER_ROWS).get();
  if (data.length >= QUARTER_ROWS) throw new AppError('INTERNAL', '本季度发放记录过多，请联系技术支持。');
  return data;
}

export interface PayoutTotals {
  rows: number;
  pending: number;
  /** Everything approved, paid or not yet (已审批 + 已发放), 元. */
  approved: number;
  paid: number;
  /** Rows withdrawn (their amount counts nowhere). */
  withdrawn: number;
}

export function payoutTotals(rows: PayoutDoc[]): PayoutTotals {
  const sum = (states: PayoutState[]) => rows.filter((r) => states.includes(r.state)).reduce((s, r) => s + r.amount, 0);
  return {
    rows: rows.length,
    pending: sum(['pending']),
    approved: sum(['approved', 'paid']),
    paid: sum(['paid']),
    withdrawn: rows.filter((r) => r.state === 'withdrawn').length,
  };
}

/** Total paid across every quarter, and how many payments: one group, so the limit cuts nothing. */
export async function runningPaid(): Promise<{ amount: number; payments: number }> {
  const $ = cmd().aggregate;
  const { data } = (await col('allowancePayouts')
    .aggregate()
    .match({ state: 'paid' })
    .group({ _id: null, amount: $.sum('$amount'), payments: $.sum(1) })
    .limit(1)
    .end()) as { data: { amount: number; payments: number }[] };
  return { amount: data[0]?.amount ?? 0, payments: data[0]?.payments ?? 0 };
}

/** Why a transition found no row in the state it needs: NOT_FOUND, or CONFLICT naming the state it is in. */
export async function refuseTransition(id: string, wanted: string): Promise<never> {
  const [r] = (await col('allowancePayouts').doc(id).get()).data;
  if (!r) throw new AppError('NOT_FOUND', '该发放记录不存在，请刷新后重试。');
  throw new AppError('CONFLICT', `该记录当前为“${PAYOUT_STATE_LABEL[r.state]}”，不能${wanted}，请刷新后查看。`);
}
