import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { checkCertCode } from './certificate';
import { certSecret } from './certSecret';
import { verifyView } from './certificates';
import { spendAttempt } from '../../server/core/rateLimit';

/** Thirty checks in ten minutes: an employer checks a stack of certificates; a guesser gets ~4 000 a day against 2^50. */
const VERIFY_TRIES = { scope: 'verifyCertificate', max: 30, windowMinutes: 10 };

/**
 * 核验志愿服务时长证明: anyone who scans the QR or types the code. A code that fails the signature is
 * refused without reading certificates; a well-signed code that was never issued gets the very
 * same answer, so the reply never tells a guesser which half was wrong (see certificate.ts for why
 * this is not an enumeration oracle). The answer shows the issued snapshot with the name masked,
 * valid only while it is the holder's current certificate (certificates.ts → verifyView).
 * Database calls: the rate limit's (server/core/rateLimit.ts), then 0 for a forged code, 1 otherwise.
 */
export const verifyCertificate = action({
  roles: 'anyone',
  // Up to a whole verify URL (what a camera reads from the QR), not just the 10 characters.
  params: z.strictObject({ code: z.string().max(300) }),
  async handler({ code }, { caller }) {
    await spendAttempt(caller.openid, VERIFY_TRIES);
    const check = checkCertCode(code, certSecret());
    if (!check.ok) return { valid: false as const };
    const [cert] = (await col('volunteerCertificates').where({ code: check.code }).limit(1).get()).data;
    if (!cert) return { valid: false as const };
    return verifyView(cert);
  },
});
