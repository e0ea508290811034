/**
 * Issuing and reading volunteer certificates against the database (the code rules are pure, in
 * certificate.ts). Kept out of the action files so both actions and the seed share one shape.
 */
import { col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { addDays, dayStart, parkDay } from '../../server/core/time';
import type { VolunteerCertificateDoc } from './docs';
import { minutesLabel } from './hours';
import { creditedTotals, type CreditedTotals } from './totals';
import { formatCertCode, ISSUER, maskName, randomSerial, signCertCode, verifyUrl } from './certificate';

export function certificateId(openid: string, from: string, to: string): string {
  return `${openid}:${from}:${to}`;
}

/** Credited minutes and activities of one person in a period of park days (inclusive). */
export function hoursInPeriod(openid: string, from: string, to: string): Promise<CreditedTotals> {
  return creditedTotals(openid, { start: dayStart(from), end: dayStart(addDays(to, 1)) });
}

const CODE_ATTEMPTS = 3;

/**
 * Stores the certificate once per person and period. The `_id` (person + period) makes a repeat or
 * a concurrent second request land on the first certificate; a clash on `uniq_code` (a random
 * serial already taken, about 1 in 33 million per issued certificate) draws a new serial.
 */
export async function storeCertificate(
  doc: Omit<VolunteerCertificateDoc, 'code'>,
  secret: string,
): Promise<WithId<VolunteerCertificateDoc>> {
  const id = certificateId(doc.openid, doc.periodFrom, doc.periodTo);
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const full = { ...doc, code: signCertCode(randomSerial(), secret) };
    try {
      await col('volunteerCertificates').add({ _id: id, ...full });
      return { _id: id, ...full };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const [existing] = (await col('volunteerCertificates').doc(id).get()).data;
      if (existing) return existing;
      // Not our id: the code clashed; draw another serial.
    }
  }
  throw new AppError('CONFLICT', '生成证明时编号冲突，请再试一次。');
}

/** The issued figures, as both the holder and a verifier see them. */
function figures(c: WithId<VolunteerCertificateDoc>) {
  return {
    code: formatCertCode(c.code),
    minutes: c.minutes,
    label: minutesLabel(c.minutes),
    hours: Math.round((c.minutes / 60) * 10) / 10,
    activities: c.activities,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    issuer: c.issuer,
    issuedAt: c.issuedAt,
    issuedOn: parkDay(c.issuedAt),
  };
}

/** What the holder sees: the full name and the verify link the QR carries. */
export function holderView(c: WithId<VolunteerCertificateDoc>, origin: string) {
  return { ...figures(c), name: c.name, verifyUrl: verifyUrl(origin, c.code) };
}

/** What anyone verifying sees: the confirmed figures with the name partly hidden, nothing else. */
export function publicView(c: WithId<VolunteerCertificateDoc>) {
  return { ...figures(c), name: maskName(c.name) };
}

export { ISSUER };
