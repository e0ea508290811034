import * as z from 'zod';
import { action } from '../../server/core/router';
import { parkRange } from '../../server/core/time';
import { BOOKING_PAGE, idParam } from './shared';
import { transition } from './transition';

/**
 * The expert records the service (服务记录) of a confirmed booking; it becomes `served` and the
 * enterprise is invited to rate it. Not tied to the slot's end time: experts often help by
 * phone before the appointment, and the record is what counts.
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
      patch: { serviceRecord: record },
      notify: (b) => [
        { type: 'appointment.served', toOpenid: b.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
          data: { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '服务已完成，请评价', note: record.slice(0, 20) } },
      ],
    });
  },
});
