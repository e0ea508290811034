import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { effectiveProblem, idParam, switchedStretches } from './roster';
import { conflict, keptLookup, keptOf, settleStale, stretchesSet, updateRowWhere } from './transfers';
import type { PartyMemberDoc, PartyTransferDoc } from './docs';

/**
 * 园区内转接, second half: the RECEIVING secretary (or an admin) confirms or declines.
 *
 * Decided exactly once, by the row (transfers.ts): its conditional update requires
 * `pendingTransferId` to still name this transfer, so of two deciders (or a decider and the sender
 * withdrawing) exactly one changes it; the other gets CONFLICT. On confirm the same update closes
 * the open stretch at the effective day, opens one in the new branch from it and moves `branchId`:
 * months starting before that day keep their answer. The 转接记录 is marked after the row,
 * conditional on still 'pending'.
 *
 * Five round trips (issue 19; twelve on confirm and nine on reject in a transaction): the caller,
 * ONE read (the transfer with its row and the caller's kept branches), the row's update, the record
 * marked, the audit row.
 */
export const decideTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam, confirm: z.boolean() }),
  async handler({ id, confirm }, ctx) {
    const { data } = (await col('partyTransfers')
      .aggregate()
      .match({ _id: id })
      .lookup({ from: 'partyMembers', localField: 'memberId', foreignField: '_id', as: 'row' })
      .lookup(keptLookup(ctx.caller))
      .limit(1)
      .end()) as { data: (WithId<PartyTransferDoc> & { row: WithId<PartyMemberDoc>[]; kept: { _id: string }[] })[] };
    const t = data[0];
    if (!t || t.kind !== 'between') throw new AppError('NOT_FOUND', '没有找到这项转接，请返回后刷新。');
    const kept = keptOf(ctx.caller, t.kept);
    if (kept && !(t.toBranchId && kept.includes(t.toBranchId))) throw new AppError('FORBIDDEN', '园区内转接由转入支部的书记确认。');
    if (t.state !== 'pending') throw new AppError('CONFLICT', '这项转接已经处理过了，请刷新查看。');
    const m = t.row[0] ?? null;
    if (!m || m.pendingTransferId !== id) {
      // A record no row claims: a call was killed between its writes (transfers.ts). Settle it from the row.
      const state = await settleStale(t, m, confirm ? 'cancelled' : 'rejected', ctx.caller.openid);
      if (state === null) throw new AppError('CONFLICT', '这项转接正在处理中，请稍后刷新查看。');
      throw new AppError('CONFLICT', state === 'confirmed' ? '这项转接已经确认过了，请刷新查看。' : '这项转接已失效，请刷新查看。');
    }
    const at = new Date();
    let after: Record<string, unknown>;
    if (confirm) {
      // The request may have waited into a new month: the day must still leave closed months alone.
      const problem = effectiveProblem(t.effectiveOn);
      if (problem) throw new AppError('VALIDATION', `${problem}请退回后由转出支部按新日期重新申请。`);
      if (m.state !== 'active' || m.branchId !== t.fromBranchId) throw conflict();
      const stretches = switchedStretches(m, t.effectiveOn, t.toBranchId, id);
      after = { branchId: t.toBranchId, stretches: stretchesSet(stretches), pendingTransferId: null, updatedAt: at };
    } else {
      after = { pendingTransferId: null, updatedAt: at };
    }
    if (!(await updateRowWhere(m, confirm ? { pendingTransferId: id, state: 'active', branchId: t.fromBranchId } : { pendingTransferId: id }, after))) throw new AppError('CONFLICT', '这项转接已经处理过了，请刷新查看。');
    const state = confirm ? ('confirmed' as const) : ('rejected' as const);
    await col('partyTransfers').where({ _id: id, state: 'pending' }).update({ state, decidedBy: ctx.caller.openid, decidedAt: at });
    await audit(ctx, { fn: 'party', action: 'decideTransfer', target: `partyTransfers/${id}`, before: { state: 'pending' },
      after: { state, memberId: m._id, fromBranchId: t.fromBranchId, toBranchId: t.toBranchId, effectiveOn: t.effectiveOn } });
    return { id, state };
  },
});
