import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';

/** The badge on 我的 → 消息中心. One count query. */
export const unreadCount = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const { total } = await col('outbox').where({ toOpenid: caller.openid, status: _.in(['sent', 'failed']), readAt: _.in([null]) }).count();
    return { unread: total };
  },
});
