/**
 * Shared by the 组织关系转接 actions: the params of a 介绍信 and the switch of stretches inside a
 * transaction. Every write below is addressed by _id (the only calls CloudBase runs inside a
 * transaction, STACK-NOTES), which is why the row names its open stretch (`openStretchId`).
 */
import * as z from 'zod';
import { AppError } from '../../server/core/errors';
import { dayParam } from '../../server/core/params';
import type { Tx, WithId } from '../../server/core/db';
import type { PartyMemberDoc } from './docs';
import { newStretch, stretchId } from './roster';

export const letterParams = {
  outsideOrg: z.string().trim().min(1, '请填写对方党组织名称').max(60, '党组织名称不超过 60 字'),
  letterNo: z.string().trim().min(1, '请填写介绍信编号').max(30, '介绍信编号不超过 30 字'),
  letterDate: dayParam,
};

export const NOT_FOUND_MEMBER = '没有找到这名党员的信息，请返回后刷新。';

/**
 * Closes the member's open stretch at `effectiveOn` and, when `toBranchId` is given, opens one in
 * that branch from the same day; returns the new stretch's id (null when the member leaves the park).
 * The day must fall after the open stretch began: a member starts at most one stretch a day.
 */
export async function switchStretch(tx: Tx, m: WithId<PartyMemberDoc>, effectiveOn: string, toBranchId: string | null, transferId: string, at: Date): Promise<string | null> {
  if (!m.openStretchId) throw new AppError('CONFLICT', '该党员已不在园区党组织中。');
  const open = (await tx.collection('partyMemberships').doc(m.openStretchId).get()).data;
  if (!open || open.to !== null) throw new AppError('CONFLICT', '该党员的组织关系记录已变化，请刷新后再试。');
  if (effectiveOn <= open.from) throw new AppError('VALIDATION', `生效日期应晚于其在本支部的起始日期 ${open.from}。`);
  await tx.collection('partyMemberships').doc(open._id).update({ to: effectiveOn });
  if (!toBranchId) return null;
  const id = stretchId(m._id, effectiveOn);
  await tx.collection('partyMemberships').add({ _id: id, ...newStretch(m._id, toBranchId, effectiveOn, transferId, at) });
  return id;
}
