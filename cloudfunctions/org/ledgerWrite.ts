/**
 * Every change to a ledger entry goes through here: one transaction reads the entry, applies the
 * patch, checks that the facts still agree with each other and writes the entry together with its
 * change-log row (who, when, which fields from what to what) — an entry never changes unlogged,
 * and two people editing at once each log exactly the change they made on top of the other's.
 */
import { transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Ctx } from '../../server/core/router';
import type { EnterpriseDoc, LedgerChangeDoc } from '../../server/core/schema';
import { applyPatch, FIELD_LABELS, inconsistency, ledgerFacts, type FieldChange, type LedgerPatch } from '../../server/org/ledgerFields';

export async function writeLedger(
  ctx: Ctx,
  enterpriseId: string,
  patch: LedgerPatch,
  extra?: { instructor: EnterpriseDoc['instructor'] },
): Promise<{ changes: FieldChange[] }> {
  const actorRole: LedgerChangeDoc['actorRole'] = ctx.caller.is('admin') ? 'admin' : 'enterprise';
  try {
    return await transaction(async (tx) => {
      const e = (await tx.collection('enterprises').doc(enterpriseId).get()).data;
      if (!e) throw new AppError('NOT_FOUND', '企业不存在，请返回台账刷新后重试。');
      if (actorRole === 'enterprise' && !(e.contactOpenids ?? []).includes(ctx.caller.openid)) {
        throw new AppError('FORBIDDEN', '只能维护本企业的台账。');
      }
      const { after, changes } = applyPatch(ledgerFacts(e), patch);
      if (extra && (e.instructor?.openid ?? null) !== (extra.instructor?.openid ?? null)) {
        changes.push({ field: 'instructor', label: FIELD_LABELS.instructor, before: e.instructor?.name ?? null, after: extra.instructor?.name ?? null });
      }
      if (changes.length === 0) return { changes };
      const bad = inconsistency(after);
      if (bad) throw new AppError('VALIDATION', bad);
      const at = new Date();
      await tx.collection('enterprises').doc(enterpriseId).update({
        ...after,
        ...(extra ? { instructor: extra.instructor } : {}),
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
