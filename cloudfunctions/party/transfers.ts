/**
 * 组织关系转接 (转入, 园区内转接, 转出) without a transaction: the invariant, the protocol, and why.
 *
 * The invariant lives on ONE document, the roster row (`partyMembers`): its `branchId`, `state`,
 * dated `stretches` (the months it counts in) and `pendingTransferId` (at most one pending
 * between-branch transfer) always agree, because every change of them is a single conditional
 * update of the row — "where the row is still as read" — which MongoDB applies atomically. The
 * 转接记录 (`partyTransfers`) and the audit row are written next to it, after it.
 *
 * Why not a transaction (issue 19): the stretches used to be separate documents, so a switch had
 * to close one, open another and move the row together, inside a CloudBase transaction where every
 * call is its own round trip — eight to twelve per action. With the stretches on the row, the
 * switch is one write, and each action is five round trips at most: the caller, ONE read (the row
 * or the transfer with everything the checks need), the row's conditional update, the 转接记录,
 * the audit row.
 *
 * Which write decides: always the row's. Two deciders at once, a decision racing a withdrawal, a
 * transfer out racing a request — the row's condition (`pendingTransferId`, `state`, `branchId` as
 * read) lets exactly one through; the loser changes nothing and gets CONFLICT.
 *
 * A call killed between its writes (the platform's timeout, a lost instance). The row is the
 * truth and is written first, so the months are right at every instant; what can lag is the
 * 转接记录:
 *   - 园区内转接 (requestTransfer): the record is inserted BEFORE the row is claimed, so a row
 *     never names a record that does not exist. Killed between them, the record stays 'pending'
 *     with no row claiming it: deciding or withdrawing it a minute later finds the row unclaimed
 *     and settles it as void (`settleStale`), and a new request can be made meanwhile.
 *   - a decision or withdrawal killed after the row's update leaves the record 'pending' with the
 *     row no longer naming it. Asking again settles it from the row (`settleStale`): 'confirmed'
 *     when a stretch was opened by it, otherwise the state the caller asked for (a rejection and a
 *     withdrawal leave the row the same).
 *   - 转入 and 转出 write the row first, then the confirmed record under an id the retry derives
 *     again (the letter for 转入, the client's requestId for 转出), so resending the same form
 *     writes the missing record instead of a second transfer.
 * The cost: in that rare window the 转接记录本 shows a transfer as still pending (or missing)
 * until someone looks at it again; the roster, the months and the dues never disagree.
 */
import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { dayParam } from '../../server/core/params';
import type { Caller } from '../../server/core/caller';
import type { PartyMemberDoc, PartyTransferDoc } from './docs';

export const letterParams = {
  outsideOrg: z.string().trim().min(1, '请填写对方党组织名称').max(60, '党组织名称不超过 60 字'),
  letterNo: z.string().trim().min(1, '请填写介绍信编号').max(30, '介绍信编号不超过 30 字'),
  letterDate: dayParam,
};

export const NOT_FOUND_MEMBER = '没有找到这名党员的信息，请返回后刷新。';
export const ROW_CHANGED = '该党员的组织关系已变化，请刷新后再试。';

/**
 * A `$lookup` of the branches the caller keeps (their current secretary) as `kept`, for the one read
 * an action makes anyway; `keptOf` turns it into keptBranches' answer (null = an admin, all).
 */
export function keptLookup(caller: Caller) {
  const $ = cmd().aggregate;
  return { from: 'branches', let: {}, pipeline: $.pipeline().match({ secretaryOpenid: caller.openid }).project({ _id: 1 }).limit(20).done(), as: 'kept' };
}

export function keptOf(caller: Caller, kept: { _id: string }[] | undefined): string[] | null {
  return caller.is('admin') ? null : (kept ?? []).map((b) => b._id);
}

/** Whether a row is one the caller keeps (an admin keeps all). */
export function keeps(kept: string[] | null, m: Pick<PartyMemberDoc, 'branchId'>): boolean {
  return kept === null || (!!m.branchId && kept.includes(m.branchId));
}

/**
 * The row's conditional update: applied only while the row still meets `cond` — the state the action
 * read and stands on (`pendingTransferId`, `state`, `branchId`, the number of stretches). Answers
 * whether it applied; "no" means someone else changed the row in between (CONFLICT).
 */
export async function updateRowWhere(m: WithId<PartyMemberDoc>, cond: Record<string, unknown>, set: Record<string, unknown>): Promise<boolean> {
  const { updated } = await col('partyMembers').where({ _id: m._id, ...cond }).update(set);
  return updated === 1;
}

/** The stretches written whole (`_.set`): an array of objects must replace, never merge. */
export function stretchesSet(stretches: PartyMemberDoc['stretches']) {
  return cmd().set(stretches);
}

/** Inserts a confirmed 转接记录 under its derived id; a record already there (a resend) is fine. */
export async function recordOnce(id: string, doc: PartyTransferDoc): Promise<void> {
  try {
    await col('partyTransfers').add({ _id: id, ...doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * A writer of this protocol finishes its second write within the function's timeout (10 s), so a
 * record and a row both untouched for a minute have no call in flight between them.
 */
export const QUIET_MS = 60_000;

/**
 * A pending between-branch record whose row no longer names it (see the header: a call killed
 * between its writes). Settled from the row, conditional on still 'pending', once both have been
 * quiet for QUIET_MS — before that, a request may still be about to claim the row, or a decision
 * about to mark the record, and settling would overtake it. Answers the state, or null while not
 * yet quiet (the caller answers CONFLICT: try again shortly).
 */
export async function settleStale(t: WithId<PartyTransferDoc>, row: Pick<PartyMemberDoc, 'stretches' | 'updatedAt'> | null, asked: 'rejected' | 'cancelled', by: string, now = Date.now()): Promise<PartyTransferDoc['state'] | null> {
  const quiet = (d: Date | undefined) => !d || now - new Date(d).getTime() > QUIET_MS;
  if (!quiet(t.requestedAt) || !quiet(row?.updatedAt)) return null;
  const opened = !!row?.stretches?.some((s) => s.transferId === t._id);
  const state = opened ? 'confirmed' : asked;
  await col('partyTransfers').where({ _id: t._id, state: 'pending' }).update({ state, decidedBy: by, decidedAt: new Date() });
  return state;
}

export function conflict(message = ROW_CHANGED): AppError {
  return new AppError('CONFLICT', message);
}
