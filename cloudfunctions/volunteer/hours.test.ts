import { attendance, creditedMinutes, minutesLabel, spanMinutes, SIGN_OUT_GRACE_MS } from './hours';

const at = (s: string) => new Date(s);
// An activity 22:00–01:30 park time (UTC+8), across midnight.
const night = { startAt: at('2026-11-23T22:00:00+08:00'), endAt: at('2026-11-24T01:30:00+08:00') };

describe('credited minutes', () => {
  test('across_midnight_counts_the_time_actually_present', () => {
    expect(creditedMinutes(at('2026-11-23T22:10:00+08:00'), at('2026-11-24T00:55:30+08:00'), night)).toBe(165);
    expect(spanMinutes(night)).toBe(210);
  });

  test('early_arrival_and_late_departure_are_capped_at_the_span', () => {
    expect(creditedMinutes(at('2026-11-23T21:00:00+08:00'), at('2026-11-24T03:00:00+08:00'), night)).toBe(210);
  });

  test('leaving_before_the_start_or_arriving_after_the_end_earns_nothing', () => {
    expect(creditedMinutes(at('2026-11-23T20:00:00+08:00'), at('2026-11-23T21:30:00+08:00'), night)).toBe(0);
    expect(creditedMinutes(at('2026-11-24T02:00:00+08:00'), at('2026-11-24T02:30:00+08:00'), night)).toBe(0);
    expect(creditedMinutes(at('2026-11-24T00:30:00+08:00'), at('2026-11-24T00:10:00+08:00'), night)).toBe(0);
  });

  test('partial_minutes_are_dropped_and_the_same_instants_give_the_same_minutes_in_any_zone', () => {
    // Instants, not wall clocks: TZ=UTC or America/New_York runs give the same numbers.
    const a = creditedMinutes('2026-11-23T14:05:59Z', '2026-11-23T15:00:00Z', { startAt: '2026-11-23T14:00:00Z', endAt: '2026-11-23T16:00:00Z' });
    expect(a).toBe(54);
  });
});

describe('attendance of a confirmed volunteer', () => {
  const base = { signedInAt: null, signedOutAt: null, hours: 'none' as const, noShow: false };
  const end = night.endAt.getTime();
  test('a_missing_sign_out_is_flagged_only_after_the_grace', () => {
    const r = { ...base, signedInAt: at('2026-11-23T22:05:00+08:00'), hours: 'open' as const };
    expect(attendance(r, night, end - 60_000)).toBe('signed_in');
    expect(attendance(r, night, end + SIGN_OUT_GRACE_MS - 1)).toBe('signed_in');
    expect(attendance(r, night, end + SIGN_OUT_GRACE_MS + 1)).toBe('missing_out');
  });
  test('credited_upcoming_absent_and_no_show', () => {
    expect(attendance({ ...base, signedInAt: night.startAt, signedOutAt: night.endAt, hours: 'auto' }, night, end + 1)).toBe('credited');
    expect(attendance({ ...base, hours: 'fixed' }, night, end + 1)).toBe('credited');
    expect(attendance(base, night, end - 1)).toBe('upcoming');
    expect(attendance(base, night, end + 1)).toBe('absent');
    expect(attendance({ ...base, noShow: true }, night, end + 1)).toBe('no_show');
  });
});

test('minutes_read_as_hours_and_minutes', () => {
  expect(minutesLabel(0)).toBe('0 分');
  expect(minutesLabel(45)).toBe('45 分');
  expect(minutesLabel(120)).toBe('2 小时');
  expect(minutesLabel(150)).toBe('2 小时 30 分');
});
