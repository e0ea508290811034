import { studyStreak } from './streak';
import { addWeeks, parkWeek } from './calendar';

const NOW = '2026-11-23'; // a Monday
const ago = (n: number) => addWeeks(NOW, -n);

describe('studyStreak', () => {
  test('counts_consecutive_study_weeks_up_to_this_week', () => {
    expect(studyStreak([NOW, ago(1), ago(2)], NOW)).toEqual({ weeks: 3, thisWeek: true, forgiven: 0 });
  });

  test('this_week_without_study_yet_does_not_break_the_streak', () => {
    expect(studyStreak([ago(1), ago(2)], NOW)).toEqual({ weeks: 2, thisWeek: false, forgiven: 0 });
  });

  test('one_missed_week_is_forgiven_and_not_counted', () => {
    expect(studyStreak([NOW, ago(2), ago(3)], NOW)).toEqual({ weeks: 3, thisWeek: true, forgiven: 1 });
    expect(studyStreak([NOW, ago(2), ago(4), ago(5)], NOW)).toEqual({ weeks: 4, thisWeek: true, forgiven: 2 });
  });

  test('two_missed_weeks_in_a_row_end_the_streak', () => {
    expect(studyStreak([NOW, ago(3), ago(4)], NOW)).toEqual({ weeks: 1, thisWeek: true, forgiven: 0 });
    expect(studyStreak([ago(2), ago(3)], NOW).weeks).toBe(2);
    expect(studyStreak([ago(3)], NOW).weeks).toBe(0);
  });

  test('no_activity_is_a_streak_of_zero', () => {
    expect(studyStreak([], NOW)).toEqual({ weeks: 0, thisWeek: false, forgiven: 0 });
  });
});

describe('parkWeek', () => {
  test('weeks_start_on_monday_in_park_time_whatever_the_server_zone', () => {
    // Sunday 2026-11-22 23:30 in Shanghai is still the week of Monday 16th…
    expect(parkWeek(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-16');
    // …and Monday 00:10 in Shanghai (Sunday 16:10 UTC) is the new week.
    expect(parkWeek(new Date('2026-11-22T16:10:00Z'))).toBe('2026-11-23');
  });
});
