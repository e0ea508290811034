import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { BOOKING_PAGE, idParam, parkRange } from './shared';
import { transition } from './transition';

/**
 * The expert records that the enterprise did not come — only once the appointment has begun.
 * The booking's contact is told privately (it may count towards the cool-down of
 * server/core/noShow.ts) with how to appeal (appealNoShow); nobody else is.
 */
export const markNoShow = action({
  roles: ['expert'],
  params: z.strictObject({ bookingId: idParam, note: z.string().trim().max(200).optional() }),
  async handler({ bookingId, note }, { caller }) {
    return transition({
      bookingId,
      event: 'noShow',
      caller,
      role: () => 'expert',
      note,
      patch: { noShowAt: new Date() },
      check: (b, now) => {
        if (new Date(b.startAt).getTime() > now.getTime()) throw new AppError('CLOSED', '预约尚未开始，开始后才能记为未到场。');
      },
      notify: (b) => [
        { type: 'appointment.noShow', toOpenid: b.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
          data: { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '记为未到场，如有异议可申诉' } },
      ],
    });
  },
});
