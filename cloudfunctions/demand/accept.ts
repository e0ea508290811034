import * as z from 'zod';
import { action } from '../../server/core/router';
import { HANDLER_ROLES } from './machine';
import { idParam, present, progressMessage, step, viewerOf } from './shared';

/** The assigned handler accepts the demand (受理). */
export const accept = action({
  roles: HANDLER_ROLES,
  params: z.strictObject({ id: idParam, note: z.string().trim().max(300).optional() }),
  async handler({ id, note }, ctx) {
    const { demand, clock } = await step(ctx, id, 'accept', {
      note: note ?? null,
      set: { acceptedAt: new Date() },
      notify: (d) => [progressMessage(d, note)],
    });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
