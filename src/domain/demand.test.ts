import { addDays, dayRange, dueChoices, dueHint, duration, monthBefore, parkTime, parkToday, percent, roundTitle, slaLines, slaTag, stars, timelineRounds, validateDemandForm, weekdayLabel } from './demand';

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

describe('service-level clock wording', () => {
  const base = { serviceClass: '一般', days: 5, usedDays: 2, remainingDays: 3, dueAt: '2026-03-05T02:00:00Z', running: true, paused: false, overdue: false, dueSoon: false, onTime: null };

  it('says what is left while running, and that holidays do not count', () => {
    expect(slaLines(base)).toEqual({ head: '一般类 · 承诺 5 个工作日内办结', status: '剩余 3 个工作日，预计 2026-03-05 10:00 到期', note: '按园区工作日计算，节假日和周末不计。', tone: 'ok' });
    expect(slaLines({ ...base, dueSoon: true, remainingDays: 0.5 }).tone).toBe('warn');
    expect(slaTag({ ...base, dueSoon: true, remainingDays: 0.5 })).toBe('即将到期 · 剩 0.5 个工作日');
  });

  it('explains the pause while the enterprise answers', () => {
    const s = slaLines({ ...base, running: false, paused: true, dueAt: null });
    expect(s.status).toBe('计时已暂停（已用 2 个工作日，剩余 3 个工作日）');
    expect(s.note).toContain('不计入办理时限');
    expect(slaTag({ ...base, running: false, paused: true })).toBe('计时暂停');
  });

  it('says overdue by how much, and on time or late once resolved', () => {
    expect(slaLines({ ...base, overdue: true, usedDays: 6.5, remainingDays: -1.5 }).status).toBe('已超期 1.5 个工作日');
    expect(slaLines({ ...base, running: false, onTime: true, dueAt: null }).status).toBe('按时办结（用时 2 个工作日）');
    expect(slaLines({ ...base, running: false, onTime: false, usedDays: 7, dueAt: null }).tone).toBe('late');
    expect(slaTag({ ...base, running: false, onTime: true })).toBe('');
  });
});

describe('timelineRounds', () => {
  it('starts a new round at each 重办 or reopen, newest first', () => {
    const t = ['submit', 'assign', 'accept', 'askInfo', 'answerInfo', 'resolve', 'redo', 'assign', 'accept', 'resolve', 'rate'].map((action) => ({ action }));
    const r = timelineRounds(t);
    expect(r.map((x) => [x.round, x.redo, x.steps.map((s) => s.action)])).toEqual([
      [2, true, ['rate', 'resolve', 'accept', 'assign', 'redo']],
      [1, false, ['resolve', 'answerInfo', 'askInfo', 'accept', 'assign', 'submit']],
    ]);
    expect(roundTitle(r[0])).toBe('第 2 轮办理（不满意重办）');
    expect(timelineRounds([{ action: 'submit' }]).length).toBe(1);
  });
});

describe('calendar helpers', () => {
  it('lists the days of a range across a month end, and none when reversed', () => {
    expect(dayRange('2027-01-30', '2027-02-02')).toEqual(['2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
    expect(dayRange('2027-02-02', '2027-02-01')).toEqual([]);
  });
  it('steps months back across a year end and names weekdays', () => {
    expect(monthBefore('2027-01-15', 1)).toBe('2026-12');
    expect(monthBefore('2027-01-15', 0)).toBe('2027-01');
    expect(weekdayLabel('2026-10-01')).toBe('周四');
  });
});
