/**
 * Adding a member: the one place a membership is written (by code, by share, by a manager); and
 * who may belong to a group at all, decided from the Party-member roster at the time of the call.
 */
import { col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import { currentBranchOf } from '../party/public';
import type { StudyGroupDoc, StudyMemberDoc } from './docs';
import { memberKey } from './shared';

/** 'joined' for a new member, 'already' when the database already had them. */
export async function addMember(groupId: string, openid: string, via: StudyMemberDoc['via']): Promise<'joined' | 'already'> {
  try {
    await col('studyMembers').add({ _id: memberKey(groupId, openid), groupId, openid, via, joinedAt: new Date() });
    return 'joined';
  } catch (err) {
    if (isDuplicateKey(err)) return 'already';
    throw err;
  }
}

/**
 * Why `openid` may not belong to this group now, or null when they may. A branch group is its
 * branch's: only members whose roster row is in that branch today may join (a member of another
 * branch would inflate or deflate the branch's figure — findings G-07). Topic groups are
 * cross-branch and open to every member (they count for no branch). One read, for branch groups only.
 */
export async function branchRefusal(group: WithId<StudyGroupDoc>, openid: string): Promise<string | null> {
  if (group.kind !== 'branch' || !group.branchId) return null;
  return refusalGiven(group, await currentBranchOf(openid));
}

/** `branchRefusal` with the person's current roster branch already read (by an action's own aggregation). */
export function refusalGiven(group: Pick<StudyGroupDoc, 'kind' | 'branchId'>, branchId: string | null): string | null {
  if (group.kind !== 'branch' || !group.branchId) return null;
  if (branchId === group.branchId) return null;
  return branchId
    ? '这是其他党支部的学习小组，只有该支部的党员可以加入。请加入本支部的学习小组，或跨支部的专题学习小组。'
    : '党员花名册中没有您在该支部的记录（可能已转出或尚未登记），不能加入支部学习小组，请联系支部书记。';
}

/** Refuses, with the reason, a member who may not belong to the group (see branchRefusal). */
export async function requireMayJoin(group: WithId<StudyGroupDoc>, openid: string): Promise<void> {
  const reason = await branchRefusal(group, openid);
  if (reason) throw new AppError('FORBIDDEN', reason);
}

/**
 * A non-manager opening a group they are recorded in: tells a former member why they no longer
 * may (the member role revoked, or moved out of the branch), instead of a bare refusal.
 */
export async function requireStillBelongs(caller: Caller, group: WithId<StudyGroupDoc>): Promise<void> {
  if (!caller.is('member')) throw new AppError('FORBIDDEN', '您的党员身份已撤销，不能再参加学习小组。如有疑问，请联系支部书记。');
  const reason = await branchRefusal(group, caller.openid);
  if (reason) throw new AppError('FORBIDDEN', '您已不在本支部党员名单中（组织关系已转出或尚未登记），不能再参加本支部学习小组；请在新支部的学习小组学习。如有疑问，请联系支部书记。');
}
