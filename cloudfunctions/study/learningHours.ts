/**
 * 集中学习学时: the hours of 集中培训 and 集体学习 the 党员教育管理工作条例 (2019) asks of every member
 * each year — at least 32 学时, and 56 for 书记 and 班子成员 — counted ONLY from sessions the
 * member attended and whose attendance the app can vouch for. Pure rules (unit-tested in
 * learningHours.test.ts); the two actions read rows with one aggregation each
 * (hoursQuery.ts), and the branch figure applies the same rule inside the database.
 *
 * The rule, as shown on the pages (LEARNING_HOURS_RULE):
 *  - Which sessions are study (STUDY_SESSIONS, one table): 大党课 (lecture events), 集中学习
 *    (the center's study events), and the branch meetings 党课, 支部党员大会 and 主题党日.
 *    支委会 is the committee's business and 党小组会 has no group list in the app, so neither counts.
 *  - Attended and code-verified: the member's own scan of the session's rotating code. A row the
 *    secretary ticked by hand is only their word, and nothing else checks it — so a ticked row
 *    counts only once an admin other than the branch's secretary has confirmed the meeting record
 *    (核实, org/verifyOrgLife.ts: `confirmedBy` set on a 'counted' record). Lectures and center
 *    study sessions have no 核实, so their ticked rows never count.
 *  - 列席 (a scan of another branch's meeting, `guest`) is recorded but is not the member's own
 *    organisation life, as everywhere else in the app: not counted.
 *  - A meeting record that is pending 核实, rejected or withdrawn counts nothing (a pending record
 *    may have had its times edited after the meeting).
 *  - Hours: the session's scheduled length (endAt − startAt), 1 学时 = 1 hour (no rule found that
 *    sets 45 minutes for 集中学习; a class hour of 45 min is a school convention). At most 8 学时
 *    per park day (Asia/Shanghai), by the day the session starts. Shown rounded DOWN to 0.1.
 *  - Year: the park year of the session's start.
 *  - Target: 56 for a branch secretary, 32 otherwise. The app keeps no history of who was
 *    secretary, nor any list of 支委/班子 members: the CURRENT secretary of any branch gets 56.
 * Private: the member, the secretary of their branch and admins see it; never ranked, never sorted
 * by hours.
 */
import { inPark } from '../../server/core/time';
import type { EventDoc } from '../checkin/public';
import type { OrgLifeKind, OrgLifeState } from '../org/public';

/** 1 学时 = 60 minutes (see above). */
export const MINUTES_PER_HOUR = 60;
/** No more than 8 学时 are credited for one park day. */
export const DAY_CAP_MINUTES = 8 * MINUTES_PER_HOUR;
export const TARGET_MEMBER = 32;
export const TARGET_LEADER = 56;

/** The one table of what counts as 集中学习: event kinds, and the meeting kinds of a 'meeting' event. */
export const STUDY_SESSIONS = {
  events: { lecture: '大党课', study: '集中学习' } as Partial<Record<EventDoc['kind'], string>>,
  meetings: { 党课: '党课', 支部党员大会: '支部党员大会', 主题党日: '主题党日' } as Partial<Record<OrgLifeKind, string>>,
};
export const STUDY_EVENT_KINDS = Object.keys(STUDY_SESSIONS.events) as EventDoc['kind'][];
export const STUDY_MEETING_KINDS = Object.keys(STUDY_SESSIONS.meetings) as OrgLifeKind[];

/** The rule in one paragraph, shown on the member's card and the secretary's page. */
export const LEARNING_HOURS_RULE =
  '只计本人参加、且扫码签到的集中学习：大党课、中心集中学习、支部党课、支部党员大会、主题党日。书记手工补录的签到，须经管理员核实该次组织生活后才计入；列席其他支部、待核实或已撤回的记录不计。学时按安排的起止时间计算，1 学时 = 1 小时，每天最多 8 学时。党员每年不少于 32 学时，支部书记不少于 56 学时。';

