import { addDays, addMonths, monthLabel, monthRange, parkMonth, parkWeek, yearRange } from './calendar';

describe('study calendar', () => {
  test('the_park_month_turns_at_midnight_in_shanghai_not_utc', () => {
    expect(parkMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(parkMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });

  test('a_months_record_deadline_is_the_first_instant_of_the_next_park_month', () => {
    expect(monthRange('2026-11')).toEqual({ start: new Date('2026-10-31T16:00:00Z'), end: new Date('2026-11-30T16:00:00Z') });
    expect(monthRange('2026-12').end).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  test('months_add_across_years_and_read_in_chinese', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(yearRange(2026).start).toEqual(new Date('2025-12-31T16:00:00Z'));
    expect(yearRange(2026).end).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  test('day_and_week_arithmetic_ignores_the_servers_daylight_saving', () => {
    // 2026-11-01 is when New York leaves summer time; 2026-03-08 when it enters it.
    expect(addDays('2026-11-01', -1)).toBe('2026-10-31');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(parkWeek(new Date('2026-11-01T20:00:00Z'))).toBe('2026-11-02');
    expect(parkWeek(new Date('2026-11-01T03:00:00Z'))).toBe('2026-10-26');
  });
});
