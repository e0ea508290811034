/**
 * What the group-keeping actions (transferGroup, renameGroup, closeGroup, unbindChat; G-13) share:
 * the group with its branch's current secretary — and, for a hand-over, the new owner's user
 * record — in ONE aggregation, so each of them stays at four or five database round trips
 * (the caller, this read, the conditional write, the audit row, and at most one more).
 */
import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { UserDoc } from '../../server/core/schema';
import type { StudyGroupDoc } from './docs';
import { managesGroup } from './shared';

export const groupNameParam = z.string().trim().min(2, '小组名称至少 2 个字').max(30, '小组名称不超过 30 个字');

export interface KeptGroup {
  group: WithId<StudyGroupDoc>;
  /** The group's branch's secretary now (null for a topic group or a branch without one). */
  branchSecretary: string | null;
  manager: boolean;
  /** The user record of `withUser`, when asked for and it exists. */
  user: WithId<UserDoc> | null;
}

const MISSING = '学习小组不存在或已解散，请返回刷新。';

export async function keptGroup(caller: Caller, groupId: string, withUser?: string): Promise<KeptGroup> {
  const $ = cmd().aggregate;
  let q = col('studyGroups')
    .aggregate()
    .match({ _id: groupId })
    .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' });
  if (withUser) q = q.lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ _id: withUser }).limit(1).done(), as: 'user' });
  const { data } = (await q.limit(1).end()) as { data: (WithId<StudyGroupDoc> & { branch: { secretaryOpenid?: string | null }[]; user?: WithId<UserDoc>[] })[] };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', MISSING);
  const { branch, user, ...group } = row;
  const branchSecretary = branch[0]?.secretaryOpenid ?? null;
  return { group: group as WithId<StudyGroupDoc>, branchSecretary, manager: managesGroup(caller, group, branchSecretary), user: user?.[0] ?? null };
}

/** The group, refused unless the caller runs it now (its branch's secretary, a topic group's secretary owner, an admin). */
export async function requireKeeper(caller: Caller, groupId: string): Promise<KeptGroup> {
  const k = await keptGroup(caller, groupId);
  if (!k.manager) throw new AppError('FORBIDDEN', '只有小组负责人、所在支部书记或党务管理员可以进行此操作。');
  return k;
}

export const isClosed = (g: Pick<StudyGroupDoc, 'closedAt'>) => !!g.closedAt;
export const CLOSED_GROUP = '该学习小组已关闭，不能再加入或发布新专题；历史学习记录仍可查看。';
