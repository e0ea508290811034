/**
 * Pure helpers of the 发展服务团预约 pages (no Taro, unit-tested): park-time formatting, the
 * date strip, state labels and tones, form checks.
 *
 * Times arrive as absolute instants (ISO strings) and are always shown in the park's time,
 * Asia/Shanghai — UTC+8 all year (China has had no daylight saving since 1991), so a fixed
 * offset is exact and spares the app a time-zone library. State names (待确认 …) come from the
 * server with each booking (`stateLabel`), so the app never keeps its own copy.
 */
const PARK_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;
const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export type BookingState = 'requested' | 'confirmed' | 'served' | 'rated' | 'cancelled' | 'no_show' | 'expert_absent' | 'unrecorded';

/** Tag colour of a state: waiting (gold), going ahead (red), done (green), ended (grey). */
export function stateTone(s: BookingState): 'wait' | 'active' | 'done' | 'ended' {
  if (s === 'requested') return 'wait';
  if (s === 'confirmed') return 'active';
  if (s === 'served' || s === 'rated') return 'done';
  return 'ended';
}

export const isOpenBooking = (s: BookingState) => s === 'requested' || s === 'confirmed';

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export function parkParts(at: string | number | Date): Parts {
  const d = new Date(new Date(at).getTime() + PARK_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

const two = (n: number) => String(n).padStart(2, '0');

/** '2026-12-01': the park day of an instant. */
export function dayKey(at: string | number | Date): string {
  const p = parkParts(at);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** '14:00' */
export function fmtTime(at: string | number | Date): string {
  const p = parkParts(at);
  return `${two(p.hour)}:${two(p.minute)}`;
}

/** '12月1日 周二' */
export function fmtDay(at: string | number | Date): string {
  const p = parkParts(at);
  return `${p.month}月${p.day}日 ${WEEKDAY[p.weekday]}`;
}

/** '12月1日 周二 14:00–15:00' */
export function fmtRange(start: string | number | Date, end: string | number | Date): string {
  return `${fmtDay(start)} ${fmtTime(start)}–${fmtTime(end)}`;
}

/** '12月1日 14:05' for timeline entries. */
export function fmtStamp(at: string | number | Date): string {
  const p = parkParts(at);
  return `${p.month}月${p.day}日 ${two(p.hour)}:${two(p.minute)}`;
}

/** The park day of a 'YYYY-MM-DD' key shown as a chip: { top: '周二', bottom: '12/1' }. */
export function dayChip(key: string): { top: string; bottom: string } {
  const [y, m, d] = key.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { top: WEEKDAY[weekday], bottom: `${m}/${d}` };
}

/** `count` park days from the day of `now` (+ `offset` days), as 'YYYY-MM-DD' keys. */
export function nextDays(count: number, now: number = Date.now(), offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => dayKey(now + (i + offset) * DAY_MS));
}

/** Groups items by the park day of `at(item)`, keeping order. */
export function groupByDay<T>(items: readonly T[], at: (t: T) => string | Date): Array<{ day: string; items: T[] }> {
  const out: Array<{ day: string; items: T[] }> = [];
  for (const it of items) {
    const k = dayKey(at(it));
    const last = out[out.length - 1];
    if (last && last.day === k) last.items.push(it);
    else out.push({ day: k, items: [it] });
  }
  return out;
}

export const MODE_LABEL = { online: '线上', venue: '线下' } as const;

/** The topic of a booking: what the enterprise needs help with. */
export function topicError(topic: string): string | undefined {
  const t = topic.trim();
  if (t.length < 4) return '请用至少 4 个字说明需要咨询的问题';
  if (t.length > 200) return '问题说明不超过 200 个字';
  return undefined;
}

export const WEEKDAY_CHOICES = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n, label: WEEKDAY[n % 7] }));

