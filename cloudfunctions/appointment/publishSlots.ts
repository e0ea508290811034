import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { ExpertDoc, ExpertLeaveDoc, SlotDoc } from './docs';
import { RULES, MINUTE } from './rules';
import { generateSlots, PatternError, slotCells } from './slotGen';
import { overlapsLeave } from './leave';
import { dayParam, expertTeamOf, hhmmParam } from './shared';
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
 * Database calls (issue 19; 6–12 before, growing with the number of slots): the caller's record;
 * ONE aggregation for the expert's profile with, as lookups, the pairings running now, the venue,
 * the active leaves and the holidays of the range (five reads before); the slots as ONE array
 * insert, however many — 3 (a dry run 2). The insert is all or nothing: when some slot overlaps an
 * existing one (its cells a duplicate) nothing was written, so the expert's slots of the range are
 * read once (their cells), the clashing ones are left out and the rest go in one insert again — 5 on
 * that path. Only a publish racing another of the same expert (its second insert refused too) or a
 * range holding more than SLOTS_READ slots falls back to one insert per slot, 10 at a time. If the
 * platform ever wrote the part of a refused array before the clash, those rows are recognised by
 * this call's `createdAt` and counted as created, not as overlaps.
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

    const { expert, pairings, venue, leaves, holidays } = await publishContext(caller.openid, p.mode === 'venue' ? p.venueId : undefined, p.from, p.to ?? p.from, new Date(now));
    // A slot is on the park day it starts (slots never span midnight: the window is within a day).
    const open = future.filter((g) => !holidays.has(parkDay(g.startAt)));
    const skippedHoliday = future.length - open.length;
    const ahead = open.filter((g) => !leaves.some((l) => overlapsLeave(l, g.startAt, g.endAt)));
    const skippedLeave = open.length - ahead.length;
    if (!expert) throw new AppError('CONFLICT', '请先完善专家资料（姓名、机构、擅长领域），再发布时段。');
    if (p.mode === 'venue' && !venue) throw new AppError('VALIDATION', '请选择线下服务的场所。');
    const place = p.mode === 'venue' ? `${venue!.name}（${venue!.address}）` : p.place || '线上（视频或电话）';
    const paired = pairings.map((x) => x.enterpriseId);

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

    const { ids, overlap } = await insertSlots(caller.openid, docs, new Date(now));
    return { created: ids.length, skippedOverlap: overlap, skippedPast: past, skippedLeave, skippedHoliday, slots: preview, ids };
  },
});

/** The expert's slots read at most on the clash path; more than this, and the slots go one by one. */
const SLOTS_READ = 1000;
/** As parkCalendar's holidaysBetween: far more rows than a range can hold. */
const CALENDAR_ROWS = 1000;

/**
 * The expert's profile with what a publish needs, ONE aggregation: pairings running now (one that
 * starts next month gets no head start on this week's slots), the venue, the active leaves (leave.ts
 * `activeLeaves`: a leave blocks publishing in its range; the timer closes any slot a publish racing
 * a new leave still slips in) and the park's holidays from `from` to `to` (parkCalendar's
 * `holidaysBetween`, the same condition). No expert profile: no row.
 */
async function publishContext(expertId: string, venueId: string | undefined, from: string, to: string, now: Date) {
  const _ = cmd();
  const $ = _.aggregate;
  const { data } = (await col('experts')
    .aggregate()
    .match({ _id: expertId })
    .lookup({ from: 'pairings', let: {}, pipeline: $.pipeline().match({ expertId, endedAt: null, from: _.lte(now), until: _.gt(now) }).project({ _id: 0, enterpriseId: 1 }).limit(100).done(), as: 'pairings' })
    // A venue id no venue has ('' is none) when the publish is online: the lookup then answers nothing.
    .lookup({ from: 'venues', let: {}, pipeline: $.pipeline().match({ _id: venueId ?? '' }).limit(1).done(), as: 'venue' })
    .lookup({ from: 'expertLeaves', let: {}, pipeline: $.pipeline().match({ expertId, state: 'active', toAt: _.gt(now) }).limit(50).done(), as: 'leaves' })
    .lookup({ from: 'parkCalendar', let: {}, pipeline: $.pipeline().match({ day: _.gte(from).and(_.lte(to)), rule: 'holiday' }).project({ _id: 0, day: 1, name: 1 }).limit(CALENDAR_ROWS).done(), as: 'holidays' })
    .limit(1)
    .end()) as {
    data: (WithId<ExpertDoc> & { pairings: { enterpriseId: string }[]; venue: { name: string; address: string }[]; leaves: WithId<ExpertLeaveDoc>[]; holidays: { day: string; name: string }[] })[];
  };
  const row = data[0];
  return {
    expert: row,
    pairings: row?.pairings ?? [],
    venue: venueId ? row?.venue[0] : undefined,
    leaves: row?.leaves ?? [],
    holidays: new Map((row?.holidays ?? []).map((h) => [h.day, h.name])),
  };
}

/**
 * Writes the slots: one array insert; on a clash, the clashing ones left out and one insert again;
 * failing that, one by one (see the header). Answers the new ids and how many overlapped.
 */
async function insertSlots(expertId: string, docs: SlotDoc[], now: Date): Promise<{ ids: string[]; overlap: number }> {
  try {
    return { ids: (await col('slots').add(docs)).ids, overlap: 0 };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const _ = cmd();
  const { data: existing } = await col('slots')
    .where({ expertId, startAt: _.lt(new Date(Math.max(...docs.map((d) => d.endAt.getTime())))), endAt: _.gt(new Date(Math.min(...docs.map((d) => d.startAt.getTime())))) })
    .field({ cells: true, createdAt: true, startAt: true })
    .limit(SLOTS_READ)
    .get();
  // Rows of this very call (a platform that wrote part of the refused array): created, not clashes.
  const mine = existing.filter((s) => new Date(s.createdAt).getTime() === now.getTime());
  const mineAt = new Set(mine.map((s) => new Date(s.startAt).getTime()));
  const taken = new Set(existing.filter((s) => !mine.includes(s)).flatMap((s) => s.cells ?? []));
  const left = docs.filter((d) => !mineAt.has(d.startAt.getTime()));
  const free = left.filter((d) => !d.cells.some((c) => taken.has(c)));
  let overlap = left.length - free.length;
  if (existing.length < SLOTS_READ) {
    try {
      const { ids } = free.length ? await col('slots').add(free) : { ids: [] as string[] };
      return { ids: [...mine.map((s) => s._id), ...ids], overlap };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  // A publish of the same expert raced this one (or too many slots to read): one insert each.
  const ids = mine.map((s) => s._id);
  overlap = left.length - free.length;
  for (let i = 0; i < free.length; i += 10) {
    const results = await Promise.all(
      free.slice(i, i + 10).map((d) =>
        col('slots').add(d).then(
          (r) => r.id,
          (e) => {
            if (isDuplicateKey(e)) return null;
            throw e;
          },
        ),
      ),
    );
    for (const r of results) {
      if (r) ids.push(r);
      else overlap++;
    }
  }
  return { ids, overlap };
}
