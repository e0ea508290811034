import { addDays, dueChoices, dueHint, duration, parkTime, parkToday, percent, stars, validateDemandForm } from './demand';

describe('park time', () => {
  it('shows instants in Shanghai time whatever the device zone is', () => {
    expect(parkTime('2026-11-22T16:30:00.000Z')).toBe('2026-11-23 00:30');
    expect(parkTime(null)).toBe('');
    expect(parkToday(Date.parse('2026-11-22T16:30:00.000Z'))).toBe('2026-11-23');
    expect(parkToday(Date.parse('2026-11-22T15:59:00.000Z'))).toBe('2026-11-22');
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-29', 3)).toBe('2027-01-01');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(dueChoices('2026-11-23').map((c) => c.date)).toEqual(['2026-11-26', '2026-11-30', '2026-12-08', '2026-12-23']);
  });

  it('tells how long is left or how late it is', () => {
    expect(dueHint('2026-11-26', '2026-11-23')).toBe('还剩 3 天');
    expect(dueHint('2026-11-23', '2026-11-23')).toBe('今天到期');
    expect(dueHint('2026-11-21', '2026-11-23')).toBe('已逾期 2 天');
    expect(dueHint(null, '2026-11-23')).toBe('');
  });
});

describe('validateDemandForm', () => {
  const ok = { category: '融资', title: '贷款对接', description: '需要800万元流动资金贷款。', contactWay: '', contactPhone: '' };

  it('accepts a complete form and an optional landline or mobile', () => {
    expect(validateDemandForm(ok)).toEqual({});
    expect(validateDemandForm({ ...ok, contactPhone: '0512-66881921' })).toEqual({});
    expect(validateDemandForm({ ...ok, contactPhone: '13912345678' })).toEqual({});
  });

  it('names every missing or wrong field in Chinese', () => {
    const e = validateDemandForm({ category: '', title: ' 贷', description: '太短', contactWay: '', contactPhone: '12345' });
    expect(Object.keys(e).sort()).toEqual(['category', 'contactPhone', 'description', 'title']);
    expect(e.description).toContain('至少 5 个字');
  });
});

describe('figures wording', () => {
  it('formats stars, rates and durations', () => {
    expect(stars(4)).toBe('★★★★☆');
    expect(percent(0.615)).toBe('61.5%');
    expect(percent(null)).toBe('—');
    expect(duration(44)).toBe('44 小时');
    expect(duration(62)).toBe('2.6 天');
    expect(duration(null)).toBe('—');
    expect(duration(0)).toBe('不足 1 小时');
  });
});
