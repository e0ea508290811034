import * as z from 'zod';
import { action } from '../../server/core/router';
import { idParam, present, step, viewerOf } from './shared';

/**
 * The enterprise withdraws a demand nobody has accepted yet. A 代办 claim made through it is released
 * by the step (./claims.ts), so the package or policy can be claimed again.
 */
export const cancel = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam, reason: z.string().trim().max(300).optional() }),
  async handler({ id, reason }, ctx) {
    const { demand, clock } = await step(ctx, id, 'cancel', { note: reason ?? null, set: { cancelledAt: new Date() } });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
