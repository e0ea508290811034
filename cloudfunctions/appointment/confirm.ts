import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { cmd } from '../../server/core/db';
import { BOOKING_PAGE, idParam, parkRange } from './shared';
import { transition } from './transition';

/** The expert confirms a requested booking (before it ends); transition() queues its reminders right after the move. */
export const confirm = action({
  roles: ['expert'],
  // `slotId`: the time the expert is looking at. With it, the confirm applies only to that time
  // (a booking the enterprise moved meanwhile is refused, not confirmed unseen), which lets it be a
  // claim — one updateAndReturn without reading the booking first (issue 19: 6 → 5 calls). Without
  // it (an older client) the booking is read first, as before. The notice and both reminders are
  // then one insert (transition.ts), so a confirm is 3 calls with the slot, 4 without (6 before).
  params: z.strictObject({ bookingId: idParam, slotId: idParam.optional(), note: z.string().trim().max(200).optional() }),
  async handler({ bookingId, slotId, note }, { caller }) {
    return transition({
      claim: slotId ? { where: { expertId: caller.openid, endAt: cmd().gt(new Date()) }, role: 'expert' } : undefined,
      slotSeen: slotId,
      bookingId,
      event: 'confirm',
      caller,
      role: () => 'expert',
      note,
      check: (b, now) => {
        if (new Date(b.endAt).getTime() <= now.getTime()) throw new AppError('CLOSED', '该预约时间已过，无法再确认。');
      },
      notify: (b) => [
        { type: 'appointment.confirmed', toOpenid: b.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
          data: { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '已确认' } },
      ],
    });
  },
});
