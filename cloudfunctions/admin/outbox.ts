import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';

/** The reminders' outbox at a glance: counts by status (one aggregation) and the latest failures with reasons. */
export const outbox = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const $ = cmd().aggregate;
    const [byStatus, failed] = await Promise.all([
      col('outbox').aggregate().group({ _id: '$status', n: $.sum(1) }).limit(10).end() as Promise<{ data: { _id: string; n: number }[] }>,
      col('outbox').where({ status: 'failed' }).orderBy('finishedAt', 'desc').limit(50).get(),
    ]);
    return {
      counts: Object.fromEntries(byStatus.data.map((r) => [String(r._id), r.n])) as Record<string, number>,
      failed: failed.data.map((m) => ({ id: m._id, template: m.template, toOpenid: m.toOpenid, attempts: m.attempts, reason: m.failedReason ?? m.lastError ?? '', dueAt: m.dueAt, finishedAt: m.finishedAt ?? null })),
    };
  },
});