/** One event check-in of the member, joined to its event and (for a meeting) its record. */
export interface AttendanceRow {
  eventId: string;
  eventKind: EventDoc['kind'];
  title: string;
  startAt: Date | string;
  endAt: Date | string;
  /** Set when a secretary ticked the row by hand (checkins.recordedBy). */
  recordedBy?: string | null;
  guest?: boolean;
  /** For a meeting: its organisation-life record (absent when the record is missing). */
  meeting?: { kind: OrgLifeKind; topic?: string; state?: OrgLifeState; confirmedBy?: string | null } | null;
}

export type NotCounted = 'not_study' | 'guest' | 'hand_unverified' | 'record_not_counted';

/** Whether a row counts, and why not. */
export function whyNotCounted(r: AttendanceRow): NotCounted | null {
  if (r.guest) return 'guest';
  const byHand = !!r.recordedBy;
  if (r.eventKind === 'meeting') {
    const m = r.meeting;
    if (!m || !STUDY_MEETING_KINDS.includes(m.kind)) return 'not_study';
    // Records written before 核实 existed carry no state and read as 'counted' (org/docs.ts).
    if ((m.state ?? 'counted') !== 'counted') return 'record_not_counted';
    if (byHand && !m.confirmedBy) return 'hand_unverified';
    return null;
  }
  if (!STUDY_EVENT_KINDS.includes(r.eventKind)) return 'not_study';
  return byHand ? 'hand_unverified' : null;
}

/** Scheduled length in minutes (fractional, as the database computes it; never negative). */
export function sessionMinutes(startAt: Date | string, endAt: Date | string): number {
  return Math.max(0, (new Date(endAt).getTime() - new Date(startAt).getTime()) / 60000);
}

/** 学时 shown: minutes in hours, rounded down to 0.1 so a figure never overstates. */
export function hoursOf(minutes: number): number {
  return Math.floor((minutes / MINUTES_PER_HOUR) * 10 + 1e-9) / 10;
}

export function targetOf(leader: boolean): number {
  return leader ? TARGET_LEADER : TARGET_MEMBER;
}

/** The label of a session's kind (大党课 / 党课 / 主题党日 …). */
export function kindLabel(r: Pick<AttendanceRow, 'eventKind' | 'meeting'>): string {
  if (r.eventKind === 'meeting') return (r.meeting && STUDY_SESSIONS.meetings[r.meeting.kind]) || '组织生活';
  return STUDY_SESSIONS.events[r.eventKind] ?? '活动';
}

export interface CountedSession {
  eventId: string;
  kind: string;
  title: string;
  day: string;
  startAt: string;
  endAt: string;
  /** 学时 of the session itself (before the day's cap). */
  hours: number;
  /** The member signed in by scanning (false: ticked by hand and confirmed at 核实). */
  scanned: boolean;
}

/**
 * The counted sessions of `rows` that start in park year `year`, oldest first, and the year's
 * total: per park day the sum of the sessions' lengths, capped at 8 学时, then summed.
 */
export function tallyYear(rows: AttendanceRow[], year: number): { minutes: number; hours: number; sessions: CountedSession[] } {
  const counted = rows
    .filter((r) => inPark(r.startAt).year() === year && whyNotCounted(r) === null)
    .sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime());
  const perDay = new Map<string, number>();
  const sessions = counted.map((r) => {
    const day = inPark(r.startAt).format('YYYY-MM-DD');
    const m = sessionMinutes(r.startAt, r.endAt);
    perDay.set(day, (perDay.get(day) ?? 0) + m);
    return {
      eventId: r.eventId,
      kind: kindLabel(r),
      title: r.eventKind === 'meeting' ? r.meeting?.topic || r.title : r.title,
      day,
      startAt: new Date(r.startAt).toISOString(),
      endAt: new Date(r.endAt).toISOString(),
      hours: hoursOf(m),
      scanned: !r.recordedBy,
    };
  });
  let minutes = 0;
  for (const m of perDay.values()) minutes += Math.min(m, DAY_CAP_MINUTES);
  return { minutes, hours: hoursOf(minutes), sessions };
}
