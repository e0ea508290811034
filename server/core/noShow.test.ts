import { AppError } from './errors';
import { cooldownRefusal, noShowCooldown } from './noShow';

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe('the no-show cool-down', () => {
  test('one_no_show_has_no_consequence', () => {
    expect(noShowCooldown([{ at: ago(1), recordedAt: ago(1) }], now)).toBeNull();
  });

  test('two_within_90_days_pause_until_7_days_after_the_later_was_recorded', () => {
    const c = noShowCooldown([{ at: ago(3), recordedAt: ago(2) }, { at: ago(60), recordedAt: ago(60) }], now);
    expect(c).not.toBeNull();
    expect(c!.until.getTime()).toBe(ago(2).getTime() + 7 * DAY);
    expect(c!.dates.map((d) => d.getTime())).toEqual([ago(60).getTime(), ago(3).getTime()]);
  });

  test('a_late_record_starts_the_7_days_when_it_was_recorded_not_when_it_happened', () => {
    const c = noShowCooldown([{ at: ago(10) }, { at: ago(9), recordedAt: ago(1) }], now);
    expect(c!.until.getTime()).toBe(ago(1).getTime() + 7 * DAY);
  });

  test('it_ends_after_7_days_and_nothing_older_than_90_days_counts', () => {
    expect(noShowCooldown([{ at: ago(20), recordedAt: ago(20) }, { at: ago(8), recordedAt: ago(8) }], now)).toBeNull();
    expect(noShowCooldown([{ at: ago(91), recordedAt: ago(1) }, { at: ago(2), recordedAt: ago(1) }], now)).toBeNull();
  });

  test('the_refusal_is_one_chinese_sentence_with_the_dates_the_end_and_how_to_appeal', () => {
    const c = noShowCooldown([{ at: ago(3) }, { at: ago(4) }], now)!;
    const e = cooldownRefusal(c, '您', '报名志愿活动', '联系组织者');
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('CLOSED');
    expect(e.message).toMatch(/^您近 90 天内有 2 次未到场且未请假（\d+月\d+日、\d+月\d+日），按规则暂停报名志愿活动至 \d+月\d+日 \d\d:\d\d。如有特殊情况，可联系组织者/);
  });
});
