/**
 * Writes to a branch's draft rating of a quarter that are not scores: the 一票否决 and appeals
 * (issue 21, finding F-13). Each tap is four database round trips (local/roundTrips budget ≤ 5):
 * the caller, ONE aggregation for the branch with its rating of the quarter and the rubric, ONE
 * conditional update of the rating document (or its insert), and the audit row.
 *
 * The update touches only the fields these actions own, with atomic operators (`_.push`, `_.pull`,
 * `_.set`), and is conditional on the rating still being a draft — so it can never overwrite what
 * scoreItem or finalizeRating wrote meanwhile, and nothing lands on a final rating. Where it depends
 * on what was read (one open appeal per item, the appeal still open) that is in the condition too.
 * A condition that no longer holds makes the write match nothing: the state is read again and the
 * checks run again (which then refuse with the right reason), at most WRITE_ATTEMPTS times.
 */
import { randomBytes } from 'crypto';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { BranchDoc, RatingDoc, RubricDoc } from './docs';
import { DEFAULT_RUBRIC, quarterRange } from './scoring';
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

export interface RatingContext {
  quarter: string;
  branch: WithId<BranchDoc>;
  rubric: RubricDoc;
  /** The rating document of the quarter, null before anything was scored or filed. */
  cur: WithId<RatingDoc> | null;
}

/** The branch, its rating of the quarter and the rubric in force: one aggregation. */
async function loadContext(quarter: string, branchId: string): Promise<RatingContext> {
  const $ = cmd().aggregate;
  const { data } = (await col('branches')
    .aggregate()
    .match({ _id: branchId })
    .lookup({ from: 'ratings', let: {}, pipeline: $.pipeline().match({ _id: ratingId(quarter, branchId) }).limit(1).done(), as: 'rating' })
    .lookup({ from: 'rubrics', let: {}, pipeline: $.pipeline().match({ _id: 'current' }).limit(1).done(), as: 'rubric' })
    .limit(1)
    .end()) as { data: (WithId<BranchDoc> & { rating: WithId<RatingDoc>[]; rubric: RubricDoc[] })[] };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', '党组织不存在，请刷新后重试。');
  const { rating, rubric, ...branch } = row;
  return { quarter, branch, rubric: rubric[0] ?? { ...DEFAULT_RUBRIC, version: 0, updatedBy: 'system', updatedAt: new Date(0) }, cur: rating[0] ?? null };
}

/** How a write changes the rating: conditions on the stored document, the update, and the same change on a new draft. */
export interface DraftWrite {
  where?: Record<string, unknown>;
  update: Record<string, unknown>;
  /** The change applied to a draft that does not exist yet (inserted whole). */
  fresh: (doc: RatingDoc) => void;
}

const WRITE_ATTEMPTS = 4;

/**
 * Reads the context, lets `plan` check it (throwing AppError to refuse) and say the write, and
 * makes it: refused once the rating is final. Returns what `plan` returned with the write.
 */
export async function writeDraft<R>(quarter: string, branchId: string, plan: (c: RatingContext, at: Date) => { write: DraftWrite; result: R }): Promise<R> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const c = await loadContext(quarter, branchId);
    if (c.cur?.status === 'final') throw new AppError('CLOSED', '该支部本季度已定级，不能再更改。');
    const at = new Date();
    const { write, result } = plan(c, at);
    const id = ratingId(quarter, branchId);
    if (c.cur) {
      const { updated } = await col('ratings').where({ _id: id, status: 'draft', ...(write.where ?? {}) }).update({ ...write.update, updatedAt: at });
      if (updated) return result;
    } else {
      const doc: RatingDoc = {
        quarter, branchId, branchName: c.branch.name, rubricVersion: c.rubric.version, items: [], total: 0, stars: 0, allowance: 0, status: 'draft',
        log: [], finalizedBy: null, finalizedAt: null, createdAt: at, updatedAt: at, veto: null, vetoLog: [], appeals: [], openAppealKeys: [], adjustments: {},
      };
      write.fresh(doc);
      try {
        await col('ratings').add({ _id: id, ...doc });
        return result;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }
  throw new AppError('CONFLICT', '评分正在被其他人修改，请刷新后再试一次。');
}
