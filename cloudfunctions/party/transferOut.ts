import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { idParam, outTransferId, requireEffective, switchedStretches } from './roster';
import { keeps, keptLookup, keptOf, letterParams, NOT_FOUND_MEMBER, recordOnce, ROW_CHANGED, stretchesSet, updateRowWhere } from './transfers';
import type { PartyMemberDoc, PartyTransferDoc } from './docs';

/**
 * 转出: the member leaves the park's Party organisations with a 介绍信 to `outsideOrg`. Their
 * secretary (or an admin) records it: ONE conditional update of the row closes its open stretch at
 * the effective day (they still count in the months that began before it), marks it transferred out
 * and takes it off the branch's list — refused if a between-branch transfer is pending or the row
 * changed since it was read (transfers.ts). Then the confirmed 转接记录, under an id derived from the
 * member and the letter, so resending the form after a call killed between the two writes adds the
 * missing record and nothing else.
 *
 * Five round trips (issue 19; ten in a transaction): the caller, ONE read (the row with the caller's
 * kept branches), the row's update, the record, the audit row.
 */
export const transferOut = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: idParam, ...letterParams, effectiveOn: dayParam }),
  async handler(p, ctx) {
    if (p.letterDate > parkDay()) throw new AppError('VALIDATION', '介绍信日期不能晚于今天。');
    requireEffective(p.effectiveOn);
    const { data } = (await col('partyMembers')
      .aggregate()
      .match({ _id: p.memberId })
      .lookup(keptLookup(ctx.caller))
      .limit(1)
      .end()) as { data: (WithId<PartyMemberDoc> & { kept: { _id: string }[] })[] };
    const m = data[0];
    const kept = keptOf(ctx.caller, m?.kept);
    const id = outTransferId(p.memberId, p.outsideOrg, p.letterNo);
    const at = new Date();
    const last = m?.stretches?.at(-1);
    const record = (fromBranchId: string): PartyTransferDoc => ({
      memberId: p.memberId, kind: 'out', fromBranchId, toBranchId: null, outsideOrg: p.outsideOrg, letterNo: p.letterNo, letterDate: p.letterDate,
      effectiveOn: p.effectiveOn, state: 'confirmed', requestedBy: ctx.caller.openid, requestedAt: at, decidedBy: ctx.caller.openid, decidedAt: at, note: null,
    });
    if (m && m.state === 'transferredOut' && last && last.to === p.effectiveOn && keeps(kept, last)) {
      // The same form again after the row went out: the record may be what a killed call left
      // unwritten. Written if missing; the answer below is the one any later call gets.
      await recordOnce(id, record(last.branchId));
    }
    if (!m || !keeps(kept, m)) throw new AppError('NOT_FOUND', NOT_FOUND_MEMBER);
    if (m.state !== 'active' || !m.branchId) throw new AppError('CONFLICT', '该党员已转出园区。');
    if (m.pendingTransferId) throw new AppError('CONFLICT', '该党员有一项待确认的园区内转接，请先撤回。');
    const stretches = switchedStretches(m, p.effectiveOn, null, id);
    const _ = cmd();
    const moved = await updateRowWhere(m, { state: 'active', branchId: m.branchId, pendingTransferId: null, stretches: _.size(m.stretches.length) },
      { state: 'transferredOut', branchId: null, stretches: stretchesSet(stretches), updatedAt: at });
    if (!moved) throw new AppError('CONFLICT', ROW_CHANGED);
    const t = record(m.branchId);
    await recordOnce(id, t);
    await audit(ctx, { fn: 'party', action: 'transferOut', target: `partyMembers/${p.memberId}`, before: { branchId: t.fromBranchId, state: 'active' }, after: { branchId: null, state: 'transferredOut', transferId: id, outsideOrg: p.outsideOrg, letterNo: p.letterNo, effectiveOn: p.effectiveOn } });
    return { id, memberId: p.memberId, state: 'confirmed' as const };
  },
});
