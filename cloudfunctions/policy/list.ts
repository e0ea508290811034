import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { POLICY_CATEGORIES, POLICY_LEVELS, POLICY_STATUSES } from './terms';
import { activeWhere, policySummary, startedWhere, SUMMARY_FIELDS } from './shared';

export const PAGE_SIZE = 10;

/**
 * Search and filter 惠企政策, newest first, one page at a time (open to everyone, visitors included).
 *
 * Search is a case-insensitive substring match on title OR summary (db.RegExp over escaped input):
 * Chinese has no spaces to split words on, and "研发" must find "研发费用加计扣除". CloudBase has no
 * full-text index for Chinese, so a regex condition is a scan of the collection after the indexed
 * filters (level, category, applyTo) narrow it. A park curates hundreds of policies, where that scan
 * costs milliseconds. Past tens of thousands, store a `keywords` array on each policy when it is
 * saved (title/summary cut into overlapping 2-character grams plus curated tags, with an index on
 * `keywords`) and query `keywords: _.all(gramsOf(q))` — an indexed, exact lookup — or hand search to
 * a search service (Tencent Cloud ES) fed from the same save path.
 */
export const list = action({
  roles: 'anyone',
  params: z.strictObject({
    q: z.string().trim().max(30).optional(),
    level: z.enum(POLICY_LEVELS).optional(),
    category: z.enum(POLICY_CATEGORIES).optional(),
    status: z.enum(POLICY_STATUSES).optional(),
    page: z.number().int().min(1).max(200).default(1),
  }),
  async handler({ q, level, category, status, page }) {
    const _ = cmd();
    const today = parkDay();
    const conds: unknown[] = [];
    if (level) conds.push({ level });
    if (category) conds.push({ category });
    if (status === '有效') conds.push(activeWhere(today), startedWhere(today));
    if (status === '未开始') conds.push(activeWhere(today), { applyFrom: _.gt(today) });
    if (status === '已过期') conds.push({ applyTo: _.lt(today) });
    if (q) conds.push(_.or([{ title: contains(q) }, { summary: contains(q) }]));
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    // The SDK's query builders are immutable: count and page from one query, in parallel.
    const query = col('policies').where(where as Record<string, unknown>);
    const [{ total }, { data }] = await Promise.all([
      query.count(),
      query
        .orderBy('issuedAt', 'desc')
        .orderBy('title', 'asc')
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .field(SUMMARY_FIELDS)
        .get(),
    ]);
    return { items: data.map((p) => policySummary(p, today)), total, page, pageSize: PAGE_SIZE, hasMore: page * PAGE_SIZE < total };
  },
});
