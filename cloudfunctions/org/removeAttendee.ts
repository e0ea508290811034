import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { CheckinDoc } from '../checkin/public';
import { openidParam } from './shared';
import { recordForChange, recordIdParam } from './orgLifeShared';

const GONE = '名单中没有这位人员，请刷新后查看。';

/**
 * Corrects a mistake: strikes a sign-in (added by hand, or a wrong scan — someone who scanned a
 * code they should not have, finding G-05), or a guest name. The audit row keeps the struck
 * sign-in as it was (how it was made and when), so a struck scan can always be traced. Refused once
 * the meeting's quarter is finalised, like adding attendees or editing the record: the stored
 * rating was scored from this attendance.
 *
 * Four round trips (issue 19; six before): the caller, one aggregation (the record, its branch, the
 * lock and the sign-in being struck), the conditional removal, the audit row.
 */
export const removeAttendee = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ id: recordIdParam, openid: openidParam.optional(), guestName: z.string().trim().min(1).max(20).optional() })
    .refine((p) => !!p.openid !== !!p.guestName, '请指定一位参会人员'),
  async handler({ id, openid, guestName }, ctx) {
    const _ = cmd();
    const $ = _.aggregate;
    // The person's sign-in at this meeting's event: first their own sign-ins (a constant match, on
    // the (openid, nonce) index), then the one of the record's event.
    const r = await recordForChange<{ checkin: CheckinDoc[] }>(
      ctx.caller,
      id,
      openid
        ? [{ from: 'checkins', let: { eventId: '$eventId' }, pipeline: $.pipeline().match({ openid, kind: 'event' }).match(_.expr($.eq(['$eventId', '$$eventId']))).limit(1).done(), as: 'checkin' }]
        : [],
    );
    let struck: { via: 'hand' | 'code'; at: string; guest: boolean } | null = null;
    if (openid) {
      const c = r.checkin[0];
      if (!c) throw new AppError('NOT_FOUND', GONE);
      const { deleted } = await col('checkins').where({ key: `e:${r.eventId}:${openid}` }).remove();
      if (!deleted) throw new AppError('NOT_FOUND', GONE);
      struck = { via: c.recordedBy ? 'hand' : 'code', at: new Date(c.at).toISOString(), guest: !!c.guest };
    } else {
      // Conditional on the name being there: `updated` is 0 for a name that was never on the list
      // (an unconditional pull also set updatedAt, so it always "updated" one — party finding).
      const { updated } = await col('orgLife').where({ _id: id, guestNames: guestName }).update({ guestNames: _.pull(guestName), updatedAt: new Date() });
      if (!updated) throw new AppError('NOT_FOUND', GONE);
    }
    await audit(ctx, { fn: 'org', action: 'removeAttendee', target: `orgLife/${id}`, before: { openid, guestName, ...(struck ? { checkin: struck } : {}) }, after: null });
    return { removed: true };
  },
});
