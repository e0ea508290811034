/**
 * The one write of an amount: update the member's month if it is there, insert it if not. The row
 * id `${memberId}:${month}` is the "once": two secretaries entering the same month at once make
 * one row (the second insert is a duplicate key and becomes an update). The paid state is never
 * touched here, so entering an amount can neither pay nor unpay a month.
 */
import { col, type WithId } from '../../server/core/db';
import { isDuplicateKey } from '../../server/core/errors';
import type { PartyDuesDoc } from './docs';
import { duesId } from './duesShared';

export interface AmountWrite {
  memberId: string;
  month: string;
  branchId: string;
  amountFen: number;
  by: string;
}

/** One update, or one insert (plus one update after a lost race). Answers the row before and after. */
export async function upsertAmount(w: AmountWrite, known?: WithId<PartyDuesDoc> | null): Promise<{ before: WithId<PartyDuesDoc> | null; after: WithId<PartyDuesDoc> }> {
  const id = duesId(w.memberId, w.month);
  const at = new Date();
  const patch = { amountFen: w.amountFen, branchId: w.branchId, recordedBy: w.by, updatedAt: at };
  if (known === undefined) {
    // updateAndReturn answers nothing about the row before; the audit wants it, so read first
    // (the write itself is still the one conditional statement: no invariant rides on this read).
    known = (await col('partyDues').doc(id).get()).data[0] ?? null;
  }
  if (known) {
    await col('partyDues').doc(id).update(patch);
    return { before: known, after: { ...known, ...patch } };
  }
  const row: WithId<PartyDuesDoc> = { _id: id, memberId: w.memberId, month: w.month, paidOn: null, markedBy: null, ...patch };
  try {
    await col('partyDues').add(row);
    return { before: null, after: row };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const res = await col('partyDues').where({ _id: id }).updateAndReturn(patch);
    return { before: null, after: res.doc ?? row };
  }
}
