import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { keptBranches } from './months';
import { idParam, newTransferId, requireEffective } from './roster';
import { letterParams, NOT_FOUND_MEMBER, switchStretch } from './transfers';
import type { PartyTransferDoc } from './docs';

/**
 * 转出: the member leaves the park's Party organisations with a 介绍信 to `outsideOrg`. Their
 * secretary (or an admin) records it: the stretch closes at the effective day (they still count
 * in the months that began before it), the row is marked transferred out and leaves the branch's
 * list, and the confirmed transfer is the 转接记录 — one transaction.
 *
 * Ten round trips, left so on purpose (issue 19): the caller, the caller's kept branches, then the
 * transaction — start, the row, the open stretch, the stretch closed, the transfer, the row marked,
 * commit — and the audit row. Each call of a CloudBase transaction is its own round trip; the three
 * documents must change together (a closed stretch on a row still active, or the reverse, miscounts
 * the branch's months), and the stretch's read must be inside the transaction (it is the check that
 * nobody switched it meanwhile). An uncommon ledger action, not a tap many people make.
 */
export const transferOut = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, ...letterParams, effectiveOn: dayParam }),
  async handler(p, ctx) {
    if (p.letterDate > parkDay()) throw new AppError('VALIDATION', '介绍信日期不能晚于今天。');
    requireEffective(p.effectiveOn);
    const kept = await keptBranches(ctx.caller);
    const id = newTransferId();
    const at = new Date();
    const t = await transaction(async (tx) => {
      const m = (await tx.collection('partyMembers').doc(p.memberId).get()).data;
      if (!m || (kept && !(m.branchId && kept.includes(m.branchId)))) throw new AppError('NOT_FOUND', NOT_FOUND_MEMBER);
      if (m.state !== 'active' || !m.branchId) throw new AppError('CONFLICT', '该党员已转出园区。');
      if (m.pendingTransferId) throw new AppError('CONFLICT', '该党员有一项待确认的园区内转接，请先撤回。');
      await switchStretch(tx, m, p.effectiveOn, null, id, at);
      const doc: PartyTransferDoc = {
        memberId: m._id, kind: 'out', fromBranchId: m.branchId, toBranchId: null, outsideOrg: p.outsideOrg, letterNo: p.letterNo, letterDate: p.letterDate,
        effectiveOn: p.effectiveOn, state: 'confirmed', requestedBy: ctx.caller.openid, requestedAt: at, decidedBy: ctx.caller.openid, decidedAt: at, note: null,
      };
      await tx.collection('partyTransfers').add({ _id: id, ...doc });
      await tx.collection('partyMembers').doc(m._id).update({ state: 'transferredOut', branchId: null, openStretchId: null, updatedAt: at });
      return doc;
    });
    await audit(ctx, { fn: 'party', action: 'transferOut', target: `partyMembers/${p.memberId}`, before: { branchId: t.fromBranchId, state: 'active' }, after: { branchId: null, state: 'transferredOut', transferId: id, outsideOrg: p.outsideOrg, letterNo: p.letterNo, effectiveOn: p.effectiveOn } });
    return { id, memberId: p.memberId, state: 'confirmed' as const };
  },
});
