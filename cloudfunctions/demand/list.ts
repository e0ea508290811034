import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { DEMAND_CATEGORIES, DEMAND_KINDS, OPEN_STATES } from './terms';
import { LIST_FIELDS, listItem, PAGE_SIZE } from './shared';

/**
 * Every demand for the center, by view (待分派, open, overdue, finished), category and kind, and a
 * search text matched (case-insensitive, literally) in the enterprise's name or the demand's title;
 * newest first.
 */
export const list = action({
  roles: ['admin'],
  params: z.strictObject({
    view: z.enum(['all', 'unassigned', 'open', 'overdue', 'done']).default('all'),
    category: z.enum(DEMAND_CATEGORIES).optional(),
    kind: z.enum(DEMAND_KINDS).optional(),
    q: z.string().trim().max(30).optional(),
    page: z.number().int().min(1).max(200).default(1),
  }),
  async handler({ view, category, kind, q, page }) {
    const _ = cmd();
    const today = parkDay();
    const where: Record<string, unknown> = {};
    if (view === 'unassigned') Object.assign(where, { state: 'submitted', handlerOpenid: null });
    if (view === 'open') where.state = _.in([...OPEN_STATES]);
    if (view === 'done') where.state = _.nin([...OPEN_STATES]);
    // Due days are 'YYYY-MM-DD' strings: "before today" is a plain range condition on an indexable field.
    if (view === 'overdue') Object.assign(where, { state: _.in([...OPEN_STATES]), dueDate: _.lt(today) });
    if (category) where.category = category;
    if (kind) where.kind = kind;
    const text = q ? contains(q) : null;
    const query = col('demands').where(text ? _.and([where, _.or([{ enterpriseName: text }, { title: text }])]) : where);
    const [{ total }, { data }] = await Promise.all([
      query.count(),
      query.orderBy('submittedAt', 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).field(LIST_FIELDS).get(),
    ]);
    return { items: data.map((d) => listItem(d, today)), total, page, hasMore: page * PAGE_SIZE < total };
  },
});
