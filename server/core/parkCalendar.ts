/**
 * The park calendar (园区工作日历), shared by every domain that needs to know whether the park works
 * on a day: the demand service-level clock counts working days on it (cloudfunctions/demand/calendar.ts),
 * appointment slot publishing skips its holidays (cloudfunctions/appointment/publishSlots.ts).
 *
 * A day is a working day by the week (Monday–Friday) unless the admins' calendar says otherwise: a
 * 法定节假日 (`holiday`) is off even on a weekday, a 调休 weekend (`workday`) is on. Only these
 * exceptions are stored (`parkCalendar`, one document per day, id = the day), maintained by admins
 * with demand.setCalendarDays (it lives with the demand domain that introduced it; the table and
 * these rules belong to the whole park, hence here).
 */
import { cmd, col } from './db';
import { isoWeekday } from './time';

export type DayRule = 'holiday' | 'workday';

/** The admins' exceptions to the week, park day 'YYYY-MM-DD' → rule. */
export type ParkCalendar = ReadonlyMap<string, DayRule>;

export function isWorkingDay(day: string, cal: ParkCalendar): boolean {
  const rule = cal.get(day);
  if (rule) return rule === 'workday';
  return isoWeekday(day) <= 5;
}

/** Exceptions a park keeps: ~30 a year; the newest 1000 cover decades. */
export const CALENDAR_ROWS = 1000;

/** The whole table (the service-level clock reads any past day). One read. */
export async function loadCalendar(): Promise<ParkCalendar> {
  const { data } = await col('parkCalendar').orderBy('day', 'desc').limit(CALENDAR_ROWS).field({ day: true, rule: true }).get();
  return new Map(data.map((d) => [d.day, d.rule as DayRule]));
}

/** The holidays from `from` to `to` (park days, inclusive), day → name. One read. */
export async function holidaysBetween(from: string, to: string): Promise<Map<string, string>> {
  const _ = cmd();
  const { data } = await col('parkCalendar')
    .where({ day: _.gte(from).and(_.lte(to)), rule: 'holiday' })
    .field({ day: true, name: true })
    .limit(CALENDAR_ROWS)
    .get();
  return new Map(data.map((d) => [d.day, d.name]));
}
