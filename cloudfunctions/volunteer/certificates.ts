/**
 * Issuing and reading volunteer certificates against the database (the code rules are pure, in
 * certificate.ts). Kept out of the action files so both actions and the seed share one shape.
 */
import { col, transaction, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { addDays, dayStart, parkDay } from '../../server/core/time';
import type { VolunteerCertificateDoc } from './docs';
import { minutesLabel } from './hours';
import { creditedTotals, type CreditedTotals } from './totals';
import { formatCertCode, ISSUER, maskName, randomSerial, signCertCode, verifyUrl } from './certificate';

/** What the certificate says about its name (see VolunteerCertificateDoc.nameSource). */
export const NAME_NOTE = '姓名由本人填报';

/** The `currentKey` of a person's current certificate of the year a period starts in. */
export function currentKeyOf(openid: string, periodFrom: string): string {
  return `${openid}:${periodFrom.slice(0, 4)}`;
}

/** The person's current certificate of that year, if any (1 read by the unique `currentKey`). */
export async function currentCertificate(openid: string, periodFrom: string): Promise<WithId<VolunteerCertificateDoc> | null> {
  const { data } = await col('volunteerCertificates').where({ currentKey: currentKeyOf(openid, periodFrom) }).limit(1).get();
  return data[0] ?? null;
}

/** Credited minutes and activities of one person in a period of park days (inclusive). */
export function hoursInPeriod(openid: string, from: string, to: string): Promise<CreditedTotals> {
  return creditedTotals(openid, { start: dayStart(from), end: dayStart(addDays(to, 1)) });
}

const CODE_ATTEMPTS = 3;

export type NewCertificate = Omit<VolunteerCertificateDoc, 'code' | 'currentKey' | 'nameSource' | 'supersededAt' | 'revokedAt'>;

/**
 * Stores a new current certificate of the person's year. `replaces` (the current one the caller
 * compared against) is superseded in the same transaction, so there is never a moment with two
 * current certificates or none. The unique `currentKey` is what keeps one current certificate
 * whatever runs at once: an issuer that lost the race finds the winner's and returns it. A clash
 * on `uniq_code` (a random serial already taken, about 1 in 33 million) draws a new serial.
 */
export async function storeCertificate(
  doc: NewCertificate,
  secret: string,
  replaces: WithId<VolunteerCertificateDoc> | null = null,
): Promise<WithId<VolunteerCertificateDoc>> {
  const currentKey = currentKeyOf(doc.openid, doc.periodFrom);
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const code = signCertCode(randomSerial(), secret);
    const _id = `vc-${code}`;
    const full: VolunteerCertificateDoc = { ...doc, code, currentKey, nameSource: 'self', supersededAt: null, revokedAt: null };
    try {
      if (!replaces) {
        await col('volunteerCertificates').add({ _id, ...full });
        return { _id, ...full };
      }
      const old = replaces;
      const stored = await transaction(async (tx) => {
        const certs = tx.collection('volunteerCertificates');
        const now = (await certs.doc(old._id).get()).data;
        if (now?.currentKey !== currentKey) return false; // superseded or revoked meanwhile
        await certs.doc(old._id).update({ currentKey: `x:${old._id}`, supersededAt: doc.issuedAt });
        await certs.add({ _id, ...full });
        return true;
      });
      if (stored) return { _id, ...full };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Another issue of the same year won (its certificate is current now), or the code clashed.
    const current = await currentCertificate(doc.openid, doc.periodFrom);
    if (current && current._id !== replaces?._id) return current;
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
    nameNote: NAME_NOTE,
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

/**
 * What a verifier is told about a stored certificate: valid only while current; a superseded one
 * shows its own (older) figures marked 已更新, a revoked one only that it is void and why.
 */
export function verifyView(c: WithId<VolunteerCertificateDoc>) {
  if (c.revokedAt) {
    return { valid: false as const, status: 'revoked' as const, message: '该证明已作废', reason: c.revokeReason ?? '', revokedOn: parkDay(c.revokedAt) };
  }
  if (c.supersededAt) {
    return { valid: false as const, status: 'superseded' as const, message: '该证明已更新，请向持证人索取最新的证明。', certificate: publicView(c) };
  }
  return { valid: true as const, status: 'current' as const, certificate: publicView(c) };
}

export { ISSUER };
