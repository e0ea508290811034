import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { ROLE_LABEL } from '../../server/core/roles';
import type { ParkDoc } from './docs';

/** Everything the app needs to render a person's home and 我的 page, in one call. */
export const me = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_params, { caller }) {
    const u = caller.user;
    // Independent reads in parallel: one round trip of latency instead of three.
    // `branch` is the person's own membership; `ledBranches` is a secretary's scope — the branches
    // naming them secretary now (G-13: the two are separate; a 兼任 secretary may be a member of
    // none, or of another branch than the ones they lead).
    const [enterprise, branch, park, led] = await Promise.all([
      u.enterpriseId ? col('enterprises').doc(u.enterpriseId).get() : null,
      u.branchId ? col('branches').doc(u.branchId).get() : null,
      col('park').doc('main').get(),
      caller.is('secretary') ? col('branches').where({ secretaryOpenid: caller.openid }).field({ name: true }).limit(100).get() : null,
    ]);
    const e = enterprise?.data[0];
    const b = branch?.data[0];
    const p = park.data[0] as (ParkDoc & { _id: string }) | undefined;
    return {
      openid: caller.openid,
      roles: caller.roles,
      roleLabels: caller.roles.map((r) => ROLE_LABEL[r]),
      profile: u.profile ?? {},
      privacyAccepted: !!u.privacyAcceptedAt,
      memberStatus: u.memberStatus,
      enterprise: e ? { id: e._id, name: e.name } : null,
      branch: b ? { id: b._id, name: b.name } : null,
      ledBranches: (led?.data ?? []).map((x) => ({ id: x._id, name: x.name as string })),
      park: p
        ? { name: p.name, centerName: p.centerName, address: p.address, phone: p.phone, services: p.services }
        : null,
    };
  },
});
