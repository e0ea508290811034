import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { HANDLER_ROLES } from './machine';
import { clockNow, LIST_FIELDS, listItem, PAGE_SIZE } from './shared';
import { scopeParam, scopeWhere } from './mine';

/** The demands assigned to the caller as handler, those due soonest first. */
export const assigned = action({
  roles: HANDLER_ROLES,
  params: z.strictObject({ scope: scopeParam, page: z.number().int().min(1).max(200).default(1) }),
  async handler({ scope, page }, { caller }) {
    const clock = await clockNow();
    const query = col('demands').where({ handlerOpenid: caller.openid, ...scopeWhere(scope) });
    const [{ total }, { data }] = await Promise.all([
      query.count(),
      query.orderBy('dueDate', 'asc').orderBy('submittedAt', 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).field(LIST_FIELDS).get(),
    ]);
    return { items: data.map((d) => listItem(d, clock)), total, page, hasMore: page * PAGE_SIZE < total };
  },
});
