import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { PayoutDoc } from './docs';
import { idParam, quarterParam } from './shared';
import { quarterLabel, quarterRange } from './scoring';
import { ratingId } from './ratingData';

/**
 * 增加发放对象: an admin adds a 党务工作者 from the branch's roster (党员花名册) — someone who
 * belonged to the branch at some time in the quarter — with the reason. Same frozen stars and
 * amount as the branch's finalised rating. One row per person: the unique index refuses a second
 * (a withdrawn row included: a withdrawal is final and stays on the ledger).
 * Five round trips with the caller's: the rating, the roster row with its stretches, the insert, the audit.
 */
export const addPayoutRecipient = action({
  roles: ['admin'],
  params: z.strictObject({
    quarter: quarterParam,
    branchId: idParam,
    memberId: idParam,
    reason: z.string().trim().min(2, '请写明增加的原因').max(200),
  }),
  async handler({ quarter, branchId, memberId, reason }, ctx) {
    const range = quarterRange(quarter);
    // The roster row carries its stretches (issue 19): the person must have belonged to this
    // branch at some time in the quarter (a stretch starting by its last day, not ended by its first).
    const [{ data: [rating] }, { data: [member] }] = await Promise.all([
      col('ratings').doc(ratingId(quarter, branchId)).get(),
      col('partyMembers').doc(memberId).get(),
    ]);
    const stretches = (member?.stretches ?? []).filter((s) => s.branchId === branchId && s.from <= range.toDay && (s.to === null || s.to > range.fromDay));
    if (!rating || rating.status !== 'final') throw new AppError('CLOSED', `该党组织${quarterLabel(quarter)}尚未定级，定级后才能发放红星津贴。`);
    if (!(rating.allowance > 0)) throw new AppError('CLOSED', `该党组织${quarterLabel(quarter)}定级为 ${rating.stars} 星，没有红星津贴。`);
    if (!member) throw new AppError('NOT_FOUND', '花名册中没有这名党员，请刷新后重试。');
    if (stretches.length === 0) throw new AppError('VALIDATION', `${member.name}${quarterLabel(quarter)}不在该党组织，只能从本支部花名册中选择。`);
    const at = new Date();
    const doc: PayoutDoc = {
      quarter, branchId, branchName: rating.branchName, personKey: member.openid ?? `pm:${memberId}`, openid: member.openid, memberId,
      source: 'roster', addReason: reason, stars: rating.stars, amount: rating.allowance, state: 'pending',
      approvedBy: null, approvedAt: null, approvedOn: null, paidOn: null, paidBy: null, paidAt: null,
      withdrawnBy: null, withdrawnAt: null, withdrawReason: null, createdBy: ctx.caller.openid, createdAt: at, updatedAt: at,
    };
    let id: string;
    try {
      id = (await col('allowancePayouts').add(doc)).id;
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', `${member.name}已在该党组织${quarterLabel(quarter)}的发放名单中（含已撤销的记录）。`);
      throw err;
    }
    await audit(ctx, { fn: 'org', action: 'addPayoutRecipient', target: `allowancePayouts/${id}`, before: null, after: { quarter, branchId, memberId, amount: doc.amount, reason } });
    return { id, name: member.name, amount: doc.amount, stars: doc.stars, state: doc.state };
  },
});
