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

/** Inside the caller's transaction: binds or makes the row. Returns its id and whether it was linked. */
export async function enrol(tx: Tx, e: Enrolment, at = new Date()): Promise<{ memberId: string; linked: boolean }> {
  if (e.memberId) {
    const m = (await tx.collection('partyMembers').doc(e.memberId).get()).data;
    if (!m || m.branchId !== e.branchId || m.state !== 'active') throw new AppError('NOT_FOUND', '花名册中没有这条本支部的记录，请刷新后重新选择。');
    if (m.openid) throw new AppError('CONFLICT', '这条花名册记录已关联了其他微信用户，请选择其他记录或新建。');
    await tx.collection('partyMembers').doc(m._id).update({ openid: e.openid, bindKey: e.openid, updatedAt: at });
    return { memberId: m._id, linked: true };
  }
  // A fresh id, not one derived from the openid: after 删除我的数据 the branch keeps the person's
  // old row (unbound), and a later approval of the same person must make a new one, not collide
  // with it. One person, one bound row still holds: the unique bindKey refuses a second.
  const id = memberIds.fresh();
  const from = rosterStart(parkDay(at));
  // Without 入党日期 the row is made incomplete (joinedOn null) for the secretary to finish: the
  // app does not invent a date it was never told.
  const facts = e.joinedOn
    ? toFacts({ name: e.name, standing: e.standing ?? '正式', joinedOn: e.joinedOn, confirmedOn: e.confirmedOn, enterpriseId: e.enterpriseId, relation: e.relation ?? '已转入', relationHeldAt: e.relationHeldAt, phone: null })
    : { name: e.name, standing: e.standing ?? ('正式' as const), joinedOn: null, confirmedOn: null, enterpriseId: e.enterpriseId, relation: '已转入' as const, relationHeldAt: null, phone: null };
  const row = newRow(id, facts, e.branchId, from, e.openid, at);
  await tx.collection('partyMembers').add({ _id: id, ...row });
  return { memberId: id, linked: false };
}

/**
 * The new-row path of `enrol` OUTSIDE a transaction, for the user domain's sagas (approveMember,
 * grantRole → member): the row bound to the person, its first stretch on it (newRow), under a row
 * id the caller derives from what is being decided (`memberIds.forApplication` / `forGrant`), so a
 * repeat of an interrupted call writes the row once. One round trip; a repeat that finds the row
 * already there (a duplicate _id) reads it once more to check it is that person's, in that branch.
 * Another row already bound to the person (the unique `bindKey`) is refused with the same words as
 * the transactional path.
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
