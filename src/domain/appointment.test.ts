import { dayChip, dayKey, fmtDay, fmtRange, fmtTime, groupByDay, nextDays, publishParams, stateTone, topicError, type PublishForm } from './appointment';

describe('park-time formatting (any process TZ)', () => {
  test('an instant is shown in Asia/Shanghai', () => {
    // 2026-12-01T06:00Z is 14:00 on Tuesday 1 December in the park; 2026-11-30T17:30Z is already 1 December there.
    expect(fmtTime('2026-12-01T06:00:00Z')).toBe('14:00');
    expect(fmtDay('2026-12-01T06:00:00Z')).toBe('12月1日 周二');
    expect(dayKey('2026-11-30T17:30:00Z')).toBe('2026-12-01');
    expect(fmtRange('2026-12-01T06:00:00Z', '2026-12-01T07:00:00Z')).toBe('12月1日 周二 14:00–15:00');
  });

  test('date strip days follow the park calendar', () => {
    const now = Date.parse('2026-11-30T17:30:00Z'); // 01:30 on 1 December in the park
    expect(nextDays(3, now)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(dayChip('2026-12-06')).toEqual({ top: '周日', bottom: '12/6' });
  });

  test('grouping by park day keeps order', () => {
    const items = ['2026-12-01T01:00:00Z', '2026-12-01T06:00:00Z', '2026-12-01T17:00:00Z'];
    expect(groupByDay(items, (x) => x).map((g) => [g.day, g.items.length])).toEqual([['2026-12-01', 2], ['2026-12-02', 1]]);
  });
});

describe('forms', () => {
  test('topic needs a few words', () => {
    expect(topicError('合同')).toBeTruthy();
    expect(topicError('  劳动合同审查  ')).toBeUndefined();
  });

  const form: PublishForm = { repeat: 'weekly', from: '2026-12-01', to: '2026-12-21', weekdays: [4, 2], start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 10, mode: 'venue', venueId: 'venue-hall' };
  test('weekly form becomes publishSlots params', () => {
    expect(publishParams(form)).toEqual({ params: { from: '2026-12-01', to: '2026-12-21', weekdays: [2, 4], start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 10, mode: 'venue', venueId: 'venue-hall' } });
    expect(publishParams({ ...form, repeat: 'once', mode: 'online' })).toEqual({ params: { from: '2026-12-01', start: '14:00', end: '17:00', mode: 'online' } });
  });

  test('form problems are said in Chinese', () => {
    expect(publishParams({ ...form, end: '13:00' }).error).toContain('结束时间');
    expect(publishParams({ ...form, weekdays: [] }).error).toContain('星期');
    expect(publishParams({ ...form, venueId: '' }).error).toContain('场所');
    expect(publishParams({ ...form, slotMinutes: 240 }).error).toContain('时长');
  });
});

describe('misc', () => {
  test('state tones', () => {
    expect(['requested', 'confirmed', 'served', 'rated', 'cancelled', 'no_show'].map((s) => stateTone(s as never))).toEqual(['wait', 'active', 'done', 'done', 'ended', 'ended']);
  });
});
