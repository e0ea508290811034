/** Adding a member: the one place a membership is written (by code, by share, by a manager). */
import { col } from '../../server/core/db';
import { isDuplicateKey } from '../../server/core/errors';
import type { StudyMemberDoc } from './docs';
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
