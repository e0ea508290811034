import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { keptBranches } from './months';
import { effectiveProblem, idParam } from './roster';
import { switchStretch } from './transfers';

/**
 * 园区内转接, second half: the RECEIVING secretary (or an admin) confirms or declines.
 *
 * Decided exactly once: the transfer is read and written in one transaction together with the
 * member's stretches and row. Two deciders at once both write the transfer document; CloudBase
 * (MongoDB) refuses the second write as a conflict, the retry reads the state the first one left
 * ('confirmed') and the loser gets CONFLICT — the effect of an update conditional on 'pending',
 * but covering every document the confirmation touches, all-or-nothing (doc-addressed writes only,
 * the calls that run inside a transaction).
 *
 * On confirm the old stretch closes at the effective day and one opens in the new branch from it,
 * and the row's branch changes: months starting before that day keep their answer.
 *
 * Twelve round trips on confirm (nine on reject), left so on purpose (issue 19): the caller, the
 * kept branches, then the transaction — start, the transfer, the row, the open stretch, the stretch
 * closed, the new stretch, the row, the transfer decided, commit — and the audit row. Every read
 * above is the snapshot the all-or-nothing decision stands on, and each call of a CloudBase
 * transaction is its own round trip; fewer would mean writes outside the transaction (a
 * read-then-write). An uncommon ledger action, not a tap many people make.
 */
export const decideTransfer = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam, confirm: z.boolean() }),
  async handler({ id, confirm }, ctx) {
    const kept = await keptBranches(ctx.caller);
    const at = new Date();
    const result = await transaction(async (tx) => {
      const t = (await tx.collection('partyTransfers').doc(id).get()).data;
      if (!t || t.kind !== 'between') throw new AppError('NOT_FOUND', '没有找到这项转接，请返回后刷新。');
      if (kept && !(t.toBranchId && kept.includes(t.toBranchId))) throw new AppError('FORBIDDEN', '园区内转接由转入支部的书记确认。');
      if (t.state !== 'pending') throw new AppError('CONFLICT', '这项转接已经处理过了，请刷新查看。');
      const m = (await tx.collection('partyMembers').doc(t.memberId).get()).data;
      if (!m || m.pendingTransferId !== id) throw new AppError('CONFLICT', '该党员的组织关系已变化，请刷新后再试。');
      if (confirm) {
        // The request may have waited into a new month: the day must still leave closed months alone.
        const problem = effectiveProblem(t.effectiveOn);
        if (problem) throw new AppError('VALIDATION', `${problem}请退回后由转出支部按新日期重新申请。`);
        if (m.state !== 'active' || m.branchId !== t.fromBranchId) throw new AppError('CONFLICT', '该党员的组织关系已变化，请刷新后再试。');
        const stretchId = await switchStretch(tx, m, t.effectiveOn, t.toBranchId, id, at);
        await tx.collection('partyMembers').doc(m._id).update({ branchId: t.toBranchId, openStretchId: stretchId, pendingTransferId: null, updatedAt: at });
      } else {
        await tx.collection('partyMembers').doc(m._id).update({ pendingTransferId: null, updatedAt: at });
      }
      const state = confirm ? ('confirmed' as const) : ('rejected' as const);
      await tx.collection('partyTransfers').doc(id).update({ state, decidedBy: ctx.caller.openid, decidedAt: at });
      return { state, memberId: m._id, fromBranchId: t.fromBranchId, toBranchId: t.toBranchId, effectiveOn: t.effectiveOn };
    });
    await audit(ctx, { fn: 'party', action: 'decideTransfer', target: `partyTransfers/${id}`, before: { state: 'pending' }, after: result });
    return { id, state: result.state };
  },
});
