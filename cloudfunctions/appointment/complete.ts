import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { parkRange } from '../../server/core/time';
import { BOOKING_PAGE, idParam } from './shared';
import { transition } from './transition';

/**
 * The expert records the service (服务记录) of a confirmed booking; it becomes `served` and the
 * enterprise is invited to rate it. Only once the appointment has started: a booking marked
 * served (and so rated, and freed from the enterprise's limit) before it happens would inflate the
 * served figures. An expert who helped by phone earlier records it at the appointment's time.
 */
export const complete = action({
  roles: ['expert'],
  params: z.strictObject({
    bookingId: idParam,
    record: z.string().trim().min(5, '请用至少 5 个字记录服务内容').max(500),
  }),
  async handler({ bookingId, record }, { caller }) {
    return transition({
      bookingId,
      event: 'complete',
      caller,
      role: () => 'expert',
      check: (b, now) => {
        if (new Date(b.startAt).getTime() > now.getTime()) throw new AppError('CLOSED', '预约尚未开始，请在预约开始后再记录服务。');
      },
      patch: { serviceRecord: record },
      notify: (b) => [
        { type: 'appointment.served', toOpenid: b.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
          data: { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '服务已完成，请评价', note: record.slice(0, 20) } },
      ],
    });
  },
});
