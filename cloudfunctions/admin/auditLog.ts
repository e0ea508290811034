import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, during, escapeRegExp } from '../../server/core/db';
import { parkRange } from '../../server/core/range';
import { pageOf } from './paging';
import { dayParam } from './shared';


/**
 * The audit log, newest first, filtered and paged (read only: the console has no action that
 * changes or deletes an entry — server/core/audit.ts is the only writer, pinned by a guard test).
 * Three calls: the page, the total, and the actors' names in one `in` query.
 */
export const auditLog = action({
  roles: ['admin'],
  params: z.strictObject({
    page: z.number().int().min(1).max(10_000).optional(),
    fn: z.string().trim().max(40).optional(),
    action: z.string().trim().max(60).optional(),
    actor: z.string().trim().max(128).optional(),
    target: z.string().trim().max(120).optional(),
    from: dayParam.optional(),
    to: dayParam.optional(),
  }),
  async handler(p) {
    const _ = cmd();
    const where: Record<string, unknown> = {};
    if (p.fn) where.fn = p.fn;
    if (p.action) where.action = p.action;
    if (p.actor) where.actor = p.actor;
    if (p.target) where.target = new RegExp('^' + escapeRegExp(p.target));
    if (p.from || p.to) {
      const r = parkRange(p.from ?? '2000-01-01', p.to ?? '2999-12-31');
      where.at = during(r.start, r.end);
    }
    const list = await pageOf('audit', where, 'at', p.page ?? 1);
    const actors = [...new Set(list.rows.map((r) => r.actor))];
    const names = actors.length
      ? (await col('users').where({ _id: _.in(actors) }).field({ profile: true }).limit(actors.length).get()).data
      : [];
    const nameOf = new Map(names.map((u) => [u._id, u.profile?.name ?? '']));
    return {
      ...list,
      rows: list.rows.map((r) => ({
        id: r._id,
        at: r.at,
        actor: r.actor,
        actorName: nameOf.get(r.actor) || '',
        fn: r.fn,
        action: r.action,
        target: r.target,
        before: r.before ?? null,
        after: r.after ?? null,
      })),
    };
  },
});
