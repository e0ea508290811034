import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { idParam } from './shared';
import { transition } from './transition';

/** The enterprise rates a served booking, 1–5, with an optional comment (once), never before the appointment. */
export const rate = action({
  roles: ['enterprise'],
  params: z.strictObject({
    bookingId: idParam,
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(300).optional(),
  }),
  async handler({ bookingId, score, comment }, { caller }) {
    return transition({
      bookingId,
      event: 'rate',
      caller,
      role: () => 'enterprise',
      check: (b, now) => {
        if (new Date(b.startAt).getTime() > now.getTime()) throw new AppError('CLOSED', '预约尚未开始，请在服务完成后再评价。');
      },
      patch: { score, comment: comment ?? '' },
      note: `${score} 星`,
    });
  },
});
