import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { rosterOfYear } from '../party/public';
import { idParam } from './shared';
import { parkYear } from './calendar';
import { countedMinutes, leadersAmong } from './hoursQuery';
import { hoursOf, LEARNING_HOURS_RULE, targetOf } from './learningHours';

/**
 * 支部党员集中学习学时: every roster member of the branch in a park year with their counted 学时
 * against their target — for the branch's secretary at the time of the call, or an admin. Listed
 * by name (拼音 order), NEVER by hours: the figure is for helping a member catch up, not a ranking
 * (the 2026 rules restrict study rankings). Totals only; the sessions stay on the member's own
 * page. Reads: the branch, the year's roster, then the counted minutes (one aggregation, computed
 * in the database) and the secretaries among them.
 */
export const branchLearningHours = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ branchId: idParam, year: z.number().int().min(2020).max(2100).optional() }),
  async handler(p, { caller }) {
    const year = p.year ?? parkYear();
    const [branch] = (await col('branches').doc(p.branchId).get()).data;
    if (!branch) throw new AppError('NOT_FOUND', '没有找到该支部，请返回重试。');
    if (!caller.is('admin') && branch.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能查看本支部党员的学时。');
    const roster = await rosterOfYear(p.branchId, year);
    // After 删除我的数据 the person's check-ins carry their pseudonym (user/erase.ts): count those too.
    const ids = (r: (typeof roster)[number]) => [r.openid, r.erasedAs].filter((o): o is string => !!o);
    const openids = [...new Set(roster.flatMap(ids))];
    const [minutes, leaders] = await Promise.all([countedMinutes(openids, year), leadersAmong(roster.flatMap((r) => (r.openid ? [r.openid] : [])))]);
    const members = roster
      .map((r) => {
        const m = ids(r).reduce((sum, o) => sum + (minutes.get(o)?.minutes ?? 0), 0);
        const sessions = ids(r).reduce((sum, o) => sum + (minutes.get(o)?.sessions ?? 0), 0);
        const hours = hoursOf(m);
        const target = targetOf(!!r.openid && leaders.has(r.openid));
        return { memberId: r.memberId, name: r.name, bound: !!r.openid, inBranch: r.currentBranchId === p.branchId, hours, sessions, target, met: hours >= target };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.memberId.localeCompare(b.memberId));
    return { year, branch: { id: p.branchId, name: branch.name }, members, rule: LEARNING_HOURS_RULE };
  },
});
