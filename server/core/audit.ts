/**
 * Every admin or secretary change is written to `audit` (who, when, what, before → after).
 * Written after the change it records: a failed audit write fails the call (INTERNAL) rather
 * than leaving an unrecorded change unnoticed in the logs.
 */
import { col } from './db';
import type { Ctx } from './router';

export async function audit(
  ctx: Ctx,
  entry: { fn: string; action: string; target: string; before: unknown; after: unknown },
): Promise<void> {
  await col('audit').add({ actor: ctx.caller.openid, at: new Date(), ...entry });
}

/**
 * The one change the log ever sees after the fact: when a person deletes their data
 * (server/privacy/erase.ts), their openid in it becomes their pseudonym and their name / phone
 * in the before/after snapshots about them are blanked. What was done, when and to which record
 * stays; only who it was stops being readable. Kept here so that this file stays the only writer.
 */
export async function pseudonymiseAudit(
  openid: string,
  pseudonym: string,
  rewrite: (snapshot: unknown) => unknown,
): Promise<{ actor: number; target: number }> {
  const { updated: actor } = await col('audit').where({ actor: openid }).update({ actor: pseudonym });
  let target = 0;
  // Rows about the person (`users/<openid>`); each rewrite stops the row matching, which ends the loop.
  for (let round = 0; round < 100; round++) {
    const { data } = await col('audit').where({ target: `users/${openid}` }).limit(100).get();
    if (!data.length) break;
    await Promise.all(
      data.map((a) => col('audit').doc(a._id).update({ target: `users/${pseudonym}`, before: rewrite(a.before), after: rewrite(a.after) })),
    );
    target += data.length;
  }
  return { actor, target };
}

/** The record of a data deletion, under the person's pseudonym: the openid is what was erased. */
export async function auditErasure(pseudonym: string, counts: unknown): Promise<void> {
  await col('audit').add({ actor: pseudonym, fn: 'user', action: 'deleteMyData', target: `users/${pseudonym}`, before: null, after: counts, at: new Date() });
}
