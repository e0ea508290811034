import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './roster';
import { settleStale } from './transfers';
import type { PartyMemberDoc, PartyTransferDoc } from './docs';

/**
 * The sending branch withdraws a pending transfer; the row is free for another one.
 *
 * Who may withdraw is decided at the call from the sending branch's CURRENT secretary (or an
 * admin), never from the stored `requestedBy`: a secretary replaced since asking no longer keeps
 * the branch, and their successor must be able to withdraw what was asked in the branch's name.
 * The row decides (transfers.ts): it is released only while it still names this transfer, so a
 * withdrawal racing a confirmation changes nothing when the confirmation came first.
 *
 * Five round trips (issue 19): the caller, ONE read (the transfer with the sending branch and the
 * row), the row released, the record marked, the audit row.
 */
export const cancelTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam }),
  async handler({ id }, ctx) {
    const { data } = (await col('partyTransfers')
      .aggregate()
      .match({ _id: id })
      .lookup({ from: 'branches', localField: 'fromBranchId', foreignField: '_id', as: 'from' })
      .lookup({ from: 'partyMembers', localField: 'memberId', foreignField: '_id', as: 'row' })
      .limit(1)
      .end()) as { data: (WithId<PartyTransferDoc> & { from: { secretaryOpenid?: string | null }[]; row: WithId<PartyMemberDoc>[] })[] };
    const t = data[0];
    if (!t) throw new AppError('NOT_FOUND', '没有找到这项转接，请返回后刷新。');
    if (!ctx.caller.is('admin') && t.from[0]?.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有转出支部的现任书记可以撤回这项转接。');
    if (t.state !== 'pending') throw new AppError('CONFLICT', '这项转接已经处理过了，不能撤回。');
    const m = t.row[0] ?? null;
    const at = new Date();
    const released = m && m.pendingTransferId === id
      ? (await col('partyMembers').where({ _id: m._id, pendingTransferId: id }).update({ pendingTransferId: null, updatedAt: at })).updated === 1
      : false;
    if (!released) {
      // Decided meanwhile, or a record no row claims (transfers.ts): settled from the row.
      const state = await settleStale(t, m, 'cancelled', ctx.caller.openid);
      if (state !== 'cancelled') throw new AppError('CONFLICT', state === null ? '这项转接正在处理中，请稍后刷新查看。' : '这项转接已经处理过了，不能撤回。');
      return { id, state: 'cancelled' as const };
    }
    await col('partyTransfers').where({ _id: id, state: 'pending' }).update({ state: 'cancelled', decidedBy: ctx.caller.openid, decidedAt: at });
    await audit(ctx, { fn: 'party', action: 'cancelTransfer', target: `partyTransfers/${id}`, before: { state: 'pending' }, after: { state: 'cancelled' } });
    return { id, state: 'cancelled' as const };
  },
});
