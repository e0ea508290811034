import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { BOOKING_PAGE, idParam, parkRange } from './shared';
import { transition } from './transition';

/** The expert confirms a requested booking (before it ends); transition() queues its reminders right after the move. */
export const confirm = action({
  roles: ['expert'],
  params: z.strictObject({ bookingId: idParam, note: z.string().trim().max(200).optional() }),
  async handler({ bookingId, note }, { caller }) {
    return transition({
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
