import * as z from 'zod';
import { action } from '../../server/core/router';
import { HANDLER_ROLES } from './machine';
import { idParam, present, progressMessage, step, viewerOf } from './shared';

/** The handler resolves the demand (办结) with what was done; the enterprise then confirms or reopens. */
export const resolve = action({
  roles: HANDLER_ROLES,
  params: z.strictObject({ id: idParam, resolution: z.string().trim().min(2, '请写明办理结果').max(1000) }),
  async handler({ id, resolution }, ctx) {
    const { demand, clock } = await step(ctx, id, 'resolve', {
      note: resolution,
      set: { resolution, resolvedAt: new Date() },
      // The contact is asked to confirm and rate: the message opens the demand.
      notify: (d) => [progressMessage(d, '请确认办理结果并评价')],
    });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
