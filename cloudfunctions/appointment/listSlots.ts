import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, during } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { addDays, dayStart } from '../../server/core/time';
import { RULES, MINUTE } from './rules';
import { dayParam, idParam, loadExperts, slotView } from './shared';
import { currentExperts } from './retire';

/**
 * Open slots ahead, by team, expert, speciality and park-day range (default: the next three
 * weeks). Slots still inside a paired enterprise's priority window are listed for everyone
 * but marked `lockedUntil` for those who must wait.
 *
 * Database calls: 1 (2 with a speciality filter) + 1 for the experts' names.
 */
export const listSlots = action({
  roles: 'anyone',
  params: z.strictObject({
    teamId: idParam.optional(),
    expertId: idParam.optional(),
    speciality: z.string().trim().min(1).max(20).optional(),
    from: dayParam.optional(),
    to: dayParam.optional(),
    kind: z.enum(['bookable', 'roving']).optional(),
  }),
  async handler(p, { caller }) {
    const _ = cmd();
    const now = Date.now();
    const earliest = now + RULES.minNoticeMinutes * MINUTE;
    const fromAt = p.from ? dayStart(p.from).valueOf() : now;
    const toAt = p.to ? dayStart(addDays(p.to, 1)).valueOf() : now + RULES.browseDays * 24 * 60 * MINUTE;
    if (!Number.isFinite(fromAt) || !Number.isFinite(toAt)) throw new AppError('VALIDATION', '请检查：日期不正确。');
    if (toAt - fromAt > 62 * 24 * 60 * MINUTE) throw new AppError('VALIDATION', '一次最多查看两个月内的时段，请缩小日期范围。');

    const where: Record<string, unknown> = { state: 'open', startAt: during(new Date(Math.max(fromAt, earliest)), new Date(toAt)) };
    if (p.teamId) where.teamId = p.teamId;
    if (p.kind) where.kind = p.kind;
    if (p.speciality) {
      const q: Record<string, unknown> = { active: true, specialities: p.speciality };
      if (p.teamId) q.teamId = p.teamId;
      const { data } = await col('experts').where(q).field({ _id: true }).limit(200).get();
      const ids = data.map((e) => e._id).filter((id) => !p.expertId || id === p.expertId);
      if (ids.length === 0) return [];
      where.expertId = _.in(ids);
    } else if (p.expertId) {
      where.expertId = p.expertId;
    }
    const { data: slots } = await col('slots').where(where).orderBy('startAt', 'asc').limit(300).get();
    const [experts, current] = await Promise.all([loadExperts(slots.map((s) => s.expertId)), currentExperts(slots.map((s) => s.expertId))]);
    return slots.filter((s) => experts.get(s.expertId)?.active && current.has(s.expertId)).map((s) => slotView(s, caller, experts.get(s.expertId), now));
  },
});
