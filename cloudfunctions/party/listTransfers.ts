import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { keptBranches, requireKeeper } from './months';
import { idParam, nameMaps, PAGE_SIZE, pageParam, transferView } from './roster';

/**
 * 党员转接记录本: transfers into or out of the branches the caller keeps (a between-branch
 * transfer shows to both secretaries), newest first, paged with the total; admins see all.
 */
export const listTransfers = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    branchId: idParam.optional(),
    state: z.enum(['pending', 'confirmed', 'rejected', 'cancelled']).optional(),
    kind: z.enum(['in', 'between', 'out']).optional(),
    page: pageParam,
  }),
  async handler(p, { caller }) {
    const _ = cmd();
    const page = p.page ?? 1;
    const kept = await keptBranches(caller);
    if (p.branchId) await requireKeeper(caller, p.branchId);
    const scope = p.branchId ? [p.branchId] : kept;
    if (scope && scope.length === 0) return { page, pageSize: PAGE_SIZE, total: 0, rows: [] };
    const conds: Record<string, unknown>[] = [];
    if (scope) conds.push(_.or([{ fromBranchId: _.in(scope) }, { toBranchId: _.in(scope) }]));
    if (p.state) conds.push({ state: p.state });
    if (p.kind) conds.push({ kind: p.kind });
    const where = conds.length ? _.and(conds) : {};
    const [rows, total] = await Promise.all([
      col('partyTransfers').where(where).orderBy('requestedAt', 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
      col('partyTransfers').where(where).count(),
    ]);
    const memberIds = [...new Set(rows.data.map((t) => t.memberId))];
    const [members, names] = await Promise.all([
      memberIds.length ? col('partyMembers').where({ _id: _.in(memberIds) }).field({ name: true }).limit(memberIds.length).get() : { data: [] },
      nameMaps(rows.data.flatMap((t) => [t.fromBranchId, t.toBranchId]), []),
    ]);
    const memberName = new Map(members.data.map((m) => [m._id, m.name] as [string, string]));
    return { page, pageSize: PAGE_SIZE, total: total.total, rows: rows.data.map((t) => transferView(t, memberName.get(t.memberId) ?? '', names, kept)) };
  },
});
