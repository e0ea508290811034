import * as z from 'zod';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { UserDoc } from '../../server/core/schema';

export const openidParam = z.string().trim().min(1, '请选择用户').max(128);
export const idParam = z.string().trim().min(1).max(64);

export async function getUser(openid: string): Promise<WithId<UserDoc>> {
  const [user] = (await col('users').doc(openid).get()).data;
  if (!user) throw new AppError('NOT_FOUND', '该用户尚未使用过小程序，请让其先打开一次。');
  return user;
}

/** Who a person is, as shown in admin lists. */
export function summary(u: WithId<UserDoc>) {
  return { openid: u.openid, name: u.profile?.name ?? '', roles: u.roles, branchId: u.branchId, memberStatus: u.memberStatus };
}
