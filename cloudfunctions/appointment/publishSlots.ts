import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { SlotDoc } from './docs';
import { RULES, MINUTE } from './rules';
import { generateSlots, PatternError, slotCells } from './slotGen';
import { activeLeaves, overlapsLeave } from './leave';
import { dayParam, expertTeamOf, hhmmParam } from './shared';
import { holidaysBetween } from '../../server/core/parkCalendar';
import { parkDay } from '../../server/core/time';

/**
 * An expert publishes availability: one slot (from = to, slot as long as the window) or a
 * weekly pattern (weekdays over a date range, fixed-length slots with an optional buffer),
 * online or at one of the center's venues. `dryRun` returns what would be created.
 *
 * Overlap with the expert's existing slots is refused by the database itself: each slot
 * carries its 5-minute grid cells under a unique index, so an overlapping insert fails with a
 * duplicate key whichever request gets there first. Those are reported as skipped; the rest
 * are created (a weekly pattern with one clash should not be thrown away whole).
 *
 * If the expert has enterprises paired now, new slots are theirs first for RULES.priorityHours
 * (endPairing takes an enterprise off them again).
 * The park's holidays (法定节假日 in the park calendar, server/core/parkCalendar.ts) are skipped: the
 * center is closed, and an enterprise booking one would find nobody there. A weekly pattern across
 * 国庆 simply leaves those days out (counted in `skippedHoliday`); a publish that falls only on
 * holidays is refused with their names. Weekends stay the expert's choice (the weekdays they pick).
 * Database calls: 1 expert + 1 pairings (+1 venue) + 1 active-leave read + 1 holiday read, all at
 * once, then one insert per slot, 10 at a time.
 */
export const publishSlots = action({
  roles: ['expert'],
  params: z.strictObject({
    from: dayParam,
    to: dayParam.optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
    start: hhmmParam,
    end: hhmmParam,
    slotMinutes: z.number().int().min(RULES.minSlotMinutes).max(RULES.maxSlotMinutes).optional(),
    bufferMinutes: z.number().int().min(0).max(120).default(0),
    mode: z.enum(['online', 'venue']),
    venueId: z.string().trim().min(1).max(64).optional(),
    place: z.string().trim().max(60).optional(),
    dryRun: z.boolean().default(false),
  }),
  async handler(p, { caller }) {
    const teamId = expertTeamOf(caller);
    let generated;
    try {
      const minutes = p.slotMinutes ?? (Number(p.end.slice(0, 2)) * 60 + Number(p.end.slice(3))) - (Number(p.start.slice(0, 2)) * 60 + Number(p.start.slice(3)));
      generated = generateSlots({ from: p.from, to: p.to ?? p.from, weekdays: p.weekdays, start: p.start, end: p.end, slotMinutes: minutes, bufferMinutes: p.bufferMinutes });
    } catch (err) {
      if (err instanceof PatternError) throw new AppError('VALIDATION', `请检查：${err.message}。`);
      throw err;
    }
    const now = Date.now();
    const future = generated.filter((g) => g.startAt.getTime() > now + RULES.minNoticeMinutes * MINUTE);
    const past = generated.length - future.length;

    const [[expert], pairings, venue, leaves, holidays] = await Promise.all([
      col('experts').doc(caller.openid).get().then((r) => r.data),
      // Pairings running now: one that starts next month gets no head start on this week's slots.
      col('pairings').where({ expertId: caller.openid, endedAt: null, from: cmd().lte(new Date(now)), until: cmd().gt(new Date(now)) }).field({ enterpriseId: true }).limit(100).get(),
      p.mode === 'venue' && p.venueId ? col('venues').doc(p.venueId).get().then((r) => r.data[0]) : Promise.resolve(undefined),
      // The expert's leave blocks publishing in its range (leave.ts); the timer closes any slot a
      // publish racing a new leave still slips in.
      activeLeaves(caller.openid, new Date(now)),
      holidaysBetween(p.from, p.to ?? p.from),
    ]);
    // A slot is on the park day it starts (slots never span midnight: the window is within a day).
    const open = future.filter((g) => !holidays.has(parkDay(g.startAt)));
    const skippedHoliday = future.length - open.length;
    const ahead = open.filter((g) => !leaves.some((l) => overlapsLeave(l, g.startAt, g.endAt)));
    const skippedLeave = open.length - ahead.length;
    if (!expert) throw new AppError('CONFLICT', '请先完善专家资料（姓名、机构、擅长领域），再发布时段。');
    if (p.mode === 'venue' && !venue) throw new AppError('VALIDATION', '请选择线下服务的场所。');
    const place = p.mode === 'venue' ? `${venue!.name}（${venue!.address}）` : p.place || '线上（视频或电话）';
    const paired = pairings.data.map((x) => x.enterpriseId);

    const docs: SlotDoc[] = ahead.map((g) => {
      const priorityEnd = Math.min(now + RULES.priorityHours * 60 * MINUTE, g.startAt.getTime() - RULES.minNoticeMinutes * MINUTE);
      const priority = paired.length > 0 && priorityEnd > now;
      return {
        expertId: caller.openid,
        teamId,
        startAt: g.startAt,
        endAt: g.endAt,
        mode: p.mode,
        venueId: p.mode === 'venue' ? p.venueId! : null,
        place,
        kind: 'bookable',
        rovingDayId: null,
        state: 'open',
        bookingId: null,
        holds: 0,
        cells: slotCells(caller.openid, g.startAt, g.endAt),
        priorityUntil: priority ? new Date(priorityEnd) : null,
        priorityEnterpriseIds: priority ? paired : [],
        createdAt: new Date(now),
      };
    });
    const preview = docs.map((d) => ({ startAt: d.startAt, endAt: d.endAt }));
    if (p.dryRun) return { created: 0, skippedOverlap: 0, skippedPast: past, skippedLeave, skippedHoliday, slots: preview, ids: [] as string[] };
    if (docs.length === 0 && skippedHoliday > 0 && skippedLeave === 0) {
      const names = [...new Set(future.map((g) => holidays.get(parkDay(g.startAt))).filter((n): n is string => !!n))];
      throw new AppError('CLOSED', `所选日期是园区节假日${names.length ? `（${names.join('、')}）` : ''}，党群服务中心不开放，无法发布时段；请选择其他日期。`);
    }
    if (docs.length === 0 && skippedLeave > 0) throw new AppError('CLOSED', '所选日期在您的请假范围内，无法发布时段；如已销假，请先取消请假。');
    if (docs.length === 0) throw new AppError('VALIDATION', '所选日期内没有可发布的时段（需晚于现在 2 小时以上），请调整日期或时间。');

    const ids: string[] = [];
    let overlap = 0;
    for (let i = 0; i < docs.length; i += 10) {
      const results = await Promise.all(
        docs.slice(i, i + 10).map((d) =>
          col('slots').add(d).then(
            (r) => r.id,
            (err) => {
              if (isDuplicateKey(err)) return null;
              throw err;
            },
          ),
        ),
      );
      for (const r of results) {
        if (r) ids.push(r);
        else overlap++;
      }
    }
    return { created: ids.length, skippedOverlap: overlap, skippedPast: past, skippedLeave, skippedHoliday, slots: preview, ids };
  },
});
