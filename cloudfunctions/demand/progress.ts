import * as z from 'zod';
import { action } from '../../server/core/router';
import { HANDLER_ROLES } from './machine';
import { idParam, present, step, viewerOf } from './shared';

/** The handler records progress (办理进展); the first note moves an accepted demand to 办理中. */
export const progress = action({
  roles: HANDLER_ROLES,
  params: z.strictObject({ id: idParam, note: z.string().trim().min(2, '请写下办理进展').max(500) }),
  async handler({ id, note }, ctx) {
    const { demand, clock } = await step(ctx, id, 'progress', { note });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
