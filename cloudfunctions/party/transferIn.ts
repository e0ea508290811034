import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { factParams, idParam, memberIds, newRow, requireEffective, requireFacts, requireKeptBranch, snapshot, toFacts } from './roster';
import { letterParams, recordOnce } from './transfers';
import type { PartyTransferDoc } from './docs';

const { relation: _r, relationHeldAt: _h, ...facts } = factParams;

/**
 * 转入: a member arrives from outside the park with a 介绍信. The receiving branch's secretary (or
 * an admin) registers it: the row (组织关系 已转入) with its stretch from the effective day, then the
 * confirmed 转接记录. The row's id comes from the letter (issuing organisation + number), so a
 * letter is registered once (its unique _id: CONFLICT on a second registration), and the record's id
 * from the row's, so resending after a call killed between the two writes adds the missing record
 * (transfers.ts) instead of a second one.
 *
 * Five round trips (issue 19; ten, then eight, in a transaction): the caller, one read of the branch
 * with the enterprise, the row, the record, the audit row.
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
    const row = newRow(id, f, p.branchId, p.effectiveOn, null, at, transferId);
    const transfer: PartyTransferDoc = {
      memberId: id, kind: 'in', fromBranchId: null, toBranchId: p.branchId, outsideOrg: p.outsideOrg, letterNo: p.letterNo, letterDate: p.letterDate,
      effectiveOn: p.effectiveOn, state: 'confirmed', requestedBy: ctx.caller.openid, requestedAt: at, decidedBy: ctx.caller.openid, decidedAt: at, note: null,
    };
    try {
      await col('partyMembers').add({ _id: id, ...row });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Registered before: make sure its 转接记录 exists (a first call may have died before writing it).
      await recordOnce(transferId, transfer);
      throw new AppError('CONFLICT', '这封介绍信已经登记过转入，请在花名册中查看。');
    }
    await recordOnce(transferId, transfer);
    await audit(ctx, { fn: 'party', action: 'transferIn', target: `partyMembers/${id}`, before: null, after: { ...snapshot(row), transferId, outsideOrg: p.outsideOrg, letterNo: p.letterNo, letterDate: p.letterDate, effectiveOn: p.effectiveOn } });
    return { memberId: id, transferId };
  },
});
