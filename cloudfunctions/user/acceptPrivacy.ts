import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';

/** Records consent to the privacy guideline (隐私保护指引); idempotent — the first time stays. */
export const acceptPrivacy = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_params, { caller }) {
    if (caller.user.privacyAcceptedAt) return { privacyAcceptedAt: caller.user.privacyAcceptedAt };
    const at = new Date();
    await col('users').doc(caller.openid).update({ privacyAcceptedAt: at, updatedAt: at });
    return { privacyAcceptedAt: at };
  },
});
