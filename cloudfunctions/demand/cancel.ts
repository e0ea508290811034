import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { idParam, present, step, viewerOf } from './shared';

/**
 * The enterprise withdraws a demand nobody has accepted yet. A 代办 claim made through it is released,
 * so the package or policy can be claimed again later (if that release failed, a new claim would be
 * refused with a pointer to this withdrawn demand — never a double claim).
 */
export const cancel = action({
  roles: ['enterprise'],
  params: z.strictObject({ id: idParam, reason: z.string().trim().max(300).optional() }),
  async handler({ id, reason }, ctx) {
    const { demand, today } = await step(ctx, id, 'cancel', { note: reason ?? null, set: { cancelledAt: new Date() } });
    await col('policyClaims').where({ demandId: id }).remove();
    return present(demand, viewerOf(ctx.caller), today);
  },
});
