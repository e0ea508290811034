/**
 * Slot generation (pure, unit-tested): a day range, weekdays and a daily window become slots of
 * a fixed length with an optional buffer between them, in the park's time zone (Asia/Shanghai),
 * returned as absolute instants — whatever the server's own TZ is.
 *
 * A single slot is the same pattern over one day with the slot as long as the window.
 */
import { addDays, dayjs, isoWeekday, PARK_TZ } from '../../server/core/time';
import { RULES, MINUTE } from './rules';

export interface Pattern {
  /** First and last park day, 'YYYY-MM-DD' (inclusive). */
  from: string;
  to: string;
  /** ISO weekdays 1 (Monday) … 7 (Sunday); empty or missing = every day in the range. */
  weekdays?: number[];
  /** Daily window in park time, 'HH:mm'. */
  start: string;
  end: string;
  slotMinutes: number;
  bufferMinutes: number;
}

export interface GeneratedSlot {
  startAt: Date;
  endAt: Date;
}

export class PatternError extends Error {}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOfDay(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new PatternError('时间应为 HH:mm 格式，例如 14:00');
  return Number(m[1]) * 60 + Number(m[2]);
}

/** A park-time wall clock ('2026-12-01', 840 minutes) as an absolute instant. */
export function parkInstant(day: string, minutes: number): Date {
  const base = dayjs.tz(`${day}T00:00:00`, PARK_TZ);
  return new Date(base.valueOf() + minutes * MINUTE);
}

export function generateSlots(p: Pattern): GeneratedSlot[] {
  const g = RULES.gridMinutes;
  const start = minutesOfDay(p.start);
  const end = minutesOfDay(p.end);
  if (end <= start) throw new PatternError('结束时间应晚于开始时间');
  if (start % g || end % g) throw new PatternError(`开始和结束时间应为 ${g} 分钟的整数倍`);
  if (p.slotMinutes % g || p.bufferMinutes % g) throw new PatternError(`时段和间隔应为 ${g} 分钟的整数倍`);
  if (p.slotMinutes < RULES.minSlotMinutes || p.slotMinutes > RULES.maxSlotMinutes) {
    throw new PatternError(`每个时段应在 ${RULES.minSlotMinutes}–${RULES.maxSlotMinutes} 分钟之间`);
  }
  if (p.slotMinutes > end - start) throw new PatternError('时段长度超过了所选的时间范围');
  const first = dayjs.tz(`${p.from}T00:00:00`, PARK_TZ);
  const last = dayjs.tz(`${p.to}T00:00:00`, PARK_TZ);
  if (!first.isValid() || !last.isValid() || first.format('YYYY-MM-DD') !== p.from || last.format('YYYY-MM-DD') !== p.to) {
    throw new PatternError('日期应为 YYYY-MM-DD 格式');
  }
  const days = Math.round((last.valueOf() - first.valueOf()) / (24 * 60 * MINUTE));
  if (days < 0) throw new PatternError('结束日期不能早于开始日期');
  if (days >= RULES.maxPatternDays) throw new PatternError(`一次最多发布 ${RULES.maxPatternDays / 7} 周的时段`);

  const weekdays = new Set(p.weekdays?.length ? p.weekdays : [1, 2, 3, 4, 5, 6, 7]);
  const out: GeneratedSlot[] = [];
  for (let i = 0; i <= days; i++) {
    // Calendar arithmetic on the date string: a zoned `add` would follow the server's own DST.
    const date = addDays(p.from, i);
    if (!weekdays.has(isoWeekday(date))) continue;
    for (let t = start; t + p.slotMinutes <= end; t += p.slotMinutes + p.bufferMinutes) {
      out.push({ startAt: parkInstant(date, t), endAt: parkInstant(date, t + p.slotMinutes) });
      if (out.length > RULES.maxPublish) throw new PatternError(`一次最多发布 ${RULES.maxPublish} 个时段，请缩小日期范围`);
    }
  }
  return out;
}

/**
 * The grid cells a slot covers, keyed by expert: `<expertId>|<minute since epoch>`. Stored on
 * the slot under a unique multikey index, so two slots of one expert that share any cell —
 * i.e. overlap — cannot both exist. Touching slots (one ends when the next starts) share none.
 */
export function slotCells(expertId: string, startAt: Date, endAt: Date): string[] {
  const g = RULES.gridMinutes * MINUTE;
  const first = Math.floor(startAt.getTime() / g) * g;
  const cells: string[] = [];
  for (let t = first; t < endAt.getTime(); t += g) cells.push(`${expertId}|${t / MINUTE}`);
  return cells;
}

export function overlaps(a: GeneratedSlot, b: GeneratedSlot): boolean {
  return a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime();
}

/**
 * Whether any of these slots starts inside the minimum notice before `now` (or has started):
 * every session must be bookable when it is created, whatever order the blocks were given in.
 */
export function startsTooSoon(slots: GeneratedSlot[], now: number): boolean {
  return slots.some((s) => s.startAt.getTime() < now + RULES.minNoticeMinutes * MINUTE);
}
