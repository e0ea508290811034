import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { canonicalName } from './enterpriseLimits';
import { writeLedger } from './ledgerWrite';

/** Enterprises read per call: one read, then one small transaction per entry to rename. */
export const CANONICALISE_BATCH = 100;

/**
 * One-off migration for G-15: entries written before names were stored in their canonical spelling
 * (enterpriseLimits.canonicalName) are renamed to it, through the ledger's own write (so each rename
 * is in the change log), so that the import and the form find them under any bracket width and the
 * unique index `uniq_name` guards them like new ones. Two existing entries that are one enterprise
 * spelt twice cannot both take the name: the second is refused by `uniq_name` and listed in
 * `conflicts` for the centre to merge by hand — nothing is merged or removed automatically.
 *
 * Safe to re-run (a canonical name is left alone). Bounded: call again with `after` = the returned
 * cursor until `done`.
 */
export const canonicaliseNames = action({
  roles: ['admin'],
  params: z.strictObject({ after: z.string().trim().max(64).optional() }),
  async handler(p, ctx) {
    const _ = cmd();
    const { data } = await col('enterprises')
      .where(p.after ? { _id: _.gt(p.after) } : {})
      .orderBy('_id', 'asc')
      .field({ name: true })
      .limit(CANONICALISE_BATCH)
      .get();
    const renamed: { id: string; from: string; to: string }[] = [];
    const conflicts: { id: string; name: string; reason: string }[] = [];
    for (const e of data) {
      const to = canonicalName(e.name);
      if (to === e.name) continue;
      try {
        await writeLedger(ctx, e._id, { name: to });
        renamed.push({ id: e._id, from: e.name, to });
      } catch (err) {
        if (!(err instanceof AppError) || !['CONFLICT', 'VALIDATION', 'NOT_FOUND'].includes(err.code)) throw err;
        conflicts.push({ id: e._id, name: e.name, reason: err.code === 'CONFLICT' ? `已有企业名为“${to}”，疑为同一企业，请人工合并。` : err.message });
      }
    }
    if (renamed.length) await audit(ctx, { fn: 'org', action: 'canonicaliseNames', target: 'enterprises', before: renamed.map((r) => ({ id: r.id, name: r.from })), after: renamed.map((r) => ({ id: r.id, name: r.to })) });
    const last = data[data.length - 1];
    return { renamed, conflicts, after: last?._id ?? p.after ?? null, done: data.length < CANONICALISE_BATCH };
  },
});
