import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './roster';

/**
 * The sending branch withdraws a pending transfer; the row is free for another one. One transaction.
 *
 * Who may withdraw is decided at the call from the sending branch's CURRENT secretary (or an
 * admin), never from the stored `requestedBy`: a secretary replaced since asking no longer keeps
 * the branch, and their successor must be able to withdraw what was asked in the branch's name.
 * The branch is read inside the transaction in place of the row: a pending transfer and the row's
 * `pendingTransferId` are only ever written together (requestTransfer, decideTransfer, here), so
 * the row needs no read to be cleared, and the round trips stay what they were.
 */
export const cancelTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam }),
  async handler({ id }, ctx) {
    const at = new Date();
    await transaction(async (tx) => {
      const t = (await tx.collection('partyTransfers').doc(id).get()).data;
      if (!t) throw new AppError('NOT_FOUND', '没有找到这项转接，请返回后刷新。');
      if (!ctx.caller.is('admin')) {
        const branch = t.fromBranchId ? (await tx.collection('branches').doc(t.fromBranchId).get()).data : null;
        if (branch?.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只有转出支部的现任书记可以撤回这项转接。');
      }
      if (t.state !== 'pending') throw new AppError('CONFLICT', '这项转接已经处理过了，不能撤回。');
      await tx.collection('partyMembers').doc(t.memberId).update({ pendingTransferId: null, updatedAt: at });
      await tx.collection('partyTransfers').doc(id).update({ state: 'cancelled', decidedBy: ctx.caller.openid, decidedAt: at });
    });
    await audit(ctx, { fn: 'party', action: 'cancelTransfer', target: `partyTransfers/${id}`, before: { state: 'pending' }, after: { state: 'cancelled' } });
    return { id, state: 'cancelled' as const };
  },
});
