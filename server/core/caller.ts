/**
 * The caller of an action: their openid, roles and user record. The record is created on the
 * first call; a unique _id (the openid) makes two simultaneous first calls create one record.
 * Cost: one database read per call (two, plus one insert, on a person's very first call).
 */
import { col, type WithId } from './db';
import { isDuplicateKey } from './errors';
import { adminOpenids } from './config';
import type { Role } from './roles';
import type { UserDoc } from './schema';

export interface Caller {
  openid: string;
  roles: Role[];
  user: WithId<UserDoc>;
  is(role: Role): boolean;
}

export function newUser(openid: string, at = new Date()): UserDoc {
  return {
    openid,
    roles: [],
    profile: {},
    enterpriseId: null,
    branchId: null,
    memberStatus: 'none',
    expertTeamId: null,
    privacyAcceptedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}

export function effectiveRoles(user: Pick<UserDoc, 'openid' | 'roles'>): Role[] {
  const roles = new Set<Role>(['visitor', ...(user.roles ?? [])]);
  if (adminOpenids().includes(user.openid)) roles.add('admin');
  return [...roles];
}

export async function loadCaller(openid: string): Promise<Caller> {
  const users = col('users');
  let [user] = (await users.doc(openid).get()).data;
  if (!user) {
    try {
      await users.add({ _id: openid, ...newUser(openid) });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    [user] = (await users.doc(openid).get()).data;
  }
  const roles = effectiveRoles(user);
  return { openid, roles, user, is: (r) => roles.includes(r) };
}
