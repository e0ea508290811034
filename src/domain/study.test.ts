import { charCount, clockSkew, countdown, demoShare, fmtDeadline, groupBranchChoices, letters, newMaterialWarning, parkMonthAfter, recordShortfall, standingText, streakText, toggleChoice, unanswered } from './study';

describe('study wording', () => {
  test('standing_reads_as_progress_of_the_month', () => {
    expect(standingText({ read: 3, total: 3, recorded: true, finished: true })).toBe('本月学习已完成');
    expect(standingText({ read: 1, total: 3, recorded: false, finished: false })).toBe('已学 1/3 · 自学记录待写');
    expect(standingText({ read: 0, total: 0, recorded: false, finished: false })).toBe('自学记录待写');
  });

  test('the_record_counter_counts_like_the_server_without_spaces', () => {
    expect(charCount(' 学习 党章\n心得 ')).toBe(6);
    expect(recordShortfall('学习党章', 10)).toBe('还差 6 字');
    expect(recordShortfall('学'.repeat(10), 10)).toBe('');
  });

  test('the_streak_sentence_is_encouraging_and_personal', () => {
    expect(streakText({ weeks: 0, thisWeek: false, forgiven: 0 })).toMatch(/开始/);
    expect(streakText({ weeks: 3, thisWeek: true, forgiven: 1 })).toMatch(/已连续学习 3 周.*接上/);
    expect(streakText({ weeks: 2, thisWeek: false, forgiven: 0 })).toMatch(/本周还没有/);
  });
});

describe('quiz helpers', () => {
  test('countdown_shows_minutes_and_seconds_and_stops_at_zero', () => {
    expect(countdown(600_000, 0)).toBe('10:00');
    expect(countdown(61_500, 0)).toBe('01:02');
    expect(countdown(0, 5000)).toBe('00:00');
  });

  test('the_server_clock_offset_corrects_a_wrong_device_clock', () => {
    expect(clockSkew('2026-11-23T02:00:10.000Z', Date.parse('2026-11-23T02:00:00.000Z'))).toBe(10_000);
    expect(clockSkew('nonsense', 5)).toBe(0);
  });

  test('single_choice_replaces_and_multiple_choice_toggles', () => {
    expect(toggleChoice('single', [1], 2)).toEqual([2]);
    expect(toggleChoice('judge', [], 0)).toEqual([0]);
    expect(toggleChoice('multiple', [2], 0)).toEqual([0, 2]);
    expect(toggleChoice('multiple', [0, 2], 2)).toEqual([0]);
    expect(unanswered([{ id: 'a' }, { id: 'b' }], { a: [1], b: [] })).toBe(1);
    expect(letters([0, 2])).toBe('A、C');
    expect(letters([])).toBe('未作答');
  });
});

describe('dates and launch', () => {
  test('a_month_end_deadline_reads_as_the_last_day_at_24_00', () => {
    expect(fmtDeadline('2026-11-30T16:00:00.000Z')).toBe('11月30日 24:00');
  });

  test('park_months_roll_over_years', () => {
    expect(parkMonthAfter(1, Date.parse('2026-12-15T00:00:00Z'))).toBe('2027-01');
    expect(parkMonthAfter(0, Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12');
  });

  test('the_demo_chat_parameter_becomes_the_gateways_test_cloudid', () => {
    expect(demoShare('GdemoJointChat01')).toEqual({ cloudID: 'test:GdemoJointChat01' });
    expect(demoShare(undefined)).toBeNull();
    expect(demoShare('bad id!')).toBeNull();
  });
});

describe('the topic editor before saving (G-11)', () => {
  test('a_new_material_with_people_already_finished_asks_first_an_edit_of_existing_ones_does_not', () => {
    expect(newMaterialWarning(3, [{ id: 'm1' }, {}])).toBe('本月已有 3 人完成学习。新增 1 份资料后，他们需读完新资料才算完成，将暂时显示为未完成。确定发布吗？');
    expect(newMaterialWarning(3, [{ id: 'm1' }, { id: 'm2' }])).toBeNull();
    expect(newMaterialWarning(0, [{}])).toBeNull();
  });
});

describe('创建学习小组 branch choices (G-22)', () => {
  test('a_secretary_leading_one_branch_is_offered_it_already_chosen', () => {
    expect(groupBranchChoices([{ id: 'b1', name: '第一支部' }])).toEqual({ items: [{ value: 'b1', label: '第一支部' }], preset: 'b1', hint: '' });
  });
  test('several_branches_are_offered_none_chosen_and_none_gives_a_hint', () => {
    const two = groupBranchChoices([{ id: 'b1', name: '第一支部' }, { id: 'b2', name: '第二支部' }]);
    expect(two.items.map((i) => i.value)).toEqual(['b1', 'b2']);
    expect(two.preset).toBeNull();
    expect(groupBranchChoices([])).toMatchObject({ items: [], preset: null, hint: expect.stringContaining('主题学习小组') });
  });
});
