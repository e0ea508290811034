/**
 * Demands resolved in a period by given handlers, for the star rating's 党员领办诉求 (org/evidence.ts,
 * finding G-01): counted by the database per handler. "Resolved" is a demand whose resolution fell
 * in the period and that still stands (resolved, or rated after it); a reopened one counts again
 * only when it is resolved again.
 */
import { cmd, col, during } from '../../server/core/db';

export async function resolvedByHandler(openids: string[], from: Date, to: Date): Promise<Map<string, number>> {
  if (!openids.length) return new Map();
  const _ = cmd();
  const $ = _.aggregate;
  const { data } = (await col('demands')
    .aggregate()
    .match({ handlerOpenid: _.in(openids), state: _.in(['resolved', 'rated']), resolvedAt: during(from, to) })
    .group({ _id: '$handlerOpenid', n: $.sum(1) })
    // One row per handler asked about.
    .limit(Math.max(1, openids.length))
    .end()) as { data: { _id: string; n: number }[] };
  return new Map(data.map((r) => [r._id, r.n]));
}
