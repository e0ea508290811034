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
 */
import { createHash } from 'crypto';
import { cmd, col } from '../core/db';
import { isDuplicateKey } from '../core/errors';
import type { EnterpriseRow } from './rows';

export function enterpriseIdFor(name: string): string {
  return 'ent-' + createHash('sha1').update(name).digest('hex').slice(0, 16);
}

const fields = (r: EnterpriseRow) => ({
  industry: r.industry,
  headcount: r.headcount,
  foundedAt: r.foundedAt,
  qualifications: r.qualifications,
  ...(r.creditCode ? { creditCode: r.creditCode } : {}),
  updatedAt: new Date(),
});

/** Runs `fn` over `items` with at most `n` at a time (writes are independent round trips). */
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * Upserts a batch (≤ 200 rows): one read for the existing names, then one write per row,
 * ten at a time. Returns what changed, with the previous values of updated enterprises for the
 * audit log.
 */
export async function upsertEnterprises(rows: EnterpriseRow[]) {
  const { data: existing } = await col('enterprises')
    .where({ name: cmd().in(rows.map((r) => r.name)) })
    .field({ name: true, industry: true, headcount: true, foundedAt: true, qualifications: true, creditCode: true })
    .limit(1000)
    .get();
  const byName = new Map(existing.map((e) => [e.name, e]));
  const results = await pool(rows, 10, async (r) => {
    const found = byName.get(r.name);
    if (found) {
      await col('enterprises').doc(found._id).update(fields(r));
      return { kind: 'updated' as const, name: r.name, before: found };
    }
    try {
      await col('enterprises').add({ _id: enterpriseIdFor(r.name), name: r.name, contactOpenids: [], createdAt: new Date(), ...fields(r) });
      return { kind: 'created' as const, name: r.name, before: null };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Someone (a retry, a second tab) added it meanwhile: same name, so update that one.
      await col('enterprises').where({ name: r.name }).update(fields(r));
      return { kind: 'updated' as const, name: r.name, before: null };
    }
  });
  return {
    created: results.filter((x) => x.kind === 'created').map((x) => x.name),
    updated: results.filter((x) => x.kind === 'updated').map((x) => ({ name: x.name, before: x.before })),
  };
}
