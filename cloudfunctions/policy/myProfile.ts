import * as z from 'zod';
import { action } from '../../server/core/router';
import { enterpriseIdOf, getEnterprise, profileView } from './shared';

/**
 * The matching profile of the caller's enterprise. It is the `enterprises` document itself — one
 * profile, not two: the 五清 ledger extends the same document, and matching reads only these fields.
 */
export const myProfile = action({
  roles: ['enterprise'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    return profileView(await getEnterprise(enterpriseIdOf(caller)));
  },
});
