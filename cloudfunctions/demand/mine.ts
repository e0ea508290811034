import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { enterpriseIdOf } from '../policy/public';
import { OPEN_STATES } from './terms';
import { clockNow, LIST_FIELDS, listItem, PAGE_SIZE } from './shared';

export const scopeParam = z.enum(['open', 'done', 'all']).default('all');

/** The `state` filter of a list scope: open work, finished work, or everything. */
export function scopeWhere(scope: 'open' | 'done' | 'all'): Record<string, unknown> {
  const _ = cmd();
  if (scope === 'open') return { state: _.in([...OPEN_STATES]) };
  if (scope === 'done') return { state: _.nin([...OPEN_STATES]) };
  return {};
}

/** The demands of the caller's enterprise (every contact of it sees them), newest first. */
export const mine = action({
  roles: ['enterprise'],
  params: z.strictObject({ scope: scopeParam, page: z.number().int().min(1).max(200).default(1) }),
  async handler({ scope, page }, { caller }) {
    const enterpriseId = enterpriseIdOf(caller);
    const clock = await clockNow();
    const query = col('demands').where({ enterpriseId, ...scopeWhere(scope) });
    const [{ total }, { data }] = await Promise.all([
      query.count(),
      query.orderBy('submittedAt', 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).field(LIST_FIELDS).get(),
    ]);
    return { items: data.map((d) => listItem(d, clock)), total, page, hasMore: page * PAGE_SIZE < total };
  },
});
