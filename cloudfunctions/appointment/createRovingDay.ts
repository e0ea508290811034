import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { SlotDoc } from './docs';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { RULES } from './rules';
import { minutesOfDay, overlaps, parkInstant, slotCells, startsTooSoon } from './slotGen';
import { dayParam, hhmmParam, idParam, loadExperts } from './shared';

/**
 * 巡回式: a team announces a service day at the park — venue, time blocks, which experts come.
 * Each (block, expert) becomes a `roving` slot that one enterprise can take, under exactly the
 * same rules and indexes as any slot, so an expert cannot be on a roving day and in an
 * overlapping consultation at once. The day and all its slots are written in one transaction:
 * if any expert is already busy in a block, nothing is created.
 */
export const createRovingDay = action({
  roles: ['admin'],
  params: z.strictObject({
    teamId: idParam,
    date: dayParam,
    title: z.string().trim().min(2).max(30),
    venueId: idParam,
    blocks: z.array(z.strictObject({ start: hhmmParam, end: hhmmParam })).min(1).max(8),
    expertIds: z.array(idParam).min(1).max(10),
    note: z.string().trim().max(200).optional(),
  }),
  async handler(p, ctx) {
    const day = dayjs.tz(`${p.date}T00:00:00`, PARK_TZ);
    if (!day.isValid() || day.format('YYYY-MM-DD') !== p.date) throw new AppError('VALIDATION', '请检查：日期不正确。');
    const blocks = p.blocks.map((b) => {
      const s = minutesOfDay(b.start);
      const e = minutesOfDay(b.end);
      if (e <= s || s % RULES.gridMinutes || e % RULES.gridMinutes || e - s > RULES.maxSlotMinutes) {
        throw new AppError('VALIDATION', `请检查：时段 ${b.start}–${b.end} 不正确（须为 5 分钟整数倍，且不超过 4 小时）。`);
      }
      return { startAt: parkInstant(p.date, s), endAt: parkInstant(p.date, e) };
    });
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) if (overlaps(blocks[i], blocks[j])) throw new AppError('VALIDATION', '请检查：各时段之间不能重叠。');
    }
    // Every block, not the first given: a later-listed 08:00 block would be offered after it ended.
    if (startsTooSoon(blocks, Date.now())) throw new AppError('VALIDATION', '请检查：巡回服务日的每个时段都应安排在至少 2 小时以后。');

    const expertIds = [...new Set(p.expertIds)];
    const [[team], [venue], experts] = await Promise.all([
      col('teams').doc(p.teamId).get().then((r) => r.data),
      col('venues').doc(p.venueId).get().then((r) => r.data),
      loadExperts(expertIds),
    ]);
    if (!team) throw new AppError('NOT_FOUND', '服务团不存在，请刷新后重新选择。');
    if (!venue) throw new AppError('NOT_FOUND', '场所不存在，请刷新后重新选择。');
    for (const id of expertIds) {
      const e = experts.get(id);
      if (!e || !e.active || e.teamId !== p.teamId) throw new AppError('VALIDATION', `请检查：专家“${e?.name ?? id}”不是${team.name}的在岗专家。`);
    }

    // A friendly name for the usual clash; the unique cells index is what actually forbids it.
    const { data: busy } = await col('slots')
      .where({ expertId: cmd().in(expertIds), startAt: cmd().lt(new Date(Math.max(...blocks.map((b) => b.endAt.getTime())))), endAt: cmd().gt(new Date(Math.min(...blocks.map((b) => b.startAt.getTime())))) })
      .limit(200)
      .get();
    for (const s of busy) {
      if (blocks.some((b) => overlaps(b, { startAt: new Date(s.startAt), endAt: new Date(s.endAt) }))) {
        throw new AppError('CONFLICT', `专家“${experts.get(s.expertId)?.name}”在该时间已有安排，请调整时段或专家。`);
      }
    }

    const place = `${venue.name}（${venue.address}）`;
    const now = new Date();
    const dayDoc = { teamId: p.teamId, date: p.date, title: p.title, venueId: p.venueId, place, blocks, expertIds, note: p.note ?? '', createdBy: ctx.caller.openid, createdAt: now };
    let id: string;
    try {
      id = await transaction(async (tx) => {
        const { id: dayId } = await tx.collection('rovingDays').add(dayDoc);
        for (const b of blocks) {
          for (const expertId of expertIds) {
            const slot: SlotDoc = {
              expertId, teamId: p.teamId, startAt: b.startAt, endAt: b.endAt, mode: 'venue', venueId: p.venueId, place,
              kind: 'roving', rovingDayId: dayId, state: 'open', bookingId: null, holds: 0,
              cells: slotCells(expertId, b.startAt, b.endAt), priorityUntil: null, priorityEnterpriseIds: [], createdAt: now,
            };
            await tx.collection('slots').add(slot);
          }
        }
        return dayId;
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '有专家在所选时段已有安排，请刷新后调整时段或专家。');
      throw err;
    }
    await audit(ctx, { fn: 'appointment', action: 'createRovingDay', target: `rovingDays/${id}`, before: null, after: dayDoc });
    return { id, ...dayDoc, slots: blocks.length * expertIds.length };
  },
});
