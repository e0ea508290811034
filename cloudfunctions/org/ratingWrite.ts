/**
 * Writes to a branch's draft rating of a quarter that are not scores: the 一票否决 and appeals
 * (issue 21, finding F-13). Each is one transaction on the rating document itself — the same
 * document scoreItem and finalizeRating write — so a veto or an appeal either lands before the
 * rating is final or is refused, never half-way, and finalizeRating sees exactly the state it stores.
 *
 * The whole document is written back with `set` (it was read in the transaction): a partial
 * `update({ veto: {...} })` travels as `$set: { 'veto.ruleKey': … }`, which MongoDB refuses when the
 * stored `veto` is null (STACK-NOTES, findings/platform.md).
 */
import { randomBytes } from 'crypto';
import { transaction, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { BranchDoc, RatingDoc } from './docs';
import { quarterRange } from './scoring';
import { ratingId } from './ratingData';

export const newAppealId = () => `ap${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;

/**
 * The branch being rated never rules on its own rating: its secretary, or an approved member of
 * it, is refused even when they are also an admin. Decided from the caller's record as read for
 * this call (roles and branch at call time), never from anything the client sends.
 */
export function isOwnBranch(caller: Caller, branch: WithId<BranchDoc>): boolean {
  return branch.secretaryOpenid === caller.openid || (caller.user.branchId === branch._id && caller.user.memberStatus === 'approved');
}

export function refuseOwnBranch(caller: Caller, branch: WithId<BranchDoc>, what: string): void {
  if (isOwnBranch(caller, branch)) throw new AppError('FORBIDDEN', `您是该支部的书记或党员，不能${what}，请由其他管理员办理。`);
}

/** A quarter that has begun (a rating of a future quarter has nothing to rule on). */
export function refuseFutureQuarter(quarter: string): void {
  if (quarterRange(quarter).from.getTime() > Date.now()) throw new AppError('VALIDATION', '该季度尚未开始。');
}

/**
 * Runs `change` on the draft rating (a new draft when none exists yet) inside one transaction and
 * writes the result back whole. Refused once the rating is final. `change` may throw an AppError to
 * refuse (the transaction then writes nothing).
 */
export async function changeDraft<R>(
  quarter: string,
  branch: WithId<BranchDoc>,
  rubricVersion: number,
  change: (doc: RatingDoc, at: Date) => R,
): Promise<R> {
  const id = ratingId(quarter, branch._id);
  return transaction(async (tx) => {
    const cur = (await tx.collection('ratings').doc(id).get()).data;
    if (cur?.status === 'final') throw new AppError('CLOSED', '该支部本季度已定级，不能再更改。');
    const at = new Date();
    const doc: RatingDoc = cur
      ? (({ _id, ...rest }) => rest)(cur)
      : { quarter, branchId: branch._id, branchName: branch.name, rubricVersion, items: [], total: 0, stars: 0, allowance: 0, status: 'draft', log: [], finalizedBy: null, finalizedAt: null, createdAt: at, updatedAt: at };
    const out = change(doc, at);
    doc.updatedAt = at;
    await tx.collection('ratings').doc(id).set(doc);
    return out;
  });
}
