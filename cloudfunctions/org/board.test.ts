/** The board's periods, statuses and reminder days, pure (no database, no clock). */
import { cellStatus, quarterPeriods } from './board';
import { reminderDay } from './remind';

test('a_quarter_has_its_three_months_and_itself_as_periods_in_park_days', () => {
  const p = quarterPeriods('2028Q1');
  expect(p.months.map((m) => [m.key, m.fromDay, m.toDay])).toEqual([
    ['2028-01', '2028-01-01', '2028-01-31'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2028-03', '2028-03-01', '2028-03-31'],
  ]);
  expect(p.whole).toMatchObject({ key: '2028Q1', fromDay: '2028-01-01', toDay: '2028-03-31' });
  expect(quarterPeriods('2027Q4').months[2].toDay).toBe('2027-12-31');
});

test('a_cell_is_held_at_its_minimum_due_through_its_last_day_and_overdue_after', () => {
  expect(cellStatus(1, 1, '2028-01-31', '2028-02-05')).toBe('held');
  expect(cellStatus(0, 1, '2028-01-31', '2028-01-31')).toBe('due');
  expect(cellStatus(1, 2, '2028-01-31', '2028-02-01')).toBe('overdue');
});

test('the_reminder_day_is_the_nearest_of_seven_and_one_days_reached', () => {
  expect(reminderDay('2028-01-31', '2028-01-23')).toBeNull();
  expect(reminderDay('2028-01-31', '2028-01-24')).toBe(7);
  expect(reminderDay('2028-01-31', '2028-01-29')).toBe(7);
  expect(reminderDay('2028-01-31', '2028-01-30')).toBe(1);
  expect(reminderDay('2028-01-31', '2028-01-31')).toBe(1);
  expect(reminderDay('2028-01-31', '2028-02-01')).toBeNull();
});
