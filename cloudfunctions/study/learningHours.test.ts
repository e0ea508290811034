import { hoursOf, kindLabel, sessionMinutes, tallyYear, targetOf, whyNotCounted, type AttendanceRow } from './learningHours';

/** A session on a fixed park day (pure rules: no dependence on today). */
function row(over: Partial<AttendanceRow> = {}, day = '2026-05-10', from = '09:00', to = '11:00'): AttendanceRow {
  return { eventId: `ev-${day}-${from}`, eventKind: 'lecture', title: '大党课', startAt: `${day}T${from}:00+08:00`, endAt: `${day}T${to}:00+08:00`, ...over };
}
const meeting = (kind: any, extra: Partial<NonNullable<AttendanceRow['meeting']>> = {}, over: Partial<AttendanceRow> = {}) =>
  row({ eventKind: 'meeting', title: '组织生活', meeting: { kind, topic: '学习党章', ...extra }, ...over });

describe('which attendance counts', () => {
  test('a_scanned_lecture_or_center_study_session_counts', () => {
    expect(whyNotCounted(row())).toBeNull();
    expect(whyNotCounted(row({ eventKind: 'study' }))).toBeNull();
  });

  test('events_that_are_not_study_never_count', () => {
    expect(whyNotCounted(row({ eventKind: 'volunteer' }))).toBe('not_study');
    expect(whyNotCounted(row({ eventKind: 'generic' }))).toBe('not_study');
    expect(whyNotCounted(meeting('支委会'))).toBe('not_study');
    expect(whyNotCounted(meeting('党小组会'))).toBe('not_study');
    expect(whyNotCounted(row({ eventKind: 'meeting', meeting: null }))).toBe('not_study');
  });

  test('study_meetings_count_when_scanned_and_the_record_is_counted', () => {
    for (const k of ['党课', '支部党员大会', '主题党日']) expect(whyNotCounted(meeting(k))).toBeNull();
    expect(whyNotCounted(meeting('党课', { state: 'counted' }))).toBeNull();
  });

  test('a_ticked_row_counts_only_on_a_record_an_admin_confirmed', () => {
    expect(whyNotCounted(meeting('党课', {}, { recordedBy: 'sec' }))).toBe('hand_unverified');
    expect(whyNotCounted(meeting('党课', { state: 'counted', confirmedBy: null }, { recordedBy: 'sec' }))).toBe('hand_unverified');
    expect(whyNotCounted(meeting('党课', { state: 'counted', confirmedBy: 'admin2' }, { recordedBy: 'sec' }))).toBeNull();
    // Lectures have no 核实: a ticked lecture row never counts.
    expect(whyNotCounted(row({ recordedBy: 'admin' }))).toBe('hand_unverified');
  });

  test('pending_rejected_or_withdrawn_records_and_guests_count_nothing', () => {
    for (const state of ['pending', 'rejected', 'withdrawn'] as const) expect(whyNotCounted(meeting('党课', { state, confirmedBy: 'a' }))).toBe('record_not_counted');
    expect(whyNotCounted(meeting('党课', {}, { guest: true }))).toBe('guest');
  });
});

describe('hours', () => {
  test('one_学时_is_one_hour_of_the_scheduled_length_rounded_down_to_a_tenth', () => {
    expect(sessionMinutes('2026-05-10T09:00:00+08:00', '2026-05-10T10:30:00+08:00')).toBe(90);
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.6); // 1.666… shown as 1.6, never 1.7
    expect(hoursOf(0)).toBe(0);
    expect(sessionMinutes('2026-05-10T10:00:00+08:00', '2026-05-10T09:00:00+08:00')).toBe(0);
  });

  test('a_park_day_is_capped_at_8_学时_and_days_add_up', () => {
    const day = [row({}, '2026-05-10', '08:00', '12:00'), row({ eventKind: 'study' }, '2026-05-10', '13:00', '18:00'), row({}, '2026-05-11', '09:00', '11:00')];
    const t = tallyYear(day, 2026);
    expect(t.minutes).toBe(8 * 60 + 2 * 60);
    expect(t.hours).toBe(10);
    expect(t.sessions.map((s) => s.hours)).toEqual([4, 5, 2]);
  });

  test('the_park_day_and_year_are_Shanghai_time_whatever_the_server_zone', () => {
    // 2026-12-31 23:30 UTC is 2027-01-01 07:30 in the park: a 2027 session.
    const r: AttendanceRow = { eventId: 'e', eventKind: 'lecture', title: 't', startAt: '2026-12-31T23:30:00Z', endAt: '2027-01-01T01:30:00Z' };
    expect(tallyYear([r], 2026).hours).toBe(0);
    expect(tallyYear([r], 2027)).toMatchObject({ hours: 2, sessions: [{ day: '2027-01-01' }] });
  });

  test('uncounted_rows_are_left_out_of_the_list_and_the_total', () => {
    const t = tallyYear([row(), row({ recordedBy: 'x' }, '2026-06-01'), meeting('支委会'), meeting('主题党日', {}, { startAt: '2026-07-01T14:00:00+08:00', endAt: '2026-07-01T17:00:00+08:00' })], 2026);
    expect(t.hours).toBe(5);
    expect(t.sessions.map((s) => [s.kind, s.title, s.scanned])).toEqual([['大党课', '大党课', true], ['主题党日', '学习党章', true]]);
  });

  test('targets_and_labels', () => {
    expect(targetOf(false)).toBe(32);
    expect(targetOf(true)).toBe(56);
    expect(kindLabel({ eventKind: 'study' })).toBe('集中学习');
    expect(kindLabel({ eventKind: 'meeting', meeting: { kind: '支部党员大会' } })).toBe('支部党员大会');
  });
});
