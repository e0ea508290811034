import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { idParam } from './shared';
import { PAYOUT_STATE_LABEL, refuseTransition } from './payouts';
import { refuseFuturePaidOn } from './decidePayout';

/**
 * 登记发放 (已审批 → 已发放): the park day the money was paid and who recorded it. One conditional
 * update on the approved row whose approval day is not after the payment day, so a payment is never
 * recorded twice nor dated before it was approved. Once paid a row never changes again.
 */
export const markPayoutPaid = action({
  roles: ['admin'],
  params: z.strictObject({ id: idParam, paidOn: dayParam }),
  async handler({ id, paidOn }, ctx) {
    refuseFuturePaidOn(paidOn);
    const at = new Date();
    const { doc } = await col('allowancePayouts')
      .where({ _id: id, state: 'approved', approvedOn: cmd().lte(paidOn) })
      .updateAndReturn({ state: 'paid', paidOn, paidBy: ctx.caller.openid, paidAt: at, updatedAt: at });
    if (!doc) {
      const [r] = (await col('allowancePayouts').doc(id).get()).data;
      if (r?.state === 'approved' && r.approvedOn && r.approvedOn > paidOn) throw new AppError('VALIDATION', `发放日期不能早于审批日期 ${r.approvedOn}。`);
      return refuseTransition(id, '登记发放');
    }
    await audit(ctx, { fn: 'org', action: 'markPayoutPaid', target: `allowancePayouts/${id}`, before: { state: 'approved' }, after: { state: 'paid', paidOn, amount: doc.amount } });
    return { id, state: doc.state, stateLabel: PAYOUT_STATE_LABEL[doc.state], paidOn };
  },
});
