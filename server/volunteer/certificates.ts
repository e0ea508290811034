/**
 * Issuing and reading volunteer certificates against the database (the code rules are pure, in
 * certificate.ts). Kept out of the action files so both actions and the seed share one shape.
 */
import { cmd, col, during, type WithId } from '../core/db';
import { AppError, isDuplicateKey } from '../core/errors';
import { dayjs, PARK_TZ, parkDay } from '../core/time';
import type { VolunteerCertificateDoc } from '../core/schema';
import { minutesLabel } from './hours';
import { formatCertCode, ISSUER, maskName, randomSerial, signCertCode, verifyUrl } from './certificate';

export function certificateId(openid: string, from: string, to: string): string {
  return `${openid}:${from}:${to}`;
}

/** Start of `from` to the start of the day after `to`, in the park's zone. */
function periodRange(from: string, to: string): { start: Date; end: Date } {
  return {
    start: dayjs.tz(from, PARK_TZ).startOf('day').toDate(),
    end: dayjs.tz(to, PARK_TZ).add(1, 'day').startOf('day').toDate(),
  };
}

/** Credited minutes and activities of one person in a period, summed by the database. */
export async function hoursInPeriod(openid: string, from: string, to: string): Promise<{ minutes: number; activities: number }> {
  const _ = cmd();
  const $ = _.aggregate;
  const r = periodRange(from, to);
  const res = (await col('volunteerRegistrations')
    .aggregate()
    .match({ openid, minutes: _.gt(0), startAt: during(r.start, r.end) })
    .group({ _id: null, minutes: $.sum('$minutes'), activities: $.sum(1) })
    .end()) as { data: { minutes: number; activities: number }[] };
  const t = res.data[0];
  return { minutes: t?.minutes ?? 0, activities: t?.activities ?? 0 };
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
