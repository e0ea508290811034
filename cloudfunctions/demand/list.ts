import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import type { WithId } from '../../server/core/db';
import type { DemandDoc } from './docs';
import { DAY_MS } from './calendar';
import { ALL_CATEGORIES, DEMAND_KINDS, OPEN_STATES } from './terms';
import { openClock, slaExprs } from './sla';
import { LIST_FIELDS, listItem, PAGE_SIZE } from './shared';

/**
 * Every demand for the center, by view (待分派 — new ones and 不满意 ones waiting for a 重办 handler —,
 * open, overdue, finished), category and kind, and a search text matched (case-insensitive,
 * literally) in the enterprise's name or the demand's title; newest first.
 *
 * 已逾期 is the service level's: open demands whose working time used (from submission, assigned or
 * not, pauses excluded, on today's calendar) exceeds their class's deadline — evaluated in the
 * database (./sla.ts), so the count and the pages agree and a holiday added changes both.
 */
export const list = action({
  roles: ['admin'],
  params: z.strictObject({
    view: z.enum(['all', 'unassigned', 'open', 'overdue', 'done']).default('all'),
    category: z.enum(ALL_CATEGORIES).optional(),
    kind: z.enum(DEMAND_KINDS).optional(),
    q: z.string().trim().max(30).optional(),
    page: z.number().int().min(1).max(200).default(1),
  }),
  async handler({ view, category, kind, q, page }) {
    const _ = cmd();
    const clockP = openClock();
    const where: Record<string, unknown> = {};
    const conds: unknown[] = [];
    if (view === 'unassigned') conds.push(_.or([{ state: 'submitted', handlerOpenid: null }, { state: 'reopened' }]));
    if (view === 'open' || view === 'overdue') where.state = _.in([...OPEN_STATES]);
    if (view === 'done') where.state = _.nin([...OPEN_STATES]);
    if (category) where.category = category;
    if (kind) where.kind = kind;
    if (q) conds.push(_.or([{ enterpriseName: contains(q) }, { title: contains(q) }]));
    const filter = conds.length ? _.and([where, ...conds]) : where;
    const clock = await clockP;
    if (view === 'overdue') {
      const $ = _.aggregate;
      const sla = slaExprs(clock);
      const overdue = () =>
        col('demands')
          .aggregate()
          .match(filter)
          .addFields({ slaOver: $.gt([sla.used, $.multiply([sla.days(sla.serviceClass), DAY_MS])]) })
          .match({ slaOver: true });
      const [counted, rows] = await Promise.all([
        overdue().count('n').limit(1).end(),
        overdue().sort({ submittedAt: -1 }).skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).project(LIST_FIELDS).limit(PAGE_SIZE).end(),
      ]);
      const total = (counted.data[0] as { n?: number } | undefined)?.n ?? 0;
      const data = rows.data as WithId<DemandDoc>[];
      return { items: data.map((d) => listItem(d, clock)), total, page, hasMore: page * PAGE_SIZE < total };
    }
    const query = col('demands').where(filter);
    const [{ total }, { data }] = await Promise.all([
      query.count(),
      query.orderBy('submittedAt', 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).field(LIST_FIELDS).get(),
    ]);
    return { items: data.map((d) => listItem(d, clock)), total, page, hasMore: page * PAGE_SIZE < total };
  },
});
