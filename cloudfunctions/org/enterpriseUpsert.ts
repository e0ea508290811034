/**
 * Writing imported enterprises: per row, an idempotent upsert keyed by the enterprise's name.
 *
 * Why not one transaction for the whole valid set: a CloudBase transaction holds a handful of
 * documents and a few seconds, a park's file can hold hundreds of rows, and a file that fails
 * half-way through a long transaction would leave the clerk with nothing and no explanation.
 * Instead every row is one single-document write that either happens completely or not at all,
 * keyed so that running the same file again changes nothing: an existing name (unique index
 * `uniq_name`) is updated in place; a new one is added under an id derived from its name, so
 * a retried or concurrent import of the same row hits the same document (or the unique index)
 * and is turned into an update — never a duplicate.
 *
 * Every write goes through the org domain's ledger helpers (cloudfunctions/org/ledgerWrite.ts), so an
 * imported row is logged in the 五清 ledger's change log (`ledgerChanges`) exactly as an edit on the
 * ledger page is: a new enterprise is added with its 建档 row in one transaction, an existing one
 * is patched in the same read-check-write-log transaction the ledger page uses. A row whose new
 * figures contradict facts already on the ledger (e.g. fewer employees than recorded Party
 * members) is refused by that same check and listed with its row number, like a bad cell.
 */
import { createHash } from 'crypto';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Ctx } from '../../server/core/router';
import type { EnterpriseDoc } from './docs';
import { createLedgerEntry, writeLedger } from './ledgerWrite';
import type { EnterpriseRow, Rejected } from './enterpriseRows';
import { mapLimit } from '../../server/core/limit';

export function enterpriseIdFor(name: string): string {
  return 'ent-' + createHash('sha1').update(name).digest('hex').slice(0, 16);
}

/** The row as a patch of the ledger's facts (what the ledger page would send) and the credit code. */
const patchOf = (r: EnterpriseRow) => ({
  patch: { industry: r.industry, headcount: r.headcount, foundedAt: r.foundedAt, qualifications: r.qualifications },
  extra: r.creditCode ? { creditCode: r.creditCode } : {},
});



type Result =
  | { kind: 'created'; name: string; before: null }
  | { kind: 'updated'; name: string; before: object | null }
  | { kind: 'refused'; rejected: Rejected };

/**
 * Upserts a batch (≤ 200 rows): one read for the existing names, then one transaction per row,
 * ten at a time. Returns what changed, with the previous values of updated enterprises for the
 * audit log, and the rows the ledger's own checks refused (with their row numbers and reasons).
 */
export async function upsertEnterprises(ctx: Ctx, rows: EnterpriseRow[]) {
  const { data: existing } = await col('enterprises')
    .where({ name: cmd().in(rows.map((r) => r.name)) })
    .field({ name: true, industry: true, headcount: true, foundedAt: true, qualifications: true, creditCode: true })
    .limit(1000)
    .get();
  const byName = new Map(existing.map((e) => [e.name, e]));

  const update = async (r: EnterpriseRow, id: string, before: object | null): Promise<Result> => {
    const { patch, extra } = patchOf(r);
    try {
      await writeLedger(ctx, id, patch, extra);
      return { kind: 'updated', name: r.name, before };
    } catch (err) {
      // The ledger's consistency check (or the entry removed meanwhile): this row only.
      if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) {
        return { kind: 'refused', rejected: { rowNumber: r.rowNumber, name: r.name, reason: err.message } };
      }
      throw err;
    }
  };

  const results = await mapLimit(rows, 10, async (r): Promise<Result> => {
    const found = byName.get(r.name);
    if (found) return update(r, found._id, found);
    const at = new Date();
    const doc: EnterpriseDoc = {
      name: r.name, industry: r.industry, headcount: r.headcount, foundedAt: r.foundedAt, qualifications: r.qualifications,
      ...(r.creditCode ? { creditCode: r.creditCode } : {}),
      contactOpenids: [], createdAt: at, updatedAt: at, ledgerUpdatedAt: at, ledgerUpdatedBy: ctx.caller.openid,
    };
    try {
      await createLedgerEntry(ctx, enterpriseIdFor(r.name), doc, 'import');
      return { kind: 'created', name: r.name, before: null };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Someone (a retry, a second tab) added it meanwhile: same name, so update that one.
      const [again] = (await col('enterprises').where({ name: r.name }).field({ _id: true }).limit(1).get()).data;
      return update(r, again?._id ?? enterpriseIdFor(r.name), null);
    }
  });
  const done = results.filter((x): x is Exclude<Result, { kind: 'refused' }> => x.kind !== 'refused');
  return {
    created: done.filter((x) => x.kind === 'created').map((x) => x.name),
    updated: done.filter((x) => x.kind === 'updated').map((x) => ({ name: x.name, before: x.before })),
    refused: results.flatMap((x) => (x.kind === 'refused' ? [x.rejected] : [])),
  };
}
