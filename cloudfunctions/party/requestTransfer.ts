import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { idParam, newTransferId, requireEffective } from './roster';
import { NOT_FOUND_MEMBER } from './transfers';
import type { PartyMembershipDoc, PartyTransferDoc } from './docs';

/**
 * 园区内转接, first half: the member's current secretary (or an admin) asks to move them to another
 * park branch from `effectiveOn`. Nothing changes until the receiving secretary confirms
 * (decideTransfer). The transfer and the row's `pendingTransferId` are written in one transaction,
 * so a member has at most one pending transfer: a second request conflicts on the row.
 *
 * Eight round trips (issue 19; ten before): the caller, ONE read before the transaction (the
 * receiving branch, the caller's kept branches, the member's open stretch for the day's check —
 * validation only: decideTransfer checks the day against the stretch again when it switches), the
 * transaction (start, the row read, the transfer, the row's mark, commit), the audit row. Not 5:
 * the row must be read and marked inside the transaction (that is the "one pending transfer"), and
 * each call of a CloudBase transaction is its own round trip.
 */
export const requestTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, toBranchId: idParam, effectiveOn: dayParam, note: z.string().trim().max(200, '备注不超过 200 字').optional() }),
  async handler(p, ctx) {
    requireEffective(p.effectiveOn);
    const _ = cmd();
    const $ = _.aggregate;
    const { data: branches } = (await col('branches')
      .aggregate()
      .match(_.or([{ _id: p.toBranchId }, { secretaryOpenid: ctx.caller.openid }]))
      .project({ secretaryOpenid: 1 })
      .lookup({ from: 'partyMemberships', let: {}, pipeline: $.pipeline().match({ memberId: p.memberId, to: null }).project({ from: 1 }).limit(1).done(), as: 'openStretch' })
      .limit(21)
      .end()) as { data: { _id: string; secretaryOpenid?: string | null; openStretch: Pick<PartyMembershipDoc, 'from'>[] }[] };
    if (!branches.some((b) => b._id === p.toBranchId)) throw new AppError('NOT_FOUND', '支部不存在，请重新选择。');
    const kept = ctx.caller.is('admin') ? null : branches.filter((b) => b.secretaryOpenid === ctx.caller.openid).map((b) => b._id);
    const stretch = branches[0].openStretch[0] ?? null;
    const id = newTransferId();
    const at = new Date();
    const t = await transaction(async (tx) => {
      const m = (await tx.collection('partyMembers').doc(p.memberId).get()).data;
      if (!m || (kept && !(m.branchId && kept.includes(m.branchId)))) throw new AppError('NOT_FOUND', NOT_FOUND_MEMBER);
      if (m.state !== 'active' || !m.branchId) throw new AppError('CONFLICT', '该党员已转出园区。');
      if (m.pendingTransferId) throw new AppError('CONFLICT', '该党员已有一项待确认的转接，请先处理或撤回。');
      if (m.branchId === p.toBranchId) throw new AppError('VALIDATION', '转入支部与当前支部相同，请重新选择。');
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
