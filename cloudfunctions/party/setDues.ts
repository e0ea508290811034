import * as z from 'zod';
import { action } from '../../server/core/router';
import { audit } from '../../server/core/audit';
import { amountParam, idParam, keeperAndRowOfMonth, monthParam, refuseFarMonth, statusOf } from './duesShared';
import { upsertAmount } from './duesWrite';

/**
 * 应缴金额 of one member for one month, entered by the keeper of the branch the member belonged to
 * that month (admins: any). Changing the amount of a month already paid keeps it paid (the
 * secretary corrects a typo; the payment happened); the audit log keeps before → after.
 *
 * Four round trips (issue 19; six before): the caller, one aggregation (the month's branch, its
 * secretary, the row), the update or insert, the audit row.
 */
export const setDues = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, month: monthParam, amountFen: amountParam }),
  async handler({ memberId, month, amountFen }, ctx) {
    refuseFarMonth(month);
    const { branchId, row } = await keeperAndRowOfMonth(ctx.caller, memberId, month);
    const { before, after } = await upsertAmount({ memberId, month, branchId, amountFen, by: ctx.caller.openid }, row);
    await audit(ctx, { fn: 'party', action: 'setDues', target: `partyDues/${after._id}`, before: before ? { amountFen: before.amountFen, paidOn: before.paidOn } : null, after: { amountFen } });
    return { id: after._id, memberId, month, branchId, amountFen: after.amountFen, paidOn: after.paidOn, status: statusOf(after) };
  },
});

