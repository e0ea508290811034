import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, during } from '../../server/core/db';
import { addWeeks, parkWeek, parkYear, yearRange } from './calendar';
import { studyStreak } from './streak';

/** How far back the streak looks (it ends at the second missed week anyway). */
const STREAK_LOOKBACK_WEEKS = 104;

/**
 * "Points without pressure": the caller's own year — materials studied, records written, best
 * quiz scores, Party lectures attended (from the check-in rows of lecture events) and a study
 * streak that forgives a missed week. Only the caller's own numbers: no ranking, no study time.
 * Two rounds of parallel reads; the counting is done by the database.
 */
export const myProgress = action({
  roles: ['member'],
  params: z.strictObject({ year: z.number().int().min(2020).max(2100).optional() }),
  async handler(p, { caller }) {
    const _ = cmd();
    const $ = _.aggregate;
    const openid = caller.openid;
    const year = p.year ?? parkYear();
    const { start, end } = yearRange(year);
    const thisWeek = parkWeek();

    const [study, quizzes, lectures, activity, memberships] = await Promise.all([
      col('studyProgress')
        .aggregate()
        .match({ openid, month: _.gte(`${year}-01`).and(_.lte(`${year}-12`)) })
        .group({ _id: null, read: $.sum($.size('$readIds')), records: $.sum($.cond([$.gt(['$recordChars', 0]), 1, 0])) })
        .limit(1)
        .end() as Promise<{ data: { read: number; records: number }[] }>,
      col('quizAttempts')
        .aggregate()
        .match({ openid, submittedAt: _.neq(null), startedAt: during(start, end) })
        .group({ _id: '$quizId', best: $.max('$score'), attempts: $.sum(1), last: $.max('$submittedAt') })
        .lookup({ from: 'quizzes', localField: '_id', foreignField: '_id', as: 'quiz' })
        .sort({ last: -1 })
        .limit(50)
        .end() as Promise<{ data: { _id: string; best: number; attempts: number; quiz: { title: string }[] }[] }>,
      col('events').where({ kind: 'lecture', startAt: during(start, end) }).orderBy('startAt', 'asc').limit(100).get(),
      col('studyActivity').where({ openid, week: _.gte(addWeeks(thisWeek, -STREAK_LOOKBACK_WEEKS)) }).field({ week: true }).limit(200).get(),
      col('studyMembers').where({ openid }).field({ groupId: true }).limit(100).get(),
    ]);

    const mine = new Set(memberships.data.map((m) => m.groupId));
    // Park-wide lectures and those of the caller's own groups.
    const visible = lectures.data.filter((e) => !e.refId || mine.has(e.refId));
    const ids = visible.map((e) => e._id);
    const { data: attended } = ids.length
      ? await col('checkins').where({ openid, eventId: _.in(ids) }).field({ eventId: true, at: true }).limit(100).get()
      : { data: [] as { eventId: string | null; at: Date }[] };
    const attendedAt = new Map(attended.map((c) => [c.eventId, c.at]));
    const now = Date.now();

    const weeks = new Set(activity.data.map((a) => a.week));
    for (const c of attended) weeks.add(parkWeek(new Date(c.at)));
    const s = study.data[0];
    return {
      year,
      materialsRead: s?.read ?? 0,
      recordsWritten: s?.records ?? 0,
      quizzes: quizzes.data.map((q) => ({ quizId: q._id, title: q.quiz?.[0]?.title ?? '（已删除的竞赛）', bestScore: q.best, attempts: q.attempts })),
      lectures: visible.map((e) => ({
        id: e._id,
        title: e.title,
        place: e.place,
        startAt: e.startAt,
        endAt: e.endAt,
        attended: attendedAt.has(e._id),
        attendedAt: attendedAt.get(e._id) ?? null,
        past: new Date(e.endAt).getTime() < now,
      })),
      lecturesAttended: attended.length,
      streak: studyStreak(weeks, thisWeek),
    };
  },
});
