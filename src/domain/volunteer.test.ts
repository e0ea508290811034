import { activityParams, describeVolunteerScan, placesLine, phaseTone, type ActivityForm } from './volunteer';

const form: ActivityForm = {
  title: '送党课进企业', description: ' 介绍 ', category: '送党课', tags: '党课、进企业', teamId: 'vt-1', place: '报告厅',
  date: '2026-12-01', start: '14:00', end: '16:30', capacity: '20', eligibility: 'all', signupClosesAt: '', cancelClosesAt: '',
};

describe('activity form', () => {
  test('a_valid_form_becomes_params_in_park_time', () => {
    expect(activityParams(form).params).toEqual({
      title: '送党课进企业', description: '介绍', category: '送党课', tags: ['党课', '进企业'], teamId: 'vt-1', place: '报告厅',
      startAt: '2026-12-01 14:00', endAt: '2026-12-01 16:30', capacity: 20, eligibility: 'all',
    });
  });
  test('an_end_before_the_start_runs_past_midnight_into_the_next_day', () => {
    expect(activityParams({ ...form, date: '2026-12-31', start: '21:00', end: '01:00' }).params).toMatchObject({ startAt: '2026-12-31 21:00', endAt: '2027-01-01 01:00' });
  });
  test('problems_are_one_sentence_each', () => {
    expect(activityParams({ ...form, title: 'a' }).error).toBe('请填写活动名称（至少 2 个字）');
    expect(activityParams({ ...form, capacity: '0' }).error).toBe('名额应为 1–2000 之间的整数');
    expect(activityParams({ ...form, start: '25:00' }).error).toBe('时间格式应为 14:00');
    expect(activityParams({ ...form, signupClosesAt: '明天' }).error).toBe('报名截止时间格式应为 2026-12-01 12:00');
    expect(activityParams({ ...form, teamId: '' }).error).toBe('请选择志愿服务队');
  });
});

test('places_line_says_places_left_or_the_waitlist', () => {
  expect(placesLine({ placesLeft: 3, capacity: 10, waiting: 0, phase: 'signup' })).toBe('剩余 3 个名额（共 10 个）');
  expect(placesLine({ placesLeft: 0, capacity: 10, waiting: 2, phase: 'signup' })).toBe('名额已满 · 2 人候补');
  expect(placesLine({ placesLeft: 0, capacity: 10, waiting: 0, phase: 'signup' })).toBe('名额已满，可报名候补');
  expect(placesLine({ placesLeft: 0, capacity: 10, waiting: 2, phase: 'ended' })).toBe('共 10 个名额');
  expect(phaseTone('signup')).toBe('active');
  expect(phaseTone('cancelled')).toBe('ended');
});

test('a_volunteer_scan_reads_as_sign_in_sign_out_or_a_repeat', () => {
  const hhmm = (iso: string) => iso.slice(11, 16);
  expect(describeVolunteerScan({ action: 'signIn', signedInAt: '2026-12-01T14:02:00Z', title: '科普' }, hhmm).headline).toBe('志愿签到成功');
  const out = describeVolunteerScan({ action: 'signOut', signedInAt: '2026-12-01T14:02:00Z', signedOutAt: '2026-12-01T16:32:00Z', minutes: 150, title: '科普' }, hhmm);
  expect(out).toEqual({ headline: '志愿签退成功', lead: '感谢您参加“科普”！本次志愿时长 2 小时 30 分。', detail: '签到 14:02 · 签退 16:32' });
  expect(describeVolunteerScan({ action: 'repeat', signedInAt: '2026-12-01T14:02:00Z', signedOutAt: null, minutes: 0, title: '科普', note: '您已签到，无需重复扫码。' }, hhmm).headline).toBe('已签到');
});
