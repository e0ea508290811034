import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { memberView, nameMaps } from './roster';

/** The caller's own roster row, if one is bound to them (null otherwise): what the branch records about them. */
export const myMembership = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const { data } = await col('partyMembers').where({ bindKey: caller.openid }).limit(1).get();
    const m = data[0];
    if (!m) return { member: null };
    const names = await nameMaps([m.branchId], [m.enterpriseId]);
    return { member: memberView(m, names) };
  },
});
