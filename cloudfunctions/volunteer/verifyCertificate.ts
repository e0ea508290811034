import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { checkCertCode } from './certificate';
import { certSecret } from './certSecret';
import { verifyView } from './certificates';

/**
 * 核验志愿服务时长证明: anyone who scans the QR or types the code. A code that fails the signature is
 * refused without touching the database; a well-signed code that was never issued gets the very
 * same answer, so the reply never tells a guesser which half was wrong (see certificate.ts for why
 * this is not an enumeration oracle). The answer shows the issued snapshot with the name masked,
 * valid only while it is the holder's current certificate (certificates.ts → verifyView).
 * Database calls: 0 for a forged code, 1 otherwise.
 */
export const verifyCertificate = action({
  roles: 'anyone',
  // Up to a whole verify URL (what a camera reads from the QR), not just the 10 characters.
  params: z.strictObject({ code: z.string().max(300) }),
  async handler({ code }) {
    const check = checkCertCode(code, certSecret());
    if (!check.ok) return { valid: false as const };
    const [cert] = (await col('volunteerCertificates').where({ code: check.code }).limit(1).get()).data;
    if (!cert) return { valid: false as const };
    return verifyView(cert);
  },
});
