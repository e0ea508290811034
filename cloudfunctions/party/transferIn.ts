import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { factParams, idParam, memberIds, newRow, newStretch, requireEffective, requireFacts, requireKeptBranch, snapshot, toFacts } from './roster';
import { letterParams } from './transfers';
import type { PartyTransferDoc } from './docs';

const { relation: _r, relationHeldAt: _h, ...facts } = factParams;

/**
 * 转入: a member arrives from outside the park with a 介绍信. The receiving branch's secretary (or
 * an admin) registers it: the row (组织关系 已转入), its stretch from the effective day and the
 * confirmed transfer, in one transaction. The row's id comes from the letter (issuing organisation +
 * number), so a retried call finds the row it made and a letter is registered once (CONFLICT).
 *
 * Eight round trips (issue 19; ten before): the caller, one read of the branch with the enterprise,
 * the transaction (start, row, stretch, transfer, commit), the audit row. Not 5: the three
 * documents are one fact and must land together (the letter's unique row id is the "once"), and
 * each call of a CloudBase transaction is its own round trip; see upsertMember.
 */
export const transferIn = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ ...facts, branchId: idParam, ...letterParams, effectiveOn: dayParam }),
  async handler(p, ctx) {
    const today = parkDay();
    const f = toFacts({ ...p, relation: '已转入', relationHeldAt: null });
    requireFacts(f, today);
    if (p.letterDate > today) throw new AppError('VALIDATION', '介绍信日期不能晚于今天。');
    requireEffective(p.effectiveOn);
    await requireKeptBranch(ctx.caller, p.branchId, f.enterpriseId, '只能管理本支部的党员台账。');
    const id = memberIds.forLetter(p.outsideOrg, p.letterNo);
    const transferId = `pt-${id}`;
    const at = new Date();
    const row = newRow(id, f, p.branchId, p.effectiveOn, null, at);
    const transfer: PartyTransferDoc = {
      memberId: id, kind: 'in', fromBranchId: null, toBranchId: p.branchId, outsideOrg: p.outsideOrg, letterNo: p.letterNo, letterDate: p.letterDate,
      effectiveOn: p.effectiveOn, state: 'confirmed', requestedBy: ctx.caller.openid, requestedAt: at, decidedBy: ctx.caller.openid, decidedAt: at, note: null,
    };
    try {
      await transaction(async (tx) => {
        await tx.collection('partyMembers').add({ _id: id, ...row });
        await tx.collection('partyMemberships').add({ _id: row.openStretchId!, ...newStretch(id, p.branchId, p.effectiveOn, transferId, at) });
        await tx.collection('partyTransfers').add({ _id: transferId, ...transfer });
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '这封介绍信已经登记过转入，请在花名册中查看。');
      throw err;
    }
    await audit(ctx, { fn: 'party', action: 'transferIn', target: `partyMembers/${id}`, before: null, after: { ...snapshot(row), transferId, outsideOrg: p.outsideOrg, letterNo: p.letterNo, letterDate: p.letterDate, effectiveOn: p.effectiveOn } });
    return { memberId: id, transferId };
  },
});
