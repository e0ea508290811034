import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';

/** Marks the caller's own messages read (some ids, or all). Other people's rows cannot match. */
export const markRead = action({
  roles: 'anyone',
  params: z.union([
    z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }),
    z.strictObject({ all: z.literal(true) }),
  ]),
  async handler(p, { caller }) {
    const _ = cmd();
    const where: Record<string, unknown> = { toOpenid: caller.openid, status: _.in(['sent', 'failed']), readAt: _.in([null]) };
    if ('ids' in p) where._id = _.in(p.ids);
    const { updated } = await col('outbox').where(where).update({ readAt: new Date() });
    return { updated };
  },
});
