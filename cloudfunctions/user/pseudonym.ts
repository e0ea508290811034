/**
 * The stable pseudonym that replaces a person's openid in the records the park must keep
 * after they delete their data (check-ins, volunteer hours, appointments, demands, audit…).
 *
 * Why HMAC(secret, openid + the account's createdAt):
 * - stable: every kept record of one person gets the same pseudonym, and a retried deletion
 *   (network drop halfway) computes the same one, because the user record is reset last;
 * - one pseudonym per "life" of the account: someone who deletes, comes back and deletes again
 *   gets a new one, so records keyed on the person (checkins.key, volunteer activeKey, the _id of
 *   study progress and quiz attempts) cannot collide with the first deletion's rows under their
 *   unique indexes;
 * - keyed: without the server's secret nobody holding an openid can recompute it (a bare hash
 *   of the openid would re-identify the person). The secret is the deployment's existing
 *   REDPARK_CHECKIN_SECRET with a domain prefix — one secret fewer to provision.
 */
import { createHmac } from 'crypto';
import { replaceToken } from '../../server/core/token';

export const PSEUDONYM_PREFIX = 'anon-';

export function pseudonymOf(secret: string, openid: string, accountCreatedAt: Date | string | number): string {
  const since = new Date(accountCreatedAt).getTime();
  const mac = createHmac('sha256', secret).update(`redpark-pseudonym\n${openid}\n${since}`).digest('hex');
  return PSEUDONYM_PREFIX + mac.slice(0, 24);
}

/** Every string in `value` with the openid (as a whole token, see server/core/token.ts) replaced and the person's name / phone blanked (audit before/after). */
export function scrub(value: unknown, openid: string, pseudonym: string, blank: string[]): unknown {
  if (typeof value === 'string') {
    if (blank.includes(value)) return '';
    return replaceToken(value, openid, pseudonym);
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, openid, pseudonym, blank));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, openid, pseudonym, blank)]));
  }
  return value;
}
