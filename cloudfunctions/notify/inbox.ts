import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { render } from './templates';

const PAGE = 20;

/**
 * 消息中心: the caller's own messages that have gone out (or failed to), newest first. Future
 * reminders and cancelled rows are not shown — they have not happened.
 */
export const inbox = action({
  roles: 'anyone',
  params: z.strictObject({ page: z.number().int().min(1).max(500).default(1) }),
  async handler({ page }, { caller }) {
    const _ = cmd();
    const mine = col('outbox').where({ toOpenid: caller.openid, status: _.in(['sent', 'failed']) });
    const [{ data }, { total }, unread] = await Promise.all([
      mine.orderBy('dueAt', 'desc').skip((page - 1) * PAGE).limit(PAGE).get(),
      mine.count(),
      col('outbox').where({ toOpenid: caller.openid, status: _.in(['sent', 'failed']), readAt: _.in([null]) }).count(),
    ]);
    return {
      total,
      unread: unread.total,
      page,
      pageSize: PAGE,
      items: data.map((r) => ({
        id: r._id,
        ...render(r.template, r.data ?? {}),
        page: r.page,
        at: new Date(r.sentAt ?? r.finishedAt ?? r.dueAt).toISOString(),
        read: !!r.readAt,
        // Tell the person honestly when WeChat did not get it to them.
        delivered: r.status === 'sent',
      })),
    };
  },
});
