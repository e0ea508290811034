import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { addEventCheckin } from '../checkin/public';
import { branchForCaller, openidParam } from './shared';
import { getRecord, guestNamesParam, LATE_ENTRY_MS, recordIdParam, refuseIfFinalised, stateOf } from './orgLifeShared';
import { branchMembers, parkMonth } from './members';

/**
 * The secretary records attendees by hand: members of the branch (written as check-ins of the
 * meeting's event, so someone who also scanned counts once) and guests by name. Attendance added
 * more than 7 days after the meeting is a late edit of the evidence (finding G-03): the record then
 * waits for an admin's 核实 again. Refused for a withdrawn record and once the quarter is finalised.
 */
export const addAttendees = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ id: recordIdParam, openids: z.array(openidParam).max(200).default([]), guestNames: guestNamesParam.default([]) })
    .refine((p) => p.openids.length + p.guestNames.length > 0, '请选择或填写参会人员'),
  async handler({ id, openids, guestNames }, ctx) {
    const r = await getRecord(id);
    if (stateOf(r) === 'withdrawn') throw new AppError('CONFLICT', '该记录已撤回，不能再补录。');
    const _ = cmd();
    const unique = [...new Set(openids)];
    const [, , members, event] = await Promise.all([
      branchForCaller(ctx.caller, r.branchId),
      refuseIfFinalised(r),
      unique.length ? branchMembers(r.branchId, parkMonth(r.startAt)) : ([] as string[]),
      col('events').doc(r.eventId).get(),
    ]);
    if (!unique.every((o) => members.includes(o))) throw new AppError('VALIDATION', '只能添加本支部已认证的党员；其他人员请按姓名添加。');
    const e = event.data[0];
    if (!e) throw new AppError('NOT_FOUND', '该组织生活的签到活动不存在，请联系管理员。');
    const added = await Promise.all(unique.map((openid) => addEventCheckin({ event: e, openid, recordedBy: ctx.caller.openid })));
    const guests = [...new Set(guestNames)];
    if (guests.length) {
      await col('orgLife').doc(id).update({ guestNames: _.addToSet({ $each: guests }), updatedAt: new Date() });
    }
    const result = { members: added.filter(Boolean).length, guests: guests.filter((g) => !r.guestNames.includes(g)).length };
    const at = new Date();
    const late = at.getTime() - new Date(r.endAt).getTime() > LATE_ENTRY_MS && result.members + result.guests > 0;
    if (late) {
      await col('orgLife')
        .where({ _id: id, state: _.neq('withdrawn') })
        .update({ state: 'pending', pendingReason: 'edited', confirmedBy: null, confirmedAt: null, reviewNote: '', editedBy: ctx.caller.openid, editedAt: at, updatedAt: at });
    }
    await audit(ctx, { fn: 'org', action: 'addAttendees', target: `orgLife/${id}`, before: null, after: { openids: unique, guestNames: guests, ...(late ? { state: 'pending' } : {}) } });
    return result;
  },
});
