import { addHalfHour, chosenPeriod, isPicked, tapCell, type GridSlot, type Pick } from './rooms';

const slots: GridSlot[] = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30'].map((start) => ({
  start,
  state: start === '11:00' ? 'taken' : start === '09:00' ? 'past' : 'free',
}));
const none: Pick = { from: null, to: null };

describe('choosing a period on the half-hour grid', () => {
  test('first_tap_picks_a_cell_second_extends_to_a_range_either_way', () => {
    const one = tapCell(slots, none, '10:00');
    expect(one).toEqual({ from: '10:00', to: '10:00' });
    expect(tapCell(slots, one, '09:30')).toEqual({ from: '09:30', to: '10:00' });
    expect(tapCell(slots, one, '10:30')).toEqual({ from: '10:00', to: '10:30' });
    expect(tapCell(slots, one, '10:00')).toEqual(none);
    // A third tap starts again.
    expect(tapCell(slots, { from: '09:30', to: '10:30' }, '12:00')).toEqual({ from: '12:00', to: '12:00' });
  });

  test('taken_and_past_cells_cannot_be_tapped', () => {
    expect(tapCell(slots, none, '11:00')).toEqual(none);
    expect(tapCell(slots, none, '09:00')).toEqual(none);
  });

  test('a_range_over_a_taken_cell_or_longer_than_four_hours_is_refused', () => {
    expect(chosenPeriod(slots, { from: '10:00', to: '11:30' }).error).toContain('已被预约');
    expect(chosenPeriod(slots, { from: '10:00', to: '10:30' })).toEqual({ start: '10:00', end: '11:00' });
    expect(chosenPeriod(slots, none).error).toContain('点选');
    expect(chosenPeriod(slots, { from: '11:30', to: '13:30' }, 4).error).toContain('最长 2 小时');
    expect(isPicked({ from: '10:00', to: '10:30' }, '10:30')).toBe(true);
    expect(isPicked({ from: '10:00', to: '10:30' }, '11:00')).toBe(false);
  });

  test('half_hours_roll_over_the_hour', () => {
    expect([addHalfHour('10:30'), addHalfHour('09:00'), addHalfHour('23:30')]).toEqual(['11:00', '09:30', '24:00']);
  });
});
