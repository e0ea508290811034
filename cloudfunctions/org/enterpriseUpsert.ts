/**
 * Writing imported enterprises: per row, an idempotent upsert keyed by the 统一社会信用代码 when the
 * ledger has it, else by the enterprise's canonical name (enterpriseLimits.canonicalName).
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
 * ledger page is: a new enterprise is added with its 建档 row (a saga, ledgerWrite.createLedgerEntry), an existing one
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
import { applyPatch, inconsistency, ledgerFacts } from './ledgerFields';
import type { EnterpriseRow, Rejected } from './enterpriseRows';
import { mapLimit } from '../../server/core/limit';

export function enterpriseIdFor(name: string): string {
  return 'ent-' + createHash('sha1').update(name).digest('hex').slice(0, 16);
}

/**
 * The row as a patch of the ledger's facts (what the ledger page would send) and the credit code.
 * `rename` when the row was matched by its credit code under another spelling of the name: the
 * file, being the later word, corrects the name (uniq_name still refuses a name another enterprise holds).
 */
const patchOf = (r: EnterpriseRow, rename: boolean) => ({
  patch: { ...(rename ? { name: r.name } : {}), industry: r.industry, headcount: r.headcount, foundedAt: r.foundedAt, qualifications: r.qualifications, ...r.facts },
  extra: r.creditCode ? { creditCode: r.creditCode } : {},
});

type Result =
  | { kind: 'created'; name: string; before: null }
  | { kind: 'updated'; name: string; before: object | null }
  | { kind: 'refused'; rejected: Rejected };

const FIELDS = {
  name: true, industry: true, headcount: true, foundedAt: true, qualifications: true, creditCode: true,
  building: true, workforce: true, partyMembers: true, legalPerson: true, investor: true,
} as const;

/**
 * Upserts a batch (≤ 200 rows): ONE read for the existing entries (by canonical name or credit
 * code), then one transaction per row, ten at a time — the read count per batch does not grow with
 * the rows (a second read happens only for a row another import added meanwhile). A row is matched by
 * its 统一社会信用代码 when it has one on the ledger, otherwise by its canonical name. Returns what
 * changed, with the previous values of updated enterprises for the audit log, and the rows the
 * ledger's own checks refused (with their row numbers and reasons); a refused row changes nothing.
 */
export async function upsertEnterprises(ctx: Ctx, rows: EnterpriseRow[]) {
  const _ = cmd();
  const names = rows.map((r) => r.name);
  const codes = rows.flatMap((r) => (r.creditCode ? [r.creditCode] : []));
  const { data: existing } = await col('enterprises')
    .where(codes.length ? _.or([{ name: _.in(names) }, { creditCode: _.in(codes) }]) : { name: _.in(names) })
    .field(FIELDS)
    .limit(1000)
    .get();
  const byName = new Map(existing.map((e) => [e.name, e]));
  const byCode = new Map(existing.flatMap((e) => (e.creditCode ? [[e.creditCode, e] as const] : [])));

  const refuse = (r: EnterpriseRow, reason: string): Result => ({ kind: 'refused', rejected: { rowNumber: r.rowNumber, name: r.name, reason } });

  const update = async (r: EnterpriseRow, id: string, before: { name?: string } | null): Promise<Result> => {
    const { patch, extra } = patchOf(r, !!before && before.name !== r.name);
    try {
      await writeLedger(ctx, id, patch, extra);
      return { kind: 'updated', name: r.name, before };
    } catch (err) {
      // The ledger's consistency check, the entry removed meanwhile, or a rename onto a name another
      // enterprise holds (uniq_name): this row only, nothing of it written.
      if (err instanceof AppError && err.code === 'CONFLICT') return refuse(r, `「企业名称」已由另一家企业使用，与统一社会信用代码 ${r.creditCode ?? ''} 对应的企业不一致，请核对。`);
      if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'NOT_FOUND')) return refuse(r, err.message);
      throw err;
    }
  };

  const results = await mapLimit(rows, 10, async (r): Promise<Result> => {
    const found = (r.creditCode ? byCode.get(r.creditCode) : undefined) ?? byName.get(r.name);
    if (found) {
      if (r.creditCode && found.creditCode && found.creditCode !== r.creditCode) {
        return refuse(r, `「统一社会信用代码」与台账上同名企业的代码（${found.creditCode}）不一致，请核对。`);
      }
      return update(r, found._id, found);
    }
    const at = new Date();
    const base: EnterpriseDoc = {
      name: r.name, industry: r.industry, headcount: r.headcount, foundedAt: r.foundedAt, qualifications: r.qualifications,
      ...(r.creditCode ? { creditCode: r.creditCode } : {}),
      contactOpenids: [], createdAt: at, updatedAt: at, ledgerUpdatedAt: at, ledgerUpdatedBy: ctx.caller.openid,
    };
    // A new entry holds the row's 五清 facts on top of the ledger's defaults, checked as the form checks them.
    const { after } = applyPatch(ledgerFacts(base), r.facts);
    const bad = inconsistency(after);
    if (bad) return refuse(r, bad);
    const doc: EnterpriseDoc = { ...base, building: after.building, workforce: after.workforce, partyMembers: after.partyMembers, legalPerson: after.legalPerson, investor: after.investor };
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
