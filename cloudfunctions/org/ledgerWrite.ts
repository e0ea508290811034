/**
 * Every change to a ledger entry goes through here: one transaction reads the entry, applies the
 * patch, checks that the facts still agree with each other and writes the entry together with its
 * change-log row (who, when, which fields from what to what) — an entry never changes unlogged,
 * and two people editing at once each log exactly the change they made on top of the other's.
 */
import { cmd, col, transaction } from '../../server/core/db';
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

export async function writeLedger(ctx: Ctx, enterpriseId: string, patch: LedgerPatch, extra: LedgerExtra = {}): Promise<{ changes: FieldChange[] }> {
  const actorRole: LedgerChangeDoc['actorRole'] = ctx.caller.is('admin') ? 'admin' : 'enterprise';
  try {
    return await transaction(async (tx) => {
      const e = (await tx.collection('enterprises').doc(enterpriseId).get()).data;
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
      await tx.collection('enterprises').doc(enterpriseId).update({
        ...whole({ ...after, ...extra }),
        ledgerUpdatedAt: at,
        ledgerUpdatedBy: ctx.caller.openid,
      });
      const log: LedgerChangeDoc = { enterpriseId, actor: ctx.caller.openid, actorName: ctx.caller.user.profile?.name ?? '', actorRole, changes, at };
      await tx.collection('ledgerChanges').add(log);
      return { changes };
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '已有同名企业，请核对企业名称。');
    throw err;
  }
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
