/**
 * A per-openid allowance of attempts at an action that takes a guessable code (an enterprise
 * invite, a study-group code, a certificate code): `max` attempts per fixed window of
 * `windowMinutes`, then RATE_LIMITED with the time the next window opens.
 *
 * The count lives in the database — one document per scope, openid and window
 * (`rateLimits/<scope>:<openid>:<windowStart>`) — because functions run as many stateless
 * instances: a counter in memory would reset with every cold start and split across instances.
 * Spending is ONE conditional update (`count < max` → `count + 1`), so parallel calls of one
 * person can never get past the allowance; nothing is read first.
 *
 * Every attempt is counted, successful ones too. Counting only failed guesses would need the
 * limit known BEFORE the attempt (a blocked guesser must not learn that a guess was right), so
 * either a read of the counter before every attempt or a refund after every success: one more
 * round trip on the success path either way, and a read-then-decide gate lets a burst through
 * together. Instead the allowances are generous enough for a person's real use (one invite, a
 * few groups, a stack of certificates to check) while still capping a guesser at a few thousand
 * tries a day against key spaces of 2^40 and more.
 *
 * Cost per call: one round trip; two for a person's first attempt in a window (the update finds
 * nothing, then the window's document is created); three once they are refused (update, create
 * refused as a duplicate, the update again — the second update is what tells a full window from a
 * window a parallel call created a moment ago). With `firstTry` (an action people do once) the
 * create comes first: one round trip for a first attempt, two for a later one or a refusal.
 * Window documents are tiny and not swept; the person's are deleted with their data
 * (user/erase.ts).
 *
 * The key is the openid the platform injects: in production one per WeChat account and app,
 * which a guesser cannot mint at will.
 */
import { cmd, col } from './db';
import { AppError, isDuplicateKey } from './errors';
import { inPark } from './time';

export interface RateLimit {
  /** What is being limited, e.g. 'redeemInvite' (part of the document id). */
  scope: string;
  max: number;
  windowMinutes: number;
  /**
   * Most attempts are a person's first in their window (an invite is redeemed once): create the
   * window's document first, and raise it only when it exists — one round trip for the usual
   * attempt, not two. Only the order of the two writes changes; the count is the same.
   */
  firstTry?: boolean;
}

/** Spends one attempt of `openid` at `limit.scope`, or throws RATE_LIMITED saying when to try again. */
export async function spendAttempt(openid: string, limit: RateLimit, now = Date.now()): Promise<void> {
  const windowMs = limit.windowMinutes * 60_000;
  const start = now - (now % windowMs);
  const _id = `${limit.scope}:${openid}:${start}`;
  const spend = async () => (await col('rateLimits').where({ _id, count: cmd().lt(limit.max) }).update({ count: cmd().inc(1) })).updated === 1;
  if (!limit.firstTry && (await spend())) return;
  try {
    await col('rateLimits').add({ _id, openid, scope: limit.scope, count: 1, windowEnd: new Date(start + windowMs) });
    return;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  // The window's document exists: full, or just created by a parallel call of the same person.
  if (await spend()) return;
  throw new AppError('RATE_LIMITED', `尝试次数过多，请于 ${inPark(start + windowMs).format('HH:mm')} 后再试。`);
}
