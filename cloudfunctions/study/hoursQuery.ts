/**
 * The database side of 集中学习学时 (rules in learningHours.ts). Attendance is the check-in rows of
 * sign-in events (a scan, or a secretary's tick with `recordedBy`), joined to their event and, for
 * a branch meeting, to its organisation-life record (event.refId). Each read is ONE aggregation.
 */
import { cmd, col, during } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { PARK_TZ } from '../../server/core/time';
import { yearRange } from './calendar';
import { DAY_CAP_MINUTES, STUDY_EVENT_KINDS, STUDY_MEETING_KINDS, type AttendanceRow } from './learningHours';

/** Far above a year of one person's sessions (or a branch's people): reaching it is an error, never a silent cut. */
const ROW_LIMIT = 1000;

/** check-ins of `openids` → their event in `year` (study kinds only) → the meeting's record. */
function attendance(openids: string[], year: number) {
  const _ = cmd();
  const { start, end } = yearRange(year);
  return col('checkins')
    .aggregate()
    .match({ openid: openids.length === 1 ? openids[0] : _.in(openids), kind: 'event', guest: _.neq(true) })
    .lookup({ from: 'events', localField: 'eventId', foreignField: '_id', as: 'e' })
    .unwind('$e')
    .match({ 'e.kind': _.in([...STUDY_EVENT_KINDS, 'meeting']), 'e.startAt': during(start, end) })
    .lookup({ from: 'orgLife', localField: 'e.refId', foreignField: '_id', as: 'r' })
    .unwind({ path: '$r', preserveNullAndEmptyArrays: true });
}

/** The member's study-kind attendance rows of `year`, for the rules to count and list. */
export async function attendanceRows(openid: string, year: number): Promise<AttendanceRow[]> {
  const { data } = (await attendance([openid], year)
    .project({
      _id: 0, eventId: 1, recordedBy: 1, guest: 1, eventKind: '$e.kind', title: '$e.title', startAt: '$e.startAt', endAt: '$e.endAt',
      meeting: { kind: '$r.kind', topic: '$r.topic', state: '$r.state', confirmedBy: '$r.confirmedBy' },
    })
    .limit(ROW_LIMIT)
    .end()) as { data: (AttendanceRow & { meeting?: { kind?: string } })[] };
  if (data.length >= ROW_LIMIT) throw new AppError('INTERNAL', '学时记录过多，暂时无法统计，请联系管理员。');
  return data.map((r) => ({ ...r, meeting: r.eventKind === 'meeting' && r.meeting?.kind ? r.meeting : null }));
}

/**
 * Counted minutes per person over `year`, computed by the database with the SAME rule as
 * learningHours.whyNotCounted (the integration test holds the two equal): the counted rows,
 * summed per person and park day, each day capped, then summed per person. One row per person
 * who has any; `openids` is a branch's roster (far fewer than ROW_LIMIT).
 */
export async function countedMinutes(openids: string[], year: number): Promise<Map<string, { minutes: number; sessions: number }>> {
  const out = new Map<string, { minutes: number; sessions: number }>();
  if (!openids.length) return out;
  const $ = cmd().aggregate;
  const none = (path: string) => $.eq([$.ifNull([path, null]), null]);
  const counted = $.or([
    $.and([$.in(['$e.kind', STUDY_EVENT_KINDS]), none('$recordedBy')]),
    $.and([
      $.eq(['$e.kind', 'meeting']),
      $.in([$.ifNull(['$r.kind', '']), STUDY_MEETING_KINDS]),
      // No state: written before 核实 existed, reads as 'counted' (org/docs.ts).
      $.eq([$.ifNull(['$r.state', 'counted']), 'counted']),
      $.or([none('$recordedBy'), $.not([none('$r.confirmedBy')])]),
    ]),
  ]);
  const { data } = (await attendance(openids, year)
    .project({
      _id: 0,
      openid: 1,
      counted,
      day: $.dateToString({ date: '$e.startAt', format: '%Y-%m-%d', timezone: PARK_TZ }),
      m: $.max([0, $.divide([$.subtract(['$e.endAt', '$e.startAt']), 60000])]),
    })
    .match({ counted: true })
    .group({ _id: { openid: '$openid', day: '$day' }, m: $.sum('$m'), n: $.sum(1) })
    .project({ _id: 0, openid: '$_id.openid', n: 1, m: $.cond([$.gt(['$m', DAY_CAP_MINUTES]), DAY_CAP_MINUTES, '$m']) })
    .group({ _id: '$openid', minutes: $.sum('$m'), sessions: $.sum('$n') })
    .limit(ROW_LIMIT)
    .end()) as { data: { _id: string; minutes: number; sessions: number }[] };
  for (const r of data) out.set(r._id, { minutes: r.minutes, sessions: r.sessions });
  return out;
}

/** Which of `openids` are the secretary of a branch now (target 56; see learningHours.ts). One query. */
export async function leadersAmong(openids: string[]): Promise<Set<string>> {
  if (!openids.length) return new Set();
  const _ = cmd();
  const { data } = await col('branches')
    .where({ secretaryOpenid: openids.length === 1 ? openids[0] : _.in(openids) })
    .field({ secretaryOpenid: true })
    .limit(ROW_LIMIT)
    .get();
  return new Set(data.map((b) => b.secretaryOpenid).filter((o): o is string => !!o));
}
