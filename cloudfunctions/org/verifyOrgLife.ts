import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { FINALISED_MESSAGE, recordIdParam, recordWithBranch, stateOf } from './orgLifeShared';

const EDITED = '该记录在您打开后已被修改，请刷新后查看修改后的内容再核实。';

/**
 * 核实: an admin confirms (or rejects) a record that waits for it — entered more than 7 days after
 * the meeting, or edited after it. Not the branch's own secretary (even one who is also an admin),
 * nor whoever entered or last edited the record: the branch that is rated must not confirm its own
 * evidence. One conditional update on the pending state, so two admins cannot both decide, and on
 * the version the admin saw (`updatedAt` from the list): a record edited after the admin loaded it
 * — still pending, but no longer what they read — is a CONFLICT, not confirmed unseen. Audited; the
 * record keeps who confirmed it and when.
 */
export const verifyOrgLife = action({
  roles: ['admin'],
  params: z.strictObject({ id: recordIdParam, updatedAt: z.iso.datetime({ message: '记录版本不正确，请刷新后再核实。' }), approve: z.boolean(), note: z.string().trim().max(200).optional() }),
  async handler({ id, updatedAt, approve, note }, ctx) {
    // Four round trips (issue 19; six before): the caller, the record with its branch and lock, the update, the audit row.
    const { r, secretaryOpenid, locked } = await recordWithBranch(id);
    if (secretaryOpenid === ctx.caller.openid) throw new AppError('FORBIDDEN', '支部书记不能核实本支部的组织生活记录，请由其他管理员核实。');
    if (r.recordedBy === ctx.caller.openid || r.editedBy === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能核实自己录入或修改的记录，请由其他管理员核实。');
    if (stateOf(r) !== 'pending') throw new AppError('CONFLICT', '该记录不在待核实状态，请刷新后查看。');
    const seen = new Date(updatedAt);
    if (new Date(r.updatedAt).getTime() !== seen.getTime()) throw new AppError('CONFLICT', EDITED);
    if (!approve && !note) throw new AppError('VALIDATION', '不通过核实时请填写原因。');
    if (locked) throw new AppError('CLOSED', FINALISED_MESSAGE);
    const at = new Date();
    const state = approve ? 'counted' : 'rejected';
    const { updated } = await col('orgLife')
      .where({ _id: id, state: 'pending', updatedAt: seen })
      .update({ state, confirmedBy: ctx.caller.openid, confirmedAt: at, reviewNote: note ?? '', updatedAt: at });
    if (!updated) throw new AppError('CONFLICT', `该记录不在待核实状态，或${EDITED}`);
    await audit(ctx, { fn: 'org', action: 'verifyOrgLife', target: `orgLife/${id}`, before: { state: 'pending', pendingReason: r.pendingReason ?? null }, after: { state, note: note ?? '' } });
    return { id, state, confirmedAt: at.toISOString() };
  },
});
