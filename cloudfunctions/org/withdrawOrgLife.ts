import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { recordForChange, recordIdParam, stateOf } from './orgLifeShared';

/**
 * The secretary (or an admin) withdraws a record entered by mistake, with a reason. Nothing is
 * deleted: the record stays for the audit trail and simply never counts again. Refused once the
 * quarter's rating is final. One conditional update, so a double tap withdraws (and audits) once.
 */
export const withdrawOrgLife = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ id: recordIdParam, reason: z.string().trim().min(2, '请填写撤回原因').max(100) }),
  async handler({ id, reason }, ctx) {
    // Four round trips (issue 19; six before): the caller, the record with its branch and lock, the update, the audit row.
    const r = await recordForChange(ctx.caller, id);
    if (stateOf(r) === 'withdrawn') throw new AppError('CONFLICT', '该记录已撤回。');
    const at = new Date();
    const { updated } = await col('orgLife')
      .where({ _id: id, state: cmd().neq('withdrawn') })
      .update({ state: 'withdrawn', pendingReason: null, withdrawnBy: ctx.caller.openid, withdrawnAt: at, withdrawReason: reason, updatedAt: at });
    if (!updated) throw new AppError('CONFLICT', '该记录已撤回。');
    await audit(ctx, { fn: 'org', action: 'withdrawOrgLife', target: `orgLife/${id}`, before: { state: stateOf(r) }, after: { state: 'withdrawn', reason } });
    return { id, state: 'withdrawn' as const };
  },
});
