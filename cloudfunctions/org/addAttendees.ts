import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { addEventCheckin } from '../checkin/public';
import type { EventDoc } from '../checkin/public';
import type { PartyStretch } from '../party/public';
import { openidParam } from './shared';
import { guestNamesParam, LATE_ENTRY_MS, recordForChange, recordIdParam, restoreMeetingEvent, stateOf } from './orgLifeShared';
import { boundInRoster, parkMonth, rosterRowsLookup } from './members';

type RosterRow = { openid?: string | null; stretches: Pick<PartyStretch, 'branchId' | 'from' | 'to'>[] };

/**
 * The secretary records attendees by hand: members of the branch (written as check-ins of the
 * meeting's event, so someone who also scanned counts once) and guests by name. Attendance added
 * more than 7 days after the meeting is a late edit of the evidence (finding G-03): the record then
 * waits for an admin's 核实 again. Refused for a withdrawn record and once the quarter is finalised.
 *
 * Round trips (issue 19; nine before): the caller, ONE aggregation (the record, its branch, the
 * lock, its event and the ticked people's roster rows), one insert per member ticked (each its own:
 * the unique sign-in key makes a member who already scanned a no-op, which a batch insert would
 * fail as a whole), one update of the record (guests and the return to 待核实 together, only when
 * there are guests or it is late), the audit row — five for one member and guests.
 */
export const addAttendees = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ id: recordIdParam, openids: z.array(openidParam).max(200).default([]), guestNames: guestNamesParam.default([]) })
    .refine((p) => p.openids.length + p.guestNames.length > 0, '请选择或填写参会人员'),
  async handler({ id, openids, guestNames }, ctx) {
    const _ = cmd();
    const unique = [...new Set(openids)];
    const r = await recordForChange<{ event: EventDoc[]; roster: RosterRow[] }>(ctx.caller, id, [
      { from: 'events', localField: 'eventId', foreignField: '_id', as: 'event' },
      ...(unique.length ? [rosterRowsLookup(unique, 'roster')] : []),
    ]);
    if (stateOf(r) === 'withdrawn') throw new AppError('CONFLICT', '该记录已撤回，不能再补录。');
    const members = boundInRoster(r.roster ?? [], r.branchId, parkMonth(r.startAt));
    if (!unique.every((o) => members.has(o))) throw new AppError('VALIDATION', '只能添加本支部已认证的党员；其他人员请按姓名添加。');
    // Missing only when createOrgLife died between the record and its event (its header): put back.
    const e = r.event[0] ?? (await restoreMeetingEvent(r));
    const event = { ...e, _id: r.eventId };
    const added = await Promise.all(unique.map((openid) => addEventCheckin({ event, openid, recordedBy: ctx.caller.openid })));
    const guests = [...new Set(guestNames)];
    const result = { members: added.filter(Boolean).length, guests: guests.filter((g) => !r.guestNames.includes(g)).length };
    const at = new Date();
    const late = at.getTime() - new Date(r.endAt).getTime() > LATE_ENTRY_MS && result.members + result.guests > 0;
    if (guests.length || late) {
      // Conditional on the record still being live: a withdrawal that lands first wins (the guests are not added to it).
      await col('orgLife')
        .where({ _id: id, state: _.neq('withdrawn') })
        .update({
          ...(guests.length ? { guestNames: _.addToSet({ $each: guests }) } : {}),
          updatedAt: at,
          ...(late ? { state: 'pending', pendingReason: 'edited', confirmedBy: null, confirmedAt: null, reviewNote: '', editedBy: ctx.caller.openid, editedAt: at } : {}),
        });
    }
    await audit(ctx, { fn: 'org', action: 'addAttendees', target: `orgLife/${id}`, before: null, after: { openids: unique, guestNames: guests, ...(late ? { state: 'pending' } : {}) } });
    return result;
  },
});
