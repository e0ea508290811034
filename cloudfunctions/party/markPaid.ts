import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { requireKeeper } from './months';
import { duesId, idParam, monthLabel, monthParam, paidOnParam, refuseFuturePayment } from './duesShared';

/** The month's row, and the check that the caller keeps the branch it is recorded under. */
async function rowToMark(ctx: { caller: Parameters<typeof requireKeeper>[0] }, memberId: string, month: string) {
  const [row] = (await col('partyDues').doc(duesId(memberId, month)).get()).data;
  if (!row) throw new AppError('NOT_FOUND', `请先登记该党员${monthLabel(month)}的应缴金额。`);
  await requireKeeper(ctx.caller, row.branchId);
  return row;
}

/**
 * 登记已缴: the day the member paid (the app handles no payment). One conditional update on the
 * still-unpaid row, so two taps record one payment and the second is told it is already paid.
 */
export const markPaid = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, month: monthParam, paidOn: paidOnParam }),
  async handler({ memberId, month, paidOn }, ctx) {
    refuseFuturePayment(month, paidOn);
    const row = await rowToMark(ctx, memberId, month);
    const { updated } = await col('partyDues')
      .where({ _id: row._id, paidOn: null })
      .update({ paidOn, markedBy: ctx.caller.openid, updatedAt: new Date() });
    if (!updated) throw new AppError('CONFLICT', `该党员${monthLabel(month)}的党费已登记为已缴。`);
    await audit(ctx, { fn: 'party', action: 'markPaid', target: `partyDues/${row._id}`, before: { paidOn: null }, after: { paidOn } });
    return { id: row._id, memberId, month, paidOn, status: '已缴' as const };
  },
});

/** 撤销已缴: undoes a payment marked by mistake, with the reason, in the audit log. */
export const unmarkPaid = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, month: monthParam, reason: z.string().trim().min(2, '请写明撤销原因').max(200) }),
  async handler({ memberId, month, reason }, ctx) {
    const row = await rowToMark(ctx, memberId, month);
    const { updated } = await col('partyDues')
      .where({ _id: row._id, paidOn: cmd().neq(null) })
      .update({ paidOn: null, markedBy: ctx.caller.openid, updatedAt: new Date() });
    if (!updated) throw new AppError('CONFLICT', `该党员${monthLabel(month)}的党费尚未登记为已缴。`);
    await audit(ctx, { fn: 'party', action: 'unmarkPaid', target: `partyDues/${row._id}`, before: { paidOn: row.paidOn }, after: { paidOn: null, reason } });
    return { id: row._id, memberId, month, paidOn: null, status: row.amountFen === 0 ? ('免缴' as const) : ('未缴' as const) };
  },
});
