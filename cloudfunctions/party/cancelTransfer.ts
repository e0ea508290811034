import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './roster';

/** The requester (or an admin) withdraws a pending transfer; the row is free for another one. One transaction. */
export const cancelTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam }),
  async handler({ id }, ctx) {
    const at = new Date();
    await transaction(async (tx) => {
      const t = (await tx.collection('partyTransfers').doc(id).get()).data;
      if (!t) throw new AppError('NOT_FOUND', '没有找到这项转接，请返回后刷新。');
      if (t.requestedBy !== ctx.caller.openid && !ctx.caller.is('admin')) throw new AppError('FORBIDDEN', '只有提出转接的书记可以撤回。');
      if (t.state !== 'pending') throw new AppError('CONFLICT', '这项转接已经处理过了，不能撤回。');
      const m = (await tx.collection('partyMembers').doc(t.memberId).get()).data;
      if (m && m.pendingTransferId === id) await tx.collection('partyMembers').doc(m._id).update({ pendingTransferId: null, updatedAt: at });
      await tx.collection('partyTransfers').doc(id).update({ state: 'cancelled', decidedBy: ctx.caller.openid, decidedAt: at });
    });
    await audit(ctx, { fn: 'party', action: 'cancelTransfer', target: `partyTransfers/${id}`, before: { state: 'pending' }, after: { state: 'cancelled' } });
    return { id, state: 'cancelled' as const };
  },
});
