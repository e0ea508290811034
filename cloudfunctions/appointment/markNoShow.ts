import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { idParam } from './shared';
import { transition } from './transition';

/** The expert records that the enterprise did not come — only once the appointment has begun. */
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
      check: (b, now) => {
        if (new Date(b.startAt).getTime() > now.getTime()) throw new AppError('CLOSED', '预约尚未开始，开始后才能记为未到场。');
      },
    });
  },
});