export interface PublishForm {
  repeat: 'once' | 'weekly';
  from: string;
  to: string;
  weekdays: number[];
  start: string;
  end: string;
  slotMinutes: number;
  bufferMinutes: number;
  mode: 'online' | 'venue';
  venueId: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Form → publishSlots params, or the first problem in Chinese. */
export function publishParams(f: PublishForm): { params?: Record<string, unknown>; error?: string } {
  if (minutes(f.end) <= minutes(f.start)) return { error: '结束时间应晚于开始时间' };
  if (f.mode === 'venue' && !f.venueId) return { error: '请选择线下服务场所' };
  const base = { from: f.from, start: f.start, end: f.end, mode: f.mode, ...(f.mode === 'venue' ? { venueId: f.venueId } : {}) };
  if (f.repeat === 'once') return { params: base };
  if (f.to < f.from) return { error: '结束日期不能早于开始日期' };
  if (f.weekdays.length === 0) return { error: '请至少选择一个星期几' };
  if (f.slotMinutes > minutes(f.end) - minutes(f.start)) return { error: '每个时段的时长超过了所选时间范围' };
  return { params: { ...base, to: f.to, weekdays: [...f.weekdays].sort(), slotMinutes: f.slotMinutes, bufferMinutes: f.bufferMinutes } };
}

/**
 * The no-show cool-down as the enterprise's own bookings show it (S-12). The rule is the server's
 * (server/core/noShow.ts, checked by `book`); this copy only lets the app say so before the
 * enterprise fills a form the server would refuse — kept equal to it by appointment.test.ts.
 * It stays here rather than being imported so that the app does not bundle the server's
 * time-zone library. Only the enterprise's own list feeds it: nothing is shown to anyone else.
 */
export const NO_SHOW_RULE = { windowDays: 90, count: 2, cooldownDays: 7 } as const;

export interface NoShowLike {
  id: string;
  state: BookingState;
  startAt: string | Date;
  noShowExcused: boolean;
  noShowAppealed: boolean;
  history: ReadonlyArray<{ state: BookingState | string; at: string | Date }>;
}

export interface NoShowStanding {
  /** When booking is possible again. */
  until: Date;
  /** The counted no-shows, oldest first: when they were, and whether an appeal is pending. */
  counted: Array<{ id: string; at: Date; appealed: boolean }>;
}

/** The cool-down running at `now` over `bookings` (the enterprise's own), or null. */
export function noShowStanding(bookings: readonly NoShowLike[], now: number = Date.now()): NoShowStanding | null {
  const since = now - NO_SHOW_RULE.windowDays * DAY_MS;
  const counted = bookings
    .filter((b) => b.state === 'no_show' && !b.noShowExcused && new Date(b.startAt).getTime() >= since)
    .map((b) => {
      // Recorded when the no-show entry was written (the server's `noShowAt`); the start stands in.
      const entry = [...b.history].reverse().find((h) => h.state === 'no_show');
      return { id: b.id, at: new Date(b.startAt), recordedAt: new Date(entry?.at ?? b.startAt), appealed: b.noShowAppealed };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  if (counted.length < NO_SHOW_RULE.count) return null;
  const until = new Date(Math.max(...counted.map((c) => c.recordedAt.getTime())) + NO_SHOW_RULE.cooldownDays * DAY_MS);
  if (until.getTime() <= now) return null;
  return { until, counted: counted.map(({ id, at, appealed }) => ({ id, at, appealed })) };
}

/** '2026-12-01' … '2026-12-03' inclusive contains the park day of `at`. */
export const inDayRange = (at: string | Date, from: string, to: string) => {
  const k = dayKey(at);
  return k >= from && k <= to;
};

/**
 * What a leave over [from, to] would do, from the expert's own lists (the server decides again
 * when it is marked, leave.ts): the open slots it withdraws and the open bookings whose
 * enterprises will be asked to pick another time.
 */
export function leaveImpact<S extends { startAt: string | Date; state: string; booking?: unknown }, B extends { startAt: string | Date; state: BookingState }>(
  slots: readonly S[],
  bookings: readonly B[],
  from: string,
  to: string,
): { slots: S[]; bookings: B[] } {
  if (!from || !to || to < from) return { slots: [], bookings: [] };
  return {
    slots: slots.filter((s) => s.state === 'open' && inDayRange(s.startAt, from, to)),
    bookings: bookings.filter((b) => isOpenBooking(b.state) && inDayRange(b.startAt, from, to)),
  };
}

/** Days from `from` to `to` inclusive ('YYYY-MM-DD' keys), for the leave form's summary. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
