import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { getBranch } from './shared';
import { getRecord, recordIdParam, refuseIfFinalised, stateOf } from './orgLifeShared';

/**
 * 核实: an admin confirms (or rejects) a record that waits for it — entered more than 7 days after
 * the meeting, or edited after it. Not the branch's own secretary (even one who is also an admin),
 * nor whoever entered or last edited the record: the branch that is rated must not confirm its own
 * evidence. One conditional update on the pending state, so two admins cannot both decide. Audited;
 * the record keeps who confirmed it and when.
 */
export const verifyOrgLife = action({
  roles: ['admin'],
  params: z.strictObject({ id: recordIdParam, approve: z.boolean(), note: z.string().trim().max(200).optional() }),
  async handler({ id, approve, note }, ctx) {
    const r = await getRecord(id);
    const branch = await getBranch(r.branchId);
    if (branch.secretaryOpenid === ctx.caller.openid) throw new AppError('FORBIDDEN', '支部书记不能核实本支部的组织生活记录，请由其他管理员核实。');
    if (r.recordedBy === ctx.caller.openid || r.editedBy === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能核实自己录入或修改的记录，请由其他管理员核实。');
    if (stateOf(r) !== 'pending') throw new AppError('CONFLICT', '该记录不在待核实状态，请刷新后查看。');
    if (!approve && !note) throw new AppError('VALIDATION', '不通过核实时请填写原因。');
    await refuseIfFinalised(r);
    const at = new Date();
    const state = approve ? 'counted' : 'rejected';
    const { updated } = await col('orgLife')
      .where({ _id: id, state: 'pending' })
      .update({ state, confirmedBy: ctx.caller.openid, confirmedAt: at, reviewNote: note ?? '', updatedAt: at });
    if (!updated) throw new AppError('CONFLICT', '该记录不在待核实状态，请刷新后查看。');
    await audit(ctx, { fn: 'org', action: 'verifyOrgLife', target: `orgLife/${id}`, before: { state: 'pending', pendingReason: r.pendingReason ?? null }, after: { state, note: note ?? '' } });
    return { id, state, confirmedAt: at.toISOString() };
  },
});
