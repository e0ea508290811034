import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, contains } from '../../server/core/db';

const PAGE_SIZE = 20;

/**
 * 选择工作单位: park enterprises by name, a page at a time — only id, name and industry, so the
 * people who register members (branch secretaries) can pick an employer without seeing the 五清
 * ledger's figures (ledgerList stays admin/instructor). Two calls in parallel: the page and its total.
 */
export const enterpriseOptions = action({
  roles: ['secretary', 'admin', 'instructor'],
  params: z.strictObject({
    q: z.string().trim().max(30).optional(),
    page: z.number().int().min(1).max(500).optional(),
  }),
  async handler(p) {
    const page = p.page ?? 1;
    const where = p.q ? { name: contains(p.q) } : {};
    const [rows, total] = await Promise.all([
      col('enterprises').where(where).field({ name: true, industry: true }).orderBy('name', 'asc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
      col('enterprises').where(where).count(),
    ]);
    return {
      page,
      pageSize: PAGE_SIZE,
      total: total.total,
      rows: rows.data.map((e) => ({ id: e._id, name: e.name, industry: e.industry ?? '' })),
    };
  },
});
