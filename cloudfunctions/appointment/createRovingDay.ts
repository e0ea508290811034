import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action, type Ctx } from '../../server/core/router';
import { col, cmd, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { ExpertDoc, SlotDoc } from './docs';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { RULES } from './rules';
import { minutesOfDay, overlaps, parkInstant, slotCells, startsTooSoon } from './slotGen';
import { dayParam, hhmmParam, idParam } from './shared';
import { REPAIR_QUIET_MS } from './repair';

/**
 * 巡回式: a team announces a service day at the park — venue, time blocks, which experts come.
 * Each (block, expert) becomes a `roving` slot that one enterprise can take, under exactly the
 * same rules and indexes as any slot, so an expert cannot be on a roving day and in an
 * overlapping consultation at once. If any expert is already busy in a block, nothing is created.
 *
 * Database calls (issue 19; 13 before, 18 with nine sessions — a transaction's start and commit, a
 * call per slot inside it, and separate reads): the caller's record; ONE aggregation for the team
 * with the venue and the experts as lookups; the day; its slots as ONE array insert; the audit
 * row — 5, whatever the number of sessions.
 *
 * No transaction — the protocol instead: the day is written first under an id made here, then
 * every session in one array insert carrying that id. The insert decides: a duplicate cell in any
 * session refuses it (the unique cells index is what forbids an expert two places at once). An
 * array insert is ordered, not all or nothing (MongoDB's insertMany; the emulator does the same),
 * so the sessions before the clashing one may be written: refused, the day's sessions and then the
 * day itself are removed again, and the clash is named from one read of the experts' slots (a
 * refusal costs 3 more calls). A call killed
 * between the day and the sessions (or during that removal) leaves a day with no sessions, which
 * nobody can book; a call killed after the sessions leaves the day without its audit row. The
 * appointment timer finds days without their audit row once older than the quiet period
 * (`repairRovingDays`, below): an empty one is removed (the admin's second try is the day that
 * stays, and so does one with only some of its sessions), a complete one gets its audit row. The reverse order would leave sessions of a day that
 * does not exist, bookable, with no title to show.
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
    const $ = cmd().aggregate;
    const { data } = (await col('teams')
      .aggregate()
      .match({ _id: p.teamId })
      .project({ name: 1 })
      .lookup({ from: 'venues', let: {}, pipeline: $.pipeline().match({ _id: p.venueId }).project({ name: 1, address: 1 }).limit(1).done(), as: 'venue' })
      .lookup({ from: 'experts', let: {}, pipeline: $.pipeline().match({ _id: cmd().in(expertIds) }).project({ name: 1, active: 1, teamId: 1 }).limit(expertIds.length).done(), as: 'experts' })
      .limit(1)
      .end()) as { data: { _id: string; name: string; venue: { name: string; address: string }[]; experts: WithId<Pick<ExpertDoc, 'name' | 'active' | 'teamId'>>[] }[] };
    const team = data[0];
    const venue = team?.venue[0];
    const experts = new Map((team?.experts ?? []).map((e) => [e._id, e]));
    if (!team) throw new AppError('NOT_FOUND', '服务团不存在，请刷新后重新选择。');
    if (!venue) throw new AppError('NOT_FOUND', '场所不存在，请刷新后重新选择。');
    for (const id of expertIds) {
      const e = experts.get(id);
      if (!e || !e.active || e.teamId !== p.teamId) throw new AppError('VALIDATION', `请检查：专家“${e?.name ?? id}”不是${team.name}的在岗专家。`);
    }

    const place = `${venue.name}（${venue.address}）`;
    const now = new Date();
    const dayDoc = { teamId: p.teamId, date: p.date, title: p.title, venueId: p.venueId, place, blocks, expertIds, note: p.note ?? '', createdBy: ctx.caller.openid, createdAt: now };
    const id = `rd${now.getTime().toString(36)}${randomBytes(4).toString('hex')}`;
    await col('rovingDays').add({ _id: id, ...dayDoc });
    const slots: SlotDoc[] = blocks.flatMap((b) =>
      expertIds.map((expertId) => ({
        expertId, teamId: p.teamId, startAt: b.startAt, endAt: b.endAt, mode: 'venue' as const, venueId: p.venueId, place,
        kind: 'roving' as const, rovingDayId: id, state: 'open' as const, bookingId: null, holds: 0,
        cells: slotCells(expertId, b.startAt, b.endAt), priorityUntil: null, priorityEnterpriseIds: [], createdAt: now,
      })),
    );
    try {
      await col('slots').add(slots);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Take the day back, then say who is busy. An array insert may have written the sessions
      // before the clashing one (MongoDB's insertMany is ordered; the emulator does the same):
      // those go too, or they would hold their experts' time for a day that does not exist.
      await col('slots').where({ rovingDayId: id }).remove();
      await col('rovingDays').doc(id).remove();
      throw await clash(expertIds, blocks, experts);
    }
    await audit(ctx, { fn: 'appointment', action: 'createRovingDay', target: `rovingDays/${id}`, before: null, after: dayDoc });
    return { id, ...dayDoc, slots: blocks.length * expertIds.length };
  },
});

/** The refusal of a day whose sessions clash: names the busy expert when one read finds them. */
async function clash(expertIds: string[], blocks: { startAt: Date; endAt: Date }[], experts: Map<string, { name: string }>): Promise<AppError> {
  const { data: busy } = await col('slots')
    .where({ expertId: cmd().in(expertIds), startAt: cmd().lt(new Date(Math.max(...blocks.map((b) => b.endAt.getTime())))), endAt: cmd().gt(new Date(Math.min(...blocks.map((b) => b.startAt.getTime())))) })
    .field({ expertId: true, startAt: true, endAt: true, cells: true })
    .limit(200)
    .get();
  // Cells, as the index sees them: a closed slot that gave its cells up does not clash.
  const wanted = new Set(expertIds.flatMap((e) => blocks.flatMap((b) => slotCells(e, b.startAt, b.endAt))));
  const s = busy.find((x) => (x.cells ?? []).some((c) => wanted.has(c)) && blocks.some((b) => overlaps(b, { startAt: new Date(x.startAt), endAt: new Date(x.endAt) })));
  if (s) return new AppError('CONFLICT', `专家“${experts.get(s.expertId)?.name}”在该时间已有安排，请调整时段或专家。`);
  return new AppError('CONFLICT', '有专家在所选时段已有安排，请刷新后调整时段或专家。');
}

/** Days looked at per timer run; the next run takes the rest. */
const REPAIR_DAYS = 100;
const DAY_MS = 86_400_000;

/**
 * The timer's repair of createRovingDay's protocol (see its header). The audit row is the call's
 * last write, so a day without one, written more than the quiet period ago (well past the
 * function's timeout: its call is over), was left by a killed call: with no session it is removed
 * (killed before or while its sessions were refused or written — nothing can be booked on it);
 * with its sessions it is complete but unrecorded, and its audit row is written now, as the admin
 * who created it. A day whose sessions were all withdrawn later has its audit row and is left
 * alone. Only days created within the last day are looked at. Two reads per run, then one read and
 * one write per leftover day.
 */
export async function repairRovingDays(now = new Date()): Promise<{ removed: string[]; audited: string[] }> {
  const _ = cmd();
  const { data: days } = await col('rovingDays')
    .where({ createdAt: _.lt(new Date(now.getTime() - REPAIR_QUIET_MS)).and(_.gt(new Date(now.getTime() - DAY_MS))) })
    .limit(REPAIR_DAYS)
    .get();
  const out = { removed: [] as string[], audited: [] as string[] };
  if (!days.length) return out;
  const { data: rows } = await col('audit').where({ action: 'createRovingDay', target: _.in(days.map((d) => `rovingDays/${d._id}`)) }).field({ target: true }).limit(REPAIR_DAYS).get();
  const recorded = new Set(rows.map((r) => r.target));
  for (const { _id: id, ...day } of days) {
    if (recorded.has(`rovingDays/${id}`)) continue;
    // Complete means every session (blocks × experts): a call killed while taking back a refused
    // insert can leave some of them (the insert is ordered), and those go with the day.
    const { total: sessions } = await col('slots').where({ rovingDayId: id }).count();
    if (sessions === day.blocks.length * day.expertIds.length) {
      const ctx = { caller: { openid: day.createdBy }, requestId: 'appointment-timer' } as unknown as Ctx;
      await audit(ctx, { fn: 'appointment', action: 'createRovingDay', target: `rovingDays/${id}`, before: null, after: day });
      out.audited.push(id);
    } else {
      if (sessions) await col('slots').where({ rovingDayId: id }).remove();
      if ((await col('rovingDays').doc(id).remove()).deleted) out.removed.push(id);
    }
  }
  return out;
}
