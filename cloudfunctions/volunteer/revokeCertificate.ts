import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { checkCertCode, formatCertCode } from './certificate';
import { certSecret } from './certSecret';

/**
 * 作废证明: an admin voids a certificate by its code (e.g. hours corrected after it was printed, or
 * a certificate in a name that is not the holder's). From then on verify answers 该证明已作废 with
 * the reason; the holder may ask for a new one of the hours as recorded now. Audited.
 * Database calls: 1 read, 1 conditional update, the audit row.
 */
export const revokeCertificate = action({
  roles: ['admin'],
  params: z.strictObject({
    // The code as printed, or the whole verify URL a camera read.
    code: z.string().max(300),
    reason: z.string().trim().min(2, '请填写作废原因，核验证明的人会看到这条说明').max(100),
  }),
  async handler({ code, reason }, ctx) {
    const check = checkCertCode(code, certSecret());
    const [cert] = check.ok ? (await col('volunteerCertificates').where({ code: check.code }).limit(1).get()).data : [];
    if (!cert) throw new AppError('NOT_FOUND', '没有找到该验证码对应的证明，请核对证明上的验证码。');
    const now = new Date();
    // Conditional on not yet void: two admins at once record one revocation. Leaving the current
    // key frees the year for a new certificate.
    const { updated } = await col('volunteerCertificates')
      .where({ _id: cert._id, revokedAt: null })
      .update({ revokedAt: now, revokedBy: ctx.caller.openid, revokeReason: reason, currentKey: `x:${cert._id}` });
    if (!updated) throw new AppError('CLOSED', '该证明已经作废过了。');
    const printed = formatCertCode(cert.code);
    await audit(ctx, {
      fn: 'volunteer',
      action: 'revokeCertificate',
      target: `volunteerCertificates/${cert._id}`,
      before: { status: cert.supersededAt ? 'superseded' : 'current' },
      after: { status: 'revoked', reason, code: printed },
    });
    return { code: printed, status: 'revoked' as const, reason, revokedOn: parkDay(now) };
  },
});
