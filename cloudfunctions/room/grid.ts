/**
 * The half-hour grid rooms are booked on, pure. A cell is `<venueId>|<n>` where n counts half hours
 * since the epoch: park time (UTC+8) is a whole number of hours from UTC, so park half hours and
 * epoch half hours are the same cells. Two bookings of a room overlap exactly when they share a cell
 * — which the database refuses (unique multikey index on `cells`).
 */
import { dayjs, PARK_TZ } from '../../server/core/time';

export const HALF_HOUR_MS = 30 * 60_000;
/** A booking not checked into by start + 15 minutes is released. */
export const CHECKIN_GRACE_MS = 15 * 60_000;
/** Checking in opens 30 minutes before the start (people set up early). */
export const CHECKIN_OPENS_MS = 30 * 60_000;
export const MAX_CELLS = 8; // 4 hours
export const BOOK_AHEAD_DAYS = 30;
export const DEFAULT_HOURS = { opensAt: '08:30', closesAt: '21:00' };

export const HHMM_RE = /^([01]\d|2[0-3]):(00|30)$/;

export function roomCells(venueId: string, startAt: Date, endAt: Date): string[] {
  const cells: string[] = [];
  for (let t = startAt.getTime(); t < endAt.getTime(); t += HALF_HOUR_MS) cells.push(`${venueId}|${Math.floor(t / HALF_HOUR_MS)}`);
  return cells;
}

/** What a released or cancelled booking keeps instead of its cells: unique to it, so it never collides. */
export const freedCells = (bookingId: string): string[] => [`free|${bookingId}`];

export const parkAt = (day: string, hhmm: string): Date => dayjs.tz(`${day} ${hhmm}`, PARK_TZ).toDate();

/** The bookable half-hour starts of a day, 'HH:mm'. */
export function daySlots(opensAt: string, closesAt: string): string[] {
  const out: string[] = [];
  const [oh, om] = opensAt.split(':').map(Number);
  const [ch, cm] = closesAt.split(':').map(Number);
  for (let m = oh * 60 + om; m < ch * 60 + cm; m += 30) out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return out;
}

/** Why a requested period cannot be booked (null when it can): grid, order, length, opening hours, horizon. */
export function periodProblem(
  p: { day: string; start: string; end: string },
  hours: { opensAt: string; closesAt: string },
  now: number,
): string | null {
  if (!HHMM_RE.test(p.start) || !HHMM_RE.test(p.end)) return '请按半小时选择开始和结束时间。';
  if (p.end <= p.start) return '结束时间需晚于开始时间。';
  if (p.start < hours.opensAt || p.end > hours.closesAt) return `该场馆开放时间为 ${hours.opensAt}–${hours.closesAt}，请在此时段内预约。`;
  const startAt = parkAt(p.day, p.start);
  const endAt = parkAt(p.day, p.end);
  if ((endAt.getTime() - startAt.getTime()) / HALF_HOUR_MS > MAX_CELLS) return `单次预约最长 ${MAX_CELLS / 2} 小时。`;
  if (startAt.getTime() <= now) return '不能预约已经开始或过去的时段。';
  if (startAt.getTime() > now + BOOK_AHEAD_DAYS * 86400_000) return `最多可提前 ${BOOK_AHEAD_DAYS} 天预约。`;
  return null;
}
