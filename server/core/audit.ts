/**
 * Every admin or secretary change is written to `audit` (who, when, what, before → after).
 * Written after the change it records: a failed audit write fails the call (INTERNAL) rather
 * than leaving an unrecorded change unnoticed in the logs.
 */
import { cmd, col, rewriteWhere } from './db';
import { mapLimit } from './limit';
import { replaceToken } from './token';
import type { Ctx } from './router';

export async function audit(
  ctx: Ctx,
  entry: { fn: string; action: string; target: string; before: unknown; after: unknown },
): Promise<void> {
  await col('audit').add({ actor: ctx.caller.openid, at: new Date(), ...entry });
}

/** Several rows of one change in ONE request (an array insert), e.g. the person's and the branch's row of a grant. */
export async function auditAll(ctx: Ctx, entries: { fn: string; action: string; target: string; before: unknown; after: unknown }[]): Promise<void> {
  const at = new Date();
  await col('audit').add(entries.map((entry) => ({ actor: ctx.caller.openid, at, ...entry })));
}

/**
 * The one change the log ever sees after the fact: when a person deletes their data
 * (the user domain's erase.ts), their openid in it becomes their pseudonym and their name / phone
 * in the before/after snapshots about them are blanked. What was done, when and to which record
 * stays; only who it was stops being readable. Kept here so that this file stays the only writer.
 *
 * Rows carrying the openid: as the actor (one bulk update), and as the subject — the target
 * `users/<openid>` (roles, membership), and the snapshots of changes to OTHER records that name
 * the person: org/addAttendees `after.openids`, org/removeAttendee and study/removeMember
 * `before.openid` (whose target `studyMembers/<group>:<openid>` carries it too), user/grantRole's
 * branch row (`secretaryOpenid`, `replacedSecretary`) and study/transferGroup (`ownerOpenid`). `scrub` replaces
 * the openid in target, before and after, so every rewritten row stops matching — which is what
 * ends rewriteWhere's loop.
 */
export async function pseudonymiseAudit(
  openid: string,
  pseudonym: string,
  rewrite: (snapshot: unknown) => unknown,
): Promise<{ actor: number; target: number }> {
  const _ = cmd();
  const [{ updated: actor }, target] = await Promise.all([
    col('audit').where({ actor: openid }).update({ actor: pseudonym }),
    rewriteWhere(
      'audit',
      _.or([
        { target: `users/${openid}` }, { 'after.openids': openid }, { 'before.openid': openid },
        // A branch's secretary change (user/grantRole → setBranchSecretary) and a group's hand-over (study/transferGroup), G-13.
        { 'before.secretaryOpenid': openid }, { 'after.secretaryOpenid': openid }, { 'after.replacedSecretary': openid },
        { 'before.ownerOpenid': openid }, { 'after.ownerOpenid': openid },
      ]),
      (a) => col('audit').doc(a._id).update({ target: replaceToken(a.target, openid, pseudonym), before: rewrite(a.before), after: rewrite(a.after) }),
    ),
  ]);
  return { actor, target };
}

/** The record of a data deletion, under the person's pseudonym: the openid is what was erased. */
export async function auditErasure(pseudonym: string, counts: unknown): Promise<void> {
  await col('audit').add({ actor: pseudonym, fn: 'user', action: 'deleteMyData', target: `users/${pseudonym}`, before: null, after: counts, at: new Date() });
}

/**
 * Audit rows about records that name a person without carrying their openid in a matchable place
 * (a roster row `partyMembers/<id>`, whose before/after hold the name, phone and openid): their
 * before/after rewritten by `rewrite`. Paged by _id rather than by rewriteWhere, because the
 * rewrite does not change what is matched (the target stays). Bounded like rewriteWhere.
 */
export async function rewriteAuditOf(targets: string[], rewrite: (snapshot: unknown) => unknown): Promise<number> {
  if (!targets.length) return 0;
  const _ = cmd();
  let n = 0;
  let last = '';
  for (let round = 0; round < 200; round++) {
    const where = last ? { target: _.in(targets), _id: _.gt(last) } : { target: _.in(targets) };
    const { data } = await col('audit').where(where).orderBy('_id', 'asc').limit(100).get();
    if (!data.length) return n;
    await mapLimit(data, 10, (a) => col('audit').doc(a._id).update({ before: rewrite(a.before), after: rewrite(a.after) }));
    n += data.length;
    last = data[data.length - 1]._id;
  }
  throw new Error('rewriteAuditOf: too many audit rows');
}
