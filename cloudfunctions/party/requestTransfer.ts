import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { idParam, newTransferId, openStretch, requireEffective } from './roster';
import { conflict, keeps, keptLookup, keptOf, NOT_FOUND_MEMBER, updateRowWhere } from './transfers';
import type { PartyMemberDoc, PartyTransferDoc } from './docs';

/**
 * 园区内转接, first half: the member's current secretary (or an admin) asks to move them to another
 * park branch from `effectiveOn`. Nothing changes in the months until the receiving secretary
 * confirms (decideTransfer). A member has at most one pending transfer: the row is claimed with a
 * conditional update (`pendingTransferId` null → this id), so a second request conflicts on it.
 *
 * Five round trips (issue 19; ten, then eight, with a transaction): the caller, ONE read (the row
 * with the receiving branch and the caller's kept branches), the 转接记录 (pending), the row's
 * claim, the audit row. The record is written before the claim so that a row never names a record
 * that does not exist (transfers.ts); when the claim loses, the record is withdrawn at once.
 */
export const requestTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, toBranchId: idParam, effectiveOn: dayParam, note: z.string().trim().max(200, '备注不超过 200 字').optional() }),
  async handler(p, ctx) {
    requireEffective(p.effectiveOn);
    const $ = cmd().aggregate;
    const { data } = (await col('partyMembers')
      .aggregate()
      .match({ _id: p.memberId })
      .lookup({ from: 'branches', let: {}, pipeline: $.pipeline().match({ _id: p.toBranchId }).project({ _id: 1 }).limit(1).done(), as: 'to' })
      .lookup(keptLookup(ctx.caller))
      .limit(1)
      .end()) as { data: (WithId<PartyMemberDoc> & { to: unknown[]; kept: { _id: string }[] })[] };
    const m = data[0];
    const kept = keptOf(ctx.caller, m?.kept);
    if (!m || !keeps(kept, m)) throw new AppError('NOT_FOUND', NOT_FOUND_MEMBER);
    if (!m.to.length) throw new AppError('NOT_FOUND', '支部不存在，请重新选择。');
    if (m.state !== 'active' || !m.branchId) throw new AppError('CONFLICT', '该党员已转出园区。');
    if (m.pendingTransferId) throw new AppError('CONFLICT', '该党员已有一项待确认的转接，请先处理或撤回。');
    if (m.branchId === p.toBranchId) throw new AppError('VALIDATION', '转入支部与当前支部相同，请重新选择。');
    const open = openStretch(m);
    if (open && p.effectiveOn <= open.from) throw new AppError('VALIDATION', `生效日期应晚于其在本支部的起始日期 ${open.from}。`);
    const id = newTransferId();
    const at = new Date();
    const doc: PartyTransferDoc = {
      memberId: m._id, kind: 'between', fromBranchId: m.branchId, toBranchId: p.toBranchId, outsideOrg: null, letterNo: null, letterDate: null,
      effectiveOn: p.effectiveOn, state: 'pending', requestedBy: ctx.caller.openid, requestedAt: at, decidedBy: null, decidedAt: null, note: p.note || null,
    };
    await col('partyTransfers').add({ _id: id, ...doc });
    const claimed = await updateRowWhere(m, { state: 'active', branchId: m.branchId, pendingTransferId: null }, { pendingTransferId: id, updatedAt: at });
    if (!claimed) {
      await col('partyTransfers').where({ _id: id, state: 'pending' }).update({ state: 'cancelled', decidedBy: ctx.caller.openid, decidedAt: new Date() });
      throw conflict();
    }
    await audit(ctx, { fn: 'party', action: 'requestTransfer', target: `partyTransfers/${id}`, before: null, after: doc });
    return { id, state: 'pending' as const };
  },
});
