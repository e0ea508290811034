import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, during } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { quarterRange } from './scoring';
import { idParam, ledBranchIds, quarterParam } from './shared';
import { recordRowView } from './orgLifeShared';

const LIST_MAX = 200;

/**
 * Meetings of a branch (or of every branch the caller may see), newest first, with attendance:
 * the records, then one aggregation counting their events' check-ins.
 */
export const listOrgLife = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ branchId: idParam.optional(), quarter: quarterParam.optional() }),
  async handler({ branchId, quarter }, { caller }) {
    const _ = cmd();
    const led = await ledBranchIds(caller);
    if (led && branchId && !led.includes(branchId)) throw new AppError('FORBIDDEN', '只能查看本支部的组织生活。');
    const where: Record<string, unknown> = {};
    if (branchId) where.branchId = branchId;
    else if (led) where.branchId = _.in(led);
    if (quarter) {
      const r = quarterRange(quarter);
      where.startAt = during(r.from, r.to);
    }
    // Never a silently cut list (findings G-20): one row past the page says there are more, and the
    // caller is asked to narrow by quarter (the page always does; a quarter holds a few dozen).
    const { data } = await col('orgLife').where(where).orderBy('startAt', 'desc').limit(LIST_MAX + 1).get();
    if (data.length > LIST_MAX) throw new AppError('VALIDATION', `组织生活记录超过 ${LIST_MAX} 条，请按季度筛选查看。`);
    const members = new Map<string, number>();
    const guests = new Map<string, number>();
    if (data.length) {
      const rows = (await col('checkins')
        .aggregate()
        .match({ eventId: _.in(data.map((r) => r.eventId)) })
        .group({ _id: { e: '$eventId', g: '$guest' }, n: _.aggregate.sum(1) })
        .limit(1000)
        .end()) as { data: { _id: { e: string; g?: boolean | null }; n: number }[] };
      for (const r of rows.data) {
        const into = r._id.g ? guests : members;
        into.set(r._id.e, (into.get(r._id.e) ?? 0) + r.n);
      }
    }
    return data.map((r) => recordRowView(r, members.get(r.eventId) ?? 0, guests.get(r.eventId) ?? 0));
  },
});
