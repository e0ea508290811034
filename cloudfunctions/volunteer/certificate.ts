/**
 * Verifiable volunteer-hours certificates (志愿服务时长证明): the verification code, pure and
 * secret-injected so the format and the signature are unit-tested without a database.
 *
 *   code = <serial: 5 chars> <mac: 5 chars>      shown as `ABCDE-FGHJK`
 *
 * Why this shape:
 *  - 10 characters from a 32-letter alphabet without 0/O/1/I (Crockford-like): short enough to read
 *    out over the phone or type from a printed sheet, nothing that looks like something else.
 *    Input is forgiving: case, spaces and hyphens are ignored, and a whole verify URL is accepted.
 *  - `serial` is random (25 bits) and is what the database's unique index `uniq_code` keeps apart;
 *    `mac` is HMAC-SHA256(secret, serial) cut to 25 bits. A guessed or altered code fails the MAC
 *    before any lookup: the server answers a forged code from arithmetic alone, and nothing in
 *    the answer says whether the serial exists.
 *  - Not an enumeration oracle: to be answered "valid" a guess must pass the MAC (1 in 2^25 ≈
 *    33 million) AND hit an issued serial (issued / 2^25). With, say, 10,000 certificates issued,
 *    finding one by guessing takes about 2^50 / 10^4 ≈ 10^11 requests; what it would reveal is a
 *    masked name and an hours figure. That is why no per-caller counter (a database write on every
 *    verification) is kept; the platform's own function rate limits bound the rest.
 *  - The key (REDPARK_CERT_SECRET) is separate from the check-in key: check-in codes live 30 s and
 *    that key may be rotated freely, while a certificate must verify for years.
 */
import { createHmac, randomInt } from 'crypto';
import { sameText } from '../checkin/public';

export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const SERIAL_LENGTH = 5;
export const MAC_LENGTH = 5;
export const CODE_LENGTH = SERIAL_LENGTH + MAC_LENGTH;
export const ISSUER = '星河湾产业园党群服务中心';
/** The h5 page a certificate's QR opens (the mini-program maps the same URL, see README). */
export const VERIFY_PAGE = 'packages/volunteer/verify/index';

const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

function certMac(secret: string, serial: string): string {
  const digest = createHmac('sha256', secret).update(`redpark-cert:v1:${serial}`).digest();
  // 5 characters × 5 bits from the first 4 bytes (32 bits read, 25 used).
  let bits = digest.readUInt32BE(0);
  let out = '';
  for (let i = 0; i < MAC_LENGTH; i++) {
    out += CODE_ALPHABET[bits & 31];
    bits >>>= 5;
  }
  return out;
}

export function randomSerial(rand: (max: number) => number = randomInt): string {
  let s = '';
  for (let i = 0; i < SERIAL_LENGTH; i++) s += CODE_ALPHABET[rand(CODE_ALPHABET.length)];
  return s;
}

export function signCertCode(serial: string, secret: string): string {
  if (!secret) throw new Error('no certificate secret');
  if (!new RegExp(`^[${CODE_ALPHABET}]{${SERIAL_LENGTH}}$`).test(serial)) throw new Error(`bad serial: ${serial}`);
  return serial + certMac(secret, serial);
}

/** `ABCDE-FGHJK` for people; the database keeps the bare 10 characters. */
export function formatCertCode(code: string): string {
  return `${code.slice(0, SERIAL_LENGTH)}-${code.slice(SERIAL_LENGTH)}`;
}

/**
 * The bare code from whatever a person has: the code typed (any case, spaces, hyphens), the
 * verify URL a camera read, or the `q` a mini-program gets when a plain-link QR opens it. '' when
 * nothing usable is there.
 */
export function extractCertCode(input: string): string {
  let s = input.trim();
  for (let i = 0; i < 2 && s.includes('%'); i++) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return '';
    }
  }
  const q = /[?&]code=([^&#]*)/.exec(s);
  if (q) s = q[1];
  s = s.replace(/[\s-]/g, '').toUpperCase();
  return CODE_RE.test(s) ? s : '';
}

export type CertCodeCheck = { ok: true; code: string } | { ok: false };

/** Format and signature only: no database. A failure says nothing about why. */
export function checkCertCode(input: string, secret: string): CertCodeCheck {
  const code = extractCertCode(input);
  if (!code || !secret) return { ok: false };
  const expected = certMac(secret, code.slice(0, SERIAL_LENGTH));
  return sameText(code.slice(SERIAL_LENGTH), expected) ? { ok: true, code } : { ok: false };
}

/**
 * 陈*明, 王*, 欧**华: first and last character kept (a two-character name keeps its first), the
 * rest starred. A verifier who holds the paper sees enough to match it; a stranger with a stolen
 * code does not learn the full name.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function verifyUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/#/${VERIFY_PAGE}?code=${code}`;
}

/** A calendar year's certificate period in park days; the current year ends today. */
export function certPeriod(year: number, today: string): { from: string; to: string } | null {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year > thisYear) return null;
  return { from: `${year}-01-01`, to: year === thisYear ? today : `${year}-12-31` };
}
