import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { keptBranches } from './months';
import { idParam, newTransferId, requireBranch, requireEffective } from './roster';
import { NOT_FOUND_MEMBER } from './transfers';
import type { PartyTransferDoc } from './docs';

/**
 * 园区内转接, first half: the member's current secretary (or an admin) asks to move them to another
 * park branch from `effectiveOn`. Nothing changes until the receiving secretary confirms
 * (decideTransfer). The transfer and the row's `pendingTransferId` are written in one transaction,
 * so a member has at most one pending transfer: a second request conflicts on the row.
 */
export const requestTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, toBranchId: idParam, effectiveOn: dayParam, note: z.string().trim().max(200, '备注不超过 200 字').optional() }),
  async handler(p, ctx) {
    requireEffective(p.effectiveOn);
    const kept = await keptBranches(ctx.caller);
    await requireBranch(p.toBranchId);
    const id = newTransferId();
    const at = new Date();
    const t = await transaction(async (tx) => {
      const m = (await tx.collection('partyMembers').doc(p.memberId).get()).data;
      if (!m || (kept && !(m.branchId && kept.includes(m.branchId)))) throw new AppError('NOT_FOUND', NOT_FOUND_MEMBER);
      if (m.state !== 'active' || !m.branchId) throw new AppError('CONFLICT', '该党员已转出园区。');
      if (m.pendingTransferId) throw new AppError('CONFLICT', '该党员已有一项待确认的转接，请先处理或撤回。');
      if (m.branchId === p.toBranchId) throw new AppError('VALIDATION', '转入支部与当前支部相同，请重新选择。');
      const stretch = m.openStretchId ? (await tx.collection('partyMemberships').doc(m.openStretchId).get()).data : null;
      if (stretch && p.effectiveOn <= stretch.from) throw new AppError('VALIDATION', `生效日期应晚于其在本支部的起始日期 ${stretch.from}。`);
      const doc: PartyTransferDoc = {
        memberId: m._id, kind: 'between', fromBranchId: m.branchId, toBranchId: p.toBranchId, outsideOrg: null, letterNo: null, letterDate: null,
        effectiveOn: p.effectiveOn, state: 'pending', requestedBy: ctx.caller.openid, requestedAt: at, decidedBy: null, decidedAt: null, note: p.note || null,
      };
      await tx.collection('partyTransfers').add({ _id: id, ...doc });
      await tx.collection('partyMembers').doc(m._id).update({ pendingTransferId: id, updatedAt: at });
      return doc;
    });
    await audit(ctx, { fn: 'party', action: 'requestTransfer', target: `partyTransfers/${id}`, before: null, after: t });
    return { id, state: 'pending' as const };
  },
});
