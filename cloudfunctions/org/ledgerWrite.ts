/**
 * Every change to a ledger entry goes through here: the entry is read, the patch applied, the facts
 * checked to still agree with each other, and the entry written with its change-log row (who, when,
 * which fields from what to what) — an entry never changes unlogged, and two people editing at once
 * each log exactly the change they made on top of the other's.
 *
 * Not a transaction but a saga (issue 19: start + read + update + log + commit made five round
 * trips of the ledger's seven): ONE conditional update decides — the entry moves from the revision
 * it was read at (`ledgerRev`; and the profile edit it was read after, `profileUpdatedAt`, since
 * policy.updateMyProfile writes the same document) to the next, and keeps that change
 * (`ledgerLastChange`: revision, role, fields; the actor is `ledgerUpdatedBy`). Then the log row is
 * written under a fixed id, `<entry>:r<revision>`, so it is written once however often it is tried.
 * Refused (someone else's change landed in between), the call reads again and applies its patch on
 * top — at most three times. A call that dies between the update and the log row leaves an entry
 * whose latest change has no row: the entry page (getEnterprise) writes it from `ledgerLastChange`.
 * Round trips: read, update, log row — three (a refused update: three more per try).
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Ctx } from '../../server/core/router';
import type { EnterpriseDoc, LedgerChangeDoc } from './docs';
import { applyPatch, FIELD_LABELS, inconsistency, ledgerFacts, type FieldChange, type LedgerPatch } from './ledgerFields';

/**
 * Fields of the entry that are not 五清 facts but are written (and logged) with them: the assigned
 * instructor (org.assignInstructor) and the 统一社会信用代码 (the Excel import).
 */
export interface LedgerExtra {
  instructor?: EnterpriseDoc['instructor'];
  creditCode?: string;
}

export async function writeLedger(
  ctx: Ctx,
  enterpriseId: string,
  patch: LedgerPatch,
  extra: LedgerExtra = {},
  /** The entry as this call already read it (org.assignInstructor's aggregation): the first try starts from it. */
  read?: WithId<EnterpriseDoc> | null,
): Promise<{ changes: FieldChange[] }> {
  const actorRole: LedgerChangeDoc['actorRole'] = ctx.caller.is('admin') ? 'admin' : 'enterprise';
  const _ = cmd();
  for (let attempt = 0; attempt < 3; attempt++) {
    const [e] = attempt === 0 && read !== undefined ? (read ? [read] : []) : (await col('enterprises').doc(enterpriseId).get()).data;
    if (!e) throw new AppError('NOT_FOUND', '企业不存在，请返回台账刷新后重试。');
    if (actorRole === 'enterprise' && !(e.contactOpenids ?? []).includes(ctx.caller.openid)) {
      throw new AppError('FORBIDDEN', '只能维护本企业的台账。');
    }
    const { after, changes } = applyPatch(ledgerFacts(e), patch);
    if ('instructor' in extra && (e.instructor?.openid ?? null) !== (extra.instructor?.openid ?? null)) {
      changes.push({ field: 'instructor', label: FIELD_LABELS.instructor, before: e.instructor?.name ?? null, after: extra.instructor?.name ?? null });
    }
    if (extra.creditCode !== undefined && (e.creditCode ?? null) !== extra.creditCode) {
      changes.push({ field: 'creditCode', label: FIELD_LABELS.creditCode, before: e.creditCode ?? null, after: extra.creditCode });
    }
    if (changes.length === 0) return { changes };
    const bad = inconsistency(after);
    if (bad) throw new AppError('VALIDATION', bad);
    const at = new Date();
    const rev = (e.ledgerRev ?? 0) + 1;
    const last: LedgerLastChange = { rev, actorRole, changes };
    let updated: number;
    try {
      // Decides: the entry moves from the revision it was read at (and the profile edit it was read
      // after, policy.updateMyProfile) to the next, carrying the change for its log row.
      ({ updated } = await col('enterprises')
        .where({ _id: enterpriseId, ledgerRev: e.ledgerRev ?? null, profileUpdatedAt: e.profileUpdatedAt ?? null })
        .update({ ...whole({ ...after, ...extra }), ledgerUpdatedAt: at, ledgerUpdatedBy: ctx.caller.openid, ledgerRev: rev, ledgerLastChange: _.set(last) }));
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '已有同名企业，请核对企业名称。');
      throw err;
    }
    // Someone else's change landed between the read and the update: apply this one on top of theirs.
    if (!updated) continue;
    await addLogRow(logRowOf(enterpriseId, last, ctx.caller.openid, ctx.caller.user.profile?.name ?? '', at));
    return { changes };
  }
  throw new AppError('CONFLICT', '该企业台账刚被他人修改，请刷新后重试。');
}

