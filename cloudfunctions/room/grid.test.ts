import { daySlots, freedCells, parkAt, periodProblem, roomCells } from './grid';

const hours = { opensAt: '08:30', closesAt: '21:00' };
const now = parkAt('2026-11-23', '10:07').getTime();
const shared = (a: string[], b: string[]) => a.some((c) => b.includes(c));

describe('room cells', () => {
  const cells = (s: string, e: string, room = 'venue-a') => roomCells(room, parkAt('2026-11-24', s), parkAt('2026-11-24', e));

  test('overlapping_periods_share_a_cell_and_touching_ones_do_not', () => {
    expect(cells('09:00', '11:00')).toHaveLength(4);
    expect(shared(cells('09:00', '11:00'), cells('10:30', '12:00'))).toBe(true);
    expect(shared(cells('09:00', '11:00'), cells('09:30', '10:00'))).toBe(true);
    expect(shared(cells('09:00', '11:00'), cells('11:00', '12:00'))).toBe(false);
    expect(shared(cells('09:00', '11:00'), cells('08:30', '09:00'))).toBe(false);
    expect(shared(cells('09:00', '11:00'), cells('09:00', '11:00', 'venue-b'))).toBe(false);
  });

  test('freed_cells_are_unique_per_booking', () => {
    expect(freedCells('rb-1')).not.toEqual(freedCells('rb-2'));
    expect(shared(freedCells('rb-1'), cells('09:00', '21:00'))).toBe(false);
  });
});

describe('bookable periods', () => {
  test('the_day_runs_on_half_hours_within_opening_hours', () => {
    const s = daySlots('08:30', '10:00');
    expect(s).toEqual(['08:30', '09:00', '09:30']);
    expect(daySlots(hours.opensAt, hours.closesAt)).toHaveLength(25);
  });

  test.each([
    [{ day: '2026-11-24', start: '09:00', end: '11:00' }, null],
    [{ day: '2026-11-24', start: '09:15', end: '11:00' }, '半小时'],
    [{ day: '2026-11-24', start: '11:00', end: '11:00' }, '晚于'],
    [{ day: '2026-11-24', start: '08:00', end: '09:00' }, '开放时间'],
    [{ day: '2026-11-24', start: '20:00', end: '21:30' }, '开放时间'],
    [{ day: '2026-11-24', start: '09:00', end: '13:30' }, '最长 4 小时'],
    [{ day: '2026-11-23', start: '10:00', end: '11:00' }, '已经开始'],
    [{ day: '2026-12-31', start: '10:00', end: '11:00' }, '30 天'],
  ])('%j → %s', (p, problem) => {
    const got = periodProblem(p, hours, now);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
