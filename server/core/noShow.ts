/**
 * The no-show cool-down, one rule for 发展服务团预约 (an enterprise) and 志愿服务 (a person): two
 * unexcused no-shows whose appointment or activity fell within the last 90 days → no new booking
 * (sign-up) until 7 days after the later of them was recorded. Pure; the domains read the rows.
 *
 * Why these choices:
 *   - counted from the rows themselves at booking time, never from a stored standing: an admin who
 *     excuses a no-show (or a wrong record corrected) lifts the cool-down at once, and there is
 *     no second copy that could drift;
 *   - the window is on when it happened, the 7 days on when it was recorded: an expert who records
 *     late does not shorten the wait to nothing, and nothing older than 90 days ever counts;
 *   - only the other side's record counts against someone: an expert who did not come is another
 *     state (`expert_absent`), never a no-show of the enterprise;
 *   - private: the refusal goes to the person asking only; nothing is ranked or listed publicly.
 */
import { AppError } from './errors';
import { inPark } from './time';

export const NO_SHOW_RULE = { windowDays: 90, count: 2, cooldownDays: 7 } as const;
const DAY_MS = 86_400_000;

export interface NoShowRecord {
  /** When the appointment / activity was (its start). */
  at: Date;
  /** When it was recorded as a no-show (missing on rows older than the record: `at` stands in). */
  recordedAt?: Date | null;
}

export interface Cooldown {
  until: Date;
  /** The counted no-shows, oldest first. */
  dates: Date[];
}

/** The cool-down running at `now`, or null. Excused records must already be left out. */
export function noShowCooldown(records: NoShowRecord[], now: Date): Cooldown | null {
  const since = now.getTime() - NO_SHOW_RULE.windowDays * DAY_MS;
  const counted = records.filter((r) => new Date(r.at).getTime() >= since).sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  if (counted.length < NO_SHOW_RULE.count) return null;
  const last = Math.max(...counted.map((r) => new Date(r.recordedAt ?? r.at).getTime()));
  const until = new Date(last + NO_SHOW_RULE.cooldownDays * DAY_MS);
  if (until.getTime() <= now.getTime()) return null;
  return { until, dates: counted.map((r) => new Date(r.at)) };
}

/**
 * The refusal, said only to the person concerned: which dates, until when, and how to appeal.
 * `who` is 贵企业 or 您; `what` what is refused (预约专家服务, 报名志愿活动); `appeal` where to appeal.
 */
export function cooldownRefusal(c: Cooldown, who: string, what: string, appeal: string): AppError {
  const dates = c.dates.map((d) => inPark(d).format('M月D日')).join('、');
  const until = inPark(c.until).format('M月D日 HH:mm');
  return new AppError(
    'CLOSED',
    `${who}近 ${NO_SHOW_RULE.windowDays} 天内有 ${c.dates.length} 次未到场且未请假（${dates}），按规则暂停${what}至 ${until}。如有特殊情况，可${appeal}，核实后该次记录不再计入；此信息仅您本人可见。`,
  );
}
