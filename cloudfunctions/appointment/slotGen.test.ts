import { inPark, parkDay } from '../../server/core/time';
import { generateSlots, overlaps, parkInstant, PatternError, slotCells, startsTooSoon } from './slotGen';
import { reminderDue } from './shared';

const fmt = (d: Date) => inPark(d).format('YYYY-MM-DD ddd HH:mm');

describe('slot generation', () => {
  test('weekly_pattern_every_tuesday_14_to_17_in_60_minute_slots_is_park_time_whatever_the_process_TZ', () => {
    // 2026-12-01 is a Tuesday.
    const slots = generateSlots({ from: '2026-12-01', to: '2026-12-14', weekdays: [2], start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 0 });
    expect(slots.map((s) => fmt(s.startAt))).toEqual([
      '2026-12-01 Tue 14:00', '2026-12-01 Tue 15:00', '2026-12-01 Tue 16:00',
      '2026-12-08 Tue 14:00', '2026-12-08 Tue 15:00', '2026-12-08 Tue 16:00',
    ]);
    // Absolute instants: 14:00 in Shanghai is 06:00 UTC.
    expect(slots[0].startAt.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(slots[0].endAt.toISOString()).toBe('2026-12-01T07:00:00.000Z');
  });

  test('a_buffer_goes_between_slots_and_a_slot_that_would_run_past_the_window_is_dropped', () => {
    const slots = generateSlots({ from: '2026-12-01', to: '2026-12-01', start: '14:00', end: '17:00', slotMinutes: 45, bufferMinutes: 15 });
    expect(slots.map((s) => `${inPark(s.startAt).format('HH:mm')}-${inPark(s.endAt).format('HH:mm')}`)).toEqual(['14:00-14:45', '15:00-15:45', '16:00-16:45']);
    const tight = generateSlots({ from: '2026-12-01', to: '2026-12-01', start: '14:00', end: '16:00', slotMinutes: 50, bufferMinutes: 10 });
    expect(tight.map((s) => inPark(s.startAt).format('HH:mm'))).toEqual(['14:00', '15:00']);
  });

  test('a_single_slot_is_one_day_with_the_window_as_the_slot', () => {
    const [one, ...rest] = generateSlots({ from: '2026-12-03', to: '2026-12-03', start: '09:30', end: '11:00', slotMinutes: 90, bufferMinutes: 0 });
    expect(rest).toEqual([]);
    expect(fmt(one.startAt)).toBe('2026-12-03 Thu 09:30');
    expect(fmt(one.endAt)).toBe('2026-12-03 Thu 11:00');
  });

  test('no_weekdays_means_every_day_and_sunday_is_7', () => {
    const all = generateSlots({ from: '2026-12-05', to: '2026-12-07', start: '10:00', end: '11:00', slotMinutes: 60, bufferMinutes: 0 });
    expect(all.map((s) => fmt(s.startAt).slice(11, 14))).toEqual(['Sat', 'Sun', 'Mon']);
    const sun = generateSlots({ from: '2026-12-05', to: '2026-12-07', weekdays: [7], start: '10:00', end: '11:00', slotMinutes: 60, bufferMinutes: 0 });
    expect(sun.map((s) => fmt(s.startAt))).toEqual(['2026-12-06 Sun 10:00']);
  });

  test('bad_patterns_are_refused_in_chinese', () => {
    const base = { from: '2026-12-01', to: '2026-12-01', start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 0 };
    for (const bad of [
      { end: '13:00' },
      { start: '14:03' },
      { slotMinutes: 62 },
      { slotMinutes: 10 },
      { slotMinutes: 300, end: '20:00' },
      { slotMinutes: 240 },
      { to: '2026-11-30' },
      { from: '2026-02-30', to: '2026-02-30' },
      { to: '2027-06-01' },
      { bufferMinutes: 7 },
    ]) {
      expect(() => generateSlots({ ...base, ...bad })).toThrow(PatternError);
    }
    expect(() => generateSlots({ ...base, from: '2026-12-01', to: '2027-01-31', start: '08:00', end: '18:00', slotMinutes: 15 })).toThrow(/最多发布/);
  });
});

describe('overlap cells', () => {
  const at = (hhmm: string) => parkInstant('2026-12-01', Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
  const cells = (a: string, b: string, who = 'e1') => slotCells(who, at(a), at(b));
  const share = (x: string[], y: string[]) => x.some((c) => y.includes(c));

  test('overlapping_slots_of_one_expert_share_a_cell_whatever_their_lengths', () => {
    expect(share(cells('14:00', '15:00'), cells('14:30', '15:30'))).toBe(true);
    expect(share(cells('14:00', '17:00'), cells('15:00', '15:15'))).toBe(true);
    expect(share(cells('14:00', '15:00'), cells('14:55', '16:00'))).toBe(true);
  });

  test('touching_slots_and_other_experts_share_none', () => {
    expect(share(cells('14:00', '15:00'), cells('15:00', '16:00'))).toBe(false);
    expect(share(cells('14:00', '15:00'), cells('14:00', '15:00', 'e2'))).toBe(false);
    expect(cells('14:00', '15:00')).toHaveLength(12);
  });

  test('cells agree with the interval overlap test', () => {
    const times = ['14:00', '14:15', '14:30', '15:00', '15:45', '16:00'];
    for (const a of times) for (const b of times) for (const c of times) for (const d of times) {
      if (a >= b || c >= d) continue;
      expect(share(cells(a, b), cells(c, d))).toBe(overlaps({ startAt: at(a), endAt: at(b) }, { startAt: at(c), endAt: at(d) }));
    }
  });
});

describe('reminder time', () => {
  const start = new Date('2026-12-10T06:00:00Z');
  test('a_day_before_when_booked_early_else_an_hour_before_else_now', () => {
    expect(reminderDue(start, new Date('2026-12-01T00:00:00Z')).toISOString()).toBe('2026-12-09T06:00:00.000Z');
    expect(reminderDue(start, new Date('2026-12-10T00:00:00Z')).toISOString()).toBe('2026-12-10T05:00:00.000Z');
    expect(reminderDue(start, new Date('2026-12-10T05:30:00Z')).toISOString()).toBe('2026-12-10T05:30:00.000Z');
  });
});

describe('roving day notice', () => {
  test('a_roving_day_is_too_soon_when_any_session_starts_within_the_notice_not_only_the_first', () => {
    // At 10:00 park time today: sessions at 14:00 and 08:00 (already over) — the 08:00 one makes it too soon.
    const day = parkDay();
    const now = parkInstant(day, 10 * 60).getTime();
    const at = (h: number) => ({ startAt: parkInstant(day, h * 60), endAt: parkInstant(day, h * 60 + 30) });
    expect(startsTooSoon([at(14), at(8)], now)).toBe(true);
    expect(startsTooSoon([at(14), at(11)], now)).toBe(true);
    expect(startsTooSoon([at(14), at(12)], now)).toBe(false);
  });
});
