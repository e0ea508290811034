/**
 * The paths from `user.approveMember` and `user.grantRole` (member) onto the roster (offered in
 * public.ts). Both now use `writeEnrolment` below — no transaction: the row is written first under
 * an id derived from what is decided, the user record decides after it (the saga and its repair
 * are in user/approveMember.ts and user/grantRole.ts, issue 19). `enrol`, the transactional form,
 * has no caller left. Either an existing unbound row of the branch is bound to them (the secretary
 * recognises them in the 花名册), or a row is made, counted from the current month; the row carries
 * its first stretch, so making it is one write.
 * One person, one row: the unique `bindKey` index refuses a second row bound to the same openid.
 */
import * as z from 'zod';
import { col, type Tx } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { idParam, memberIds, newRow, RELATIONS, requireFacts, rosterStart, STANDINGS, toFacts } from './roster';

/** What approveMember may add: the row to link, or the facts of the row to make. */
export const enrolParams = {
  memberId: idParam.optional(),
  standing: z.enum(STANDINGS).optional(),
  joinedOn: dayParam.optional(),
  confirmedOn: dayParam.optional(),
  relation: z.enum(RELATIONS).optional(),
  relationHeldAt: z.string().trim().max(60).optional(),
};

export interface Enrolment {
  openid: string;
  branchId: string;
  name: string;
  enterpriseId: string | null;
  memberId?: string;
  standing?: '正式' | '预备';
  joinedOn?: string;
  confirmedOn?: string;
  relation?: '已转入' | '未转入';
  relationHeldAt?: string;
}

/** Checks what can be checked before the transaction (pure): the facts of a row to make. */
export function checkEnrolment(e: Enrolment): void {
  if (e.memberId) return;
  if (e.joinedOn) {
    requireFacts(toFacts({ name: e.name, standing: e.standing ?? '正式', joinedOn: e.joinedOn, confirmedOn: e.confirmedOn, enterpriseId: e.enterpriseId, relation: e.relation ?? '已转入', relationHeldAt: e.relationHeldAt, phone: null }));
  } else if (e.confirmedOn || e.relation === '未转入') {
    throw new AppError('VALIDATION', '请填写入党日期。');
  }
}

/**
 * A new roster row for an approval or a grant of membership, without a transaction, for the user domain's sagas (approveMember,
 * grantRole → member): the row bound to the person, its first stretch on it (newRow), under a row
 * id the caller derives from what is being decided (`memberIds.forApplication` / `forGrant`), so a
 * repeat of an interrupted call writes the row once. One round trip; a repeat that finds the row
 * already there (a duplicate _id) reads it once more to check it is that person's, in that branch.
 * Another row already bound to the person (the unique `bindKey`) is refused with the same words.
 */
export async function writeEnrolment(e: Enrolment, id: string, at = new Date()): Promise<{ memberId: string }> {
  const from = rosterStart(parkDay(at));
  const facts = e.joinedOn
    ? toFacts({ name: e.name, standing: e.standing ?? '正式', joinedOn: e.joinedOn, confirmedOn: e.confirmedOn, enterpriseId: e.enterpriseId, relation: e.relation ?? '已转入', relationHeldAt: e.relationHeldAt, phone: null })
    : { name: e.name, standing: e.standing ?? ('正式' as const), joinedOn: null, confirmedOn: null, enterpriseId: e.enterpriseId, relation: '已转入' as const, relationHeldAt: null, phone: null };
  try {
    await col('partyMembers').add({ _id: id, ...newRow(id, facts, e.branchId, from, e.openid, at) });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const [made] = (await col('partyMembers').doc(id).get()).data;
    // Not this row: another row is bound to the person (bindKey); or this one, made for another
    // branch or moved on since (a concurrent grant into another branch won).
    if (!made || made.bindKey !== e.openid || made.branchId !== e.branchId || made.state !== 'active') throw new AppError('CONFLICT', ALREADY_ON_ROSTER);
  }
  return { memberId: id };
}

/** What an approval says when the person already has a row bound to them elsewhere in the roster. */
export const ALREADY_ON_ROSTER = '该用户已在花名册中有一条记录，请在花名册中核对后再审批。';
