import * as z from 'zod';
import { ERASED_NAME } from './roster';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { keptBranches } from './months';
import { STAGES } from './development';
import { idParam } from './duesShared';
import type { DevelopmentStage } from './docs';

const PAGE = 20;

/**
 * 发展党员 list: a keeper sees their branches' files (admins every branch), anyone else only their
 * own file (bound openid) — the same action, so the person's "我的入党进度" needs nothing more.
 * Filters: branch, stage, name contains `q`; the longest at their stage first.
 */
export const listDevelopment = action({
  roles: 'anyone',
  params: z.strictObject({
    branchId: idParam.optional(),
    stage: z.enum(STAGES as [DevelopmentStage, ...DevelopmentStage[]]).optional(),
    q: z.string().trim().max(40).optional(),
    state: z.enum(['active', 'withdrawn']).default('active'),
    page: z.number().int().min(1).max(500).default(1),
  }),
  async handler(p, { caller }) {
    const _ = cmd();
    // null: every branch (admin); []: keeps none — then only the caller's own file(s).
    const kept = caller.is('secretary') || caller.is('admin') ? await keptBranches(caller) : [];
    if (p.branchId && kept && !kept.includes(p.branchId)) throw new AppError('FORBIDDEN', '只能查看本支部的发展党员档案。');
    const query: Record<string, unknown> = { state: p.state };
    if (kept && !kept.length) query.openid = caller.openid;
    else if (p.branchId) query.branchId = p.branchId;
    else if (kept) query.branchId = _.in(kept);
    if (p.stage) query.stage = p.stage;
    if (p.q) query.name = contains(p.q);
    const mine = col('partyDevelopment').where(query);
    const [{ data }, { total }] = await Promise.all([
      mine.orderBy('stageOn', 'asc').orderBy('name', 'asc').skip((p.page - 1) * PAGE).limit(PAGE).field({ steps: false }).get(),
      mine.count(),
    ]);
    return {
      total, page: p.page, pageSize: PAGE,
      items: data.map((d) => ({
        id: d._id, name: d.name || ERASED_NAME, branchId: d.branchId, enterpriseId: d.enterpriseId, stage: d.stage, stageOn: d.stageOn,
        contacts: d.contacts.length, memberId: d.memberId, state: d.state, mine: !!d.openid && d.openid === caller.openid,
      })),
    };
  },
});
