/**
 * The working-day clock as pure functions. The dates are literal on purpose: these functions take
 * their dates as input and never read today's, so a fixed reference week pins them exactly (the
 * integration tests, sla.int.test.ts, stand on dates relative to now).
 *
 * Reference: the week of Monday 2026-09-28 in park time — Thursday 10-01 to Sunday 10-04 made a
 * holiday (国庆), Saturday 10-10 a 调休 working day.
 */
import { dayStart } from '../../server/core/time';
import { addWorking, cumulative, DAY_MS, isWorkingDay, runningIntervals, usedMs, workingMs, type ParkCalendar } from './calendar';

const at = (day: string, hour = 0) => new Date(dayStart(day).getTime() + hour * 3_600_000);
const plain: ParkCalendar = new Map();
const national: ParkCalendar = new Map([
  ['2026-10-01', 'holiday'],
  ['2026-10-02', 'holiday'],
  ['2026-10-03', 'holiday'],
  ['2026-10-04', 'holiday'],
  ['2026-10-10', 'workday'],
]);

test('weekends_are_off_holidays_are_off_even_on_a_weekday_and_a_tiaoxiu_weekend_is_on', () => {
  expect(isWorkingDay('2026-09-30', plain)).toBe(true); // Wednesday
  expect(isWorkingDay('2026-10-03', plain)).toBe(false); // Saturday
  expect(isWorkingDay('2026-10-01', plain)).toBe(true); // Thursday, no holiday entered
  expect(isWorkingDay('2026-10-01', national)).toBe(false);
  expect(isWorkingDay('2026-10-10', national)).toBe(true); // Saturday worked for the holiday
});

test('the_clock_counts_only_the_working_part_of_an_interval_across_a_weekend', () => {
  // Friday 17:00 → Monday 09:00: 7 h of Friday and 9 h of Monday.
  expect(workingMs(at('2026-09-25', 17), at('2026-09-28', 9), plain)).toBe(16 * 3_600_000);
  // A whole week is 5 working days.
  expect(workingMs(at('2026-09-28'), at('2026-10-05'), plain)).toBe(5 * DAY_MS);
});

test('the_clock_skips_a_holiday_and_the_weekend_after_it', () => {
  // Wednesday 09-30 at 15:00 → Monday 10-05 at 15:00: 9 h of Wednesday, then 4 holiday days, then 15 h.
  expect(workingMs(at('2026-09-30', 15), at('2026-10-05', 15), national)).toBe(DAY_MS);
  // Without the holiday entered, Thursday and Friday are working days.
  expect(workingMs(at('2026-09-30', 15), at('2026-10-05', 15), plain)).toBe(3 * DAY_MS);
});

test('a_one_working_day_deadline_filed_on_the_eve_of_the_holiday_falls_due_after_it', () => {
  expect(addWorking(at('2026-09-30', 15), DAY_MS, national)).toEqual(at('2026-10-05', 15));
  // Filed on a Friday afternoon: due on Monday at the same hour.
  expect(addWorking(at('2026-09-25', 17), DAY_MS, plain)).toEqual(at('2026-09-28', 17));
  // Filed on a Saturday: the clock starts on Monday morning.
  expect(addWorking(at('2026-09-26', 11), DAY_MS, plain)).toEqual(at('2026-09-29'));
  // A 调休 Saturday counts.
  expect(addWorking(at('2026-10-09', 12), DAY_MS, national)).toEqual(at('2026-10-10', 12));
});

test('the_clock_stops_while_waiting_for_the_enterprise_and_after_resolution_and_runs_again_on_a_reopen', () => {
  const timeline = [
    { at: at('2026-09-28', 9), action: 'submit' },
    { at: at('2026-09-28', 10), action: 'accept' },
    { at: at('2026-09-28', 12), action: 'askInfo' }, // stops: 3 h used
    { at: at('2026-09-30', 12), action: 'answerInfo' }, // two days later it runs again
    { at: at('2026-09-30', 18), action: 'resolve' }, // 6 h more
    { at: at('2026-10-12', 9), action: 'redo' }, // 不满意: runs again (Monday after the holiday week)
  ];
  expect(runningIntervals(at('2026-09-28', 9), timeline, true, at('2026-10-12', 21))).toEqual([
    [at('2026-09-28', 9), at('2026-09-28', 12)],
    [at('2026-09-30', 12), at('2026-09-30', 18)],
    [at('2026-10-12', 9), at('2026-10-12', 21)],
  ]);
  expect(usedMs(at('2026-09-28', 9), timeline, true, at('2026-10-12', 21), national)).toBe((3 + 6 + 12) * 3_600_000);
  // Stopped now (resolved again, say): the last interval is not counted past its stop.
  expect(usedMs(at('2026-09-28', 9), timeline.slice(0, 5), false, at('2026-10-12', 21), national)).toBe(9 * 3_600_000);
});

test('the_database_table_W_gives_the_same_working_time_as_the_direct_sum', () => {
  const cum = cumulative('2026-09-21', 30, national);
  const base = dayStart('2026-09-21').getTime();
  const W = (t: Date) => {
    const x = t.getTime() - base;
    const k = Math.max(0, Math.min(cum.length - 2, Math.floor(x / DAY_MS)));
    return cum[k] + ((cum[k + 1] - cum[k]) / DAY_MS) * (x - k * DAY_MS);
  };
  for (const [a, b] of [
    [at('2026-09-25', 17), at('2026-09-28', 9)],
    [at('2026-09-30', 15), at('2026-10-05', 15)],
    [at('2026-10-09', 12), at('2026-10-12', 3)],
  ]) {
    expect(W(b) - W(a)).toBe(workingMs(a, b, national));
  }
});
