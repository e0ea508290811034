import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { keptBranches } from './months';
import { canSee, idParam, memberView, nameMaps, transferView } from './roster';

/** Answered for a row that does not exist AND for one the caller may not see: nothing leaks. */
const HIDDEN = '没有找到这名党员的信息，请返回后刷新。';

/**
 * One row with its history: the stretches (which branch, from when to when) and the transfers.
 * Visible only to the member themself (the bound openid), the current secretary of the row's
 * branch and admins; anyone else gets the same NOT_FOUND as for a row that does not exist.
 */
export const getMember = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const [[m], kept] = await Promise.all([col('partyMembers').doc(id).get().then((r) => r.data), keptBranches(caller)]);
    if (!m || !canSee(caller, m, kept)) throw new AppError('NOT_FOUND', HIDDEN);
    // The stretches came with the row (oldest first, issue 19): only the transfers are read.
    const stretches = m.stretches ?? [];
    const transfers = await col('partyTransfers').where({ memberId: id }).orderBy('requestedAt', 'desc').limit(100).get();
    const names = await nameMaps(
      [m.branchId, ...stretches.map((s) => s.branchId), ...transfers.data.flatMap((t) => [t.fromBranchId, t.toBranchId])],
      [m.enterpriseId],
    );
    const keeper = kept === null || (!!m.branchId && kept.includes(m.branchId));
    return {
      member: memberView(m, names),
      // A stretch has no id of its own any more (it is part of the row): its place names it for the page's list.
      stretches: stretches.map((s, i) => ({ id: `${s.branchId}:${s.from}:${i}`, branchId: s.branchId, branchName: names.branch.get(s.branchId) ?? '', from: s.from, to: s.to, transferId: s.transferId })),
      transfers: transfers.data.map((t) => transferView(t, m.name, names, kept)),
      /** Whether the caller keeps this row (edit, request a transfer, transfer out). */
      canEdit: keeper && m.state === 'active',
    };
  },
});
