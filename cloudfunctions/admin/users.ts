import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, contains } from '../../server/core/db';
import { pageOf } from './paging';
import { ROLES } from '../../server/core/roles';
import { effectiveRoles } from '../../server/core/caller';


/**
 * Users and roles: search by name, phone or openid, filter by role, paged (two calls). Roles are
 * granted and revoked through `user.grantRole` / `user.revokeRole`, which audit; this only lists.
 */
export const users = action({
  roles: ['admin'],
  params: z.strictObject({
    q: z.string().trim().max(40).optional(),
    role: z.enum(ROLES).optional(),
    page: z.number().int().min(1).max(10_000).optional(),
  }),
  async handler(p) {
    const _ = cmd();
    const conds: Record<string, unknown>[] = [];
    if (p.role && p.role !== 'visitor') conds.push({ roles: p.role });
    if (p.q) {
      const re = contains(p.q);
      conds.push(_.or([{ 'profile.name': re }, { 'profile.phone': re }, { openid: re }]));
    }
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    const list = await pageOf('users', where, 'updatedAt', p.page ?? 1);
    return {
      ...list,
      rows: list.rows.map((u) => ({
        openid: u.openid,
        name: u.profile?.name ?? '',
        phone: u.profile?.phone ?? '',
        roles: effectiveRoles(u),
        branchId: u.branchId,
        enterpriseId: u.enterpriseId,
        expertTeamId: u.expertTeamId,
      })),
    };
  },
});
