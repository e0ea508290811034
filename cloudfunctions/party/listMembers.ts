import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import { keptBranches, requireKeeper } from './months';
import { idParam, memberView, nameMaps, PAGE_SIZE, pageParam, RELATIONS, STANDINGS } from './roster';

/**
 * 党员花名册: a page of rows with the total — a secretary sees the branches they lead now, an
 * admin every branch (and, with `state: 'transferredOut'`, those who left the park). Search by name
 * or phone. Three calls in parallel for the page and its total, then one for the names.
 */
export const listMembers = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    branchId: idParam.optional(),
    q: z.string().trim().max(20).optional(),
    standing: z.enum(STANDINGS).optional(),
    relation: z.enum(RELATIONS).optional(),
    state: z.enum(['active', 'transferredOut']).optional(),
    /** Only rows still lacking 入党日期 (made by the migration or an approval without dates). */
    incomplete: z.boolean().optional(),
    page: pageParam,
  }),
  async handler(p, { caller }) {
    const _ = cmd();
    const page = p.page ?? 1;
    const kept = await keptBranches(caller);
    if (p.branchId) await requireKeeper(caller, p.branchId);
    const conds: Record<string, unknown>[] = [{ state: p.state ?? 'active' }];
    if (p.branchId) conds.push({ branchId: p.branchId });
    else if (kept) conds.push({ branchId: _.in(kept) });
    if (p.standing) conds.push({ standing: p.standing });
    if (p.relation) conds.push({ relation: p.relation });
    if (p.incomplete) conds.push({ joinedOn: null });
    if (p.q) {
      const re = contains(p.q);
      conds.push(_.or([{ name: re }, { phone: re }]));
    }
    const where = _.and(conds);
    if (kept && kept.length === 0) return { page, pageSize: PAGE_SIZE, total: 0, rows: [] };
    const [rows, total] = await Promise.all([
      col('partyMembers').where(where).orderBy('name', 'asc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
      col('partyMembers').where(where).count(),
    ]);
    const names = await nameMaps(rows.data.map((m) => m.branchId), rows.data.map((m) => m.enterpriseId));
    return { page, pageSize: PAGE_SIZE, total: total.total, rows: rows.data.map((m) => memberView(m, names)) };
  },
});