/** What the entry keeps of its latest change, for its log row (no openid: the actor is ledgerUpdatedBy). */
export interface LedgerLastChange {
  rev: number;
  actorRole: LedgerChangeDoc['actorRole'];
  changes: FieldChange[];
}

/** The log row of revision `rev` of an entry: a fixed id, so it is written once however often it is tried. */
export function logRowOf(enterpriseId: string, last: LedgerLastChange, actor: string, actorName: string, at: Date): LedgerChangeDoc & { _id: string } {
  return { _id: `${enterpriseId}:r${last.rev}`, enterpriseId, actor, actorName, actorRole: last.actorRole, changes: last.changes, at };
}

/** Inserts a log row; a duplicate key is the same row already written. */
export async function addLogRow(row: LedgerChangeDoc & { _id: string }): Promise<void> {
  try {
    await col('ledgerChanges').add(row);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * The log row of an entry's latest change when a writeLedger call died before writing it (see the
 * header): put back from what the entry keeps (the actor's name as it is now, the time of the change).
 * For a reader that holds the entry and its newest log rows (getEnterprise). Null when nothing is missing.
 */
export async function restoreLastLogRow(e: WithId<EnterpriseDoc>, newest: { _id: string }[]): Promise<(LedgerChangeDoc & { _id: string }) | null> {
  const last = e.ledgerLastChange;
  if (!last) return null;
  const id = `${e._id}:r${last.rev}`;
  if (newest.some((r) => r._id === id)) return null;
  const actor = e.ledgerUpdatedBy ?? '';
  const [u] = actor ? (await col('users').doc(actor).get()).data : [];
  const row = logRowOf(e._id, last, actor, u?.profile?.name ?? '', e.ledgerUpdatedAt ? new Date(e.ledgerUpdatedAt) : new Date());
  await addLogRow(row);
  return row;
}

/**
 * Object-valued fields written whole with `_.set()`. The SDK sends `update({ instructor: { openid, name } })`
 * as `$set: { 'instructor.openid': …, 'instructor.name': … }`, which CloudBase (MongoDB) refuses when the
 * stored `instructor` is null — as it is for every entry created by the form or after a revoke
 * (PathNotViable, findings P-01). A fact is replaced, never merged, so `_.set()` is also what is meant.
 */
function whole(fields: Record<string, unknown>): Record<string, unknown> {
  const _ = cmd();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const isObject = typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
    out[k] = isObject ? _.set(v) : v;
  }
  return out;
}

/**
 * A new entry and its 建档 row in the change log (org.createEnterprise and the admin console's Excel
 * import). A duplicate name (unique index `uniq_name`) or id is thrown as the database's
 * duplicate-key error, for the caller to turn into its own answer.
 *
 * Never an entry without its 建档 row, by a saga rather than a transaction (issue 19: the
 * transaction cost start + commit on top of the two inserts): the 建档 row goes first under a
 * fixed id, `<enterprise id>:created`, then the entry — whose insert decides (unique name, unique
 * id). Refused, the entry takes its 建档 row with it (when this call wrote it). A call that dies
 * between the two leaves a 建档 row about an id no entry has: shown nowhere (the change log is read
 * per existing entry), and if that entry does come to be under the same id (the import's ids are
 * derived from the name, so a re-run does), its row is already there — the fixed id makes the
 * second insert a duplicate, taken as done. Two round trips.
 */
export async function createLedgerEntry(ctx: Ctx, id: string, doc: EnterpriseDoc, via: 'form' | 'import' = 'form'): Promise<void> {
  const log: LedgerChangeDoc = {
    enterpriseId: id,
    actor: ctx.caller.openid,
    actorName: ctx.caller.user.profile?.name ?? '',
    actorRole: 'admin',
    changes: [{ field: 'created', label: via === 'import' ? '建档（Excel 导入）' : '建档', before: null, after: doc.name }],
    at: doc.ledgerUpdatedAt ?? doc.createdAt,
  };
  const logId = `${id}:created`;
  let wrote = true;
  try {
    await col('ledgerChanges').add({ _id: logId, ...log });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    wrote = false;
  }
  try {
    await col('enterprises').add({ _id: id, ...doc });
  } catch (err) {
    if (wrote) await col('ledgerChanges').doc(logId).remove().catch((e) => console.error(`enterprise ${id}: 建档 row not taken back`, e));
    throw err;
  }
}
