import * as z from 'zod';
import { action } from '../../server/core/router';
import { idParam } from './shared';
import { transition } from './transition';

/** The enterprise rates a served booking, 1–5, with an optional comment (once). */
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
      patch: { score, comment: comment ?? '' },
      note: `${score} 星`,
    });
  },
});
