import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { idParam, present, step, viewerOf } from './shared';

/**
 * The enterprise says the problem is not solved: back to 办理中 with the same handler. `resolvedAt`
 * is cleared, so the time to resolve counts to the final resolution.
 */
export const reopen = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam, reason: z.string().trim().min(2, '请说明还有哪些问题没有解决').max(300) }),
  async handler({ id, reason }, ctx) {
    const { demand, clock } = await step(ctx, id, 'reopen', { note: reason, set: { resolvedAt: null, reopenCount: cmd().inc(1) } });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
