import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { addEventCheckin } from '../checkin/public';
import { branchForCaller, openidParam } from './shared';
import { getRecord, guestNamesParam, recordIdParam } from './orgLifeShared';
import { branchMembers, parkMonth } from './members';

/**
 * The secretary records attendees by hand: members of the branch (written as check-ins of the
 * meeting's event, so someone who also scanned counts once) and guests by name.
 */
export const addAttendees = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ id: recordIdParam, openids: z.array(openidParam).max(200).default([]), guestNames: guestNamesParam.default([]) })
    .refine((p) => p.openids.length + p.guestNames.length > 0, '请选择或填写参会人员'),
  async handler({ id, openids, guestNames }, ctx) {
    const r = await getRecord(id);
    const _ = cmd();
    const unique = [...new Set(openids)];
    const [, members, event] = await Promise.all([
      branchForCaller(ctx.caller, r.branchId),
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
    await audit(ctx, { fn: 'org', action: 'addAttendees', target: `orgLife/${id}`, before: null, after: { openids: unique, guestNames: guests } });
    return result;
  },
});
