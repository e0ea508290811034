import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { idParam } from './shared';
import { PAYOUT_STATE_LABEL, refuseTransition } from './payouts';

/**
 * 审批 (待审批 → 已审批) and 撤销 (待审批 or 已审批 → 已撤销, with the reason). Each is one
 * conditional update of the one row on the state it must be in (updateAndReturn), so two taps —
 * or an approval racing a withdrawal — change it once and the other is told the state it found.
 * A paid row is never withdrawn: the money has gone out, and the ledger must say so.
 */
export const decidePayout = action({
  roles: ['admin'],
  params: z.discriminatedUnion('decision', [
    z.strictObject({ id: idParam, decision: z.literal('approve') }),
    z.strictObject({ id: idParam, decision: z.literal('withdraw'), reason: z.string().trim().min(2, '请写明撤销原因').max(200) }),
  ]),
  async handler(p, ctx) {
    const at = new Date();
    const approve = p.decision === 'approve';
    const { doc } = await col('allowancePayouts')
      .where({ _id: p.id, state: approve ? 'pending' : cmd().in(['pending', 'approved']) })
      .updateAndReturn(
        approve
          ? { state: 'approved', approvedBy: ctx.caller.openid, approvedAt: at, approvedOn: parkDay(at), updatedAt: at }
          : { state: 'withdrawn', withdrawnBy: ctx.caller.openid, withdrawnAt: at, withdrawReason: p.reason, updatedAt: at },
      );
    if (!doc) return refuseTransition(p.id, approve ? '审批' : '撤销');
    await audit(ctx, {
      fn: 'org', action: approve ? 'approvePayout' : 'withdrawPayout', target: `allowancePayouts/${p.id}`,
      // The update returns the row after it: a withdrawn row that carries an approval day was 已审批.
      before: { state: approve ? 'pending' : doc.approvedOn ? 'approved' : 'pending' },
      after: approve ? { state: 'approved', amount: doc.amount } : { state: 'withdrawn', reason: p.reason },
    });
    return { id: p.id, state: doc.state, stateLabel: PAYOUT_STATE_LABEL[doc.state] };
  },
});

/** Only a real past day: a payment cannot be dated tomorrow. */
export function refuseFuturePaidOn(paidOn: string): void {
  if (paidOn > parkDay()) throw new AppError('VALIDATION', '发放日期不能晚于今天。');
}
