/**
 * What "finished the month" means in a study group, in one place: every material of the month's
 * topic marked read AND a 自学记录 written. The definition is an aggregation expression, so the
 * database counts it — for one group's month (`monthFigures`: the secretaries' completion page and
 * reminders) and for every group and month of a period (`groupCompletion`: the admin dashboard and
 * the study-completion export). The same people count in both: the month's roster of a branch
 * group's branch, the members who had joined a topic group by the month's end (study/roster.ts).
 */
import { cmd, col } from '../../server/core/db';
import { PARK_TZ } from '../../server/core/time';
import type { StudyTopicDoc } from './docs';

export interface MonthFigures {
  members: number;
  started: number;
  allRead: number;
  recorded: number;
  finished: number;
}

/** `allRead` and `recorded` of one progress row, given the topic's material ids and the row's fields (expressions or paths). */
function flags(ids: unknown, readIds: unknown, recordChars: unknown) {
  const $ = cmd().aggregate;
  return { allRead: $.setIsSubset([ids, readIds]), recorded: $.gt([recordChars, 0]) };
}

/** The sums a group stage needs from rows carrying `started` (0/1), `allRead` and `recorded`. */
function sums(started: unknown) {
  const $ = cmd().aggregate;
  return {
    started: $.sum(started),
    allRead: $.sum($.cond(['$allRead', 1, 0])),
    recorded: $.sum($.cond(['$recorded', 1, 0])),
    finished: $.sum($.cond([$.and(['$allRead', '$recorded']), 1, 0])),
  };
}

/**
 * One group's month, counted by the database over the progress rows of the people who count
 * (study/roster.ts): `openids` are the ids their rows are filed under, `members` how many count —
 * more than the ids when roster members are not bound to WeChat (they count, unfinished).
 */
export async function monthFigures(groupId: string, month: string, openids: string[], members: number, topic: Pick<StudyTopicDoc, 'materials'> | null): Promise<MonthFigures> {
  if (openids.length === 0) return { members, started: 0, allRead: 0, recorded: 0, finished: 0 };
  const _ = cmd();
  const ids = topic?.materials.map((m) => m.id) ?? [];
  const { data } = (await col('studyProgress')
    .aggregate()
    .match({ groupId, month, openid: _.in(openids) })
    .project(flags(ids, '$readIds', '$recordChars'))
    .group({ _id: null, ...sums(1) })
    .limit(1)
    .end()) as { data: Omit<MonthFigures, 'members'>[] };
  const f = data[0];
  return { members, started: f?.started ?? 0, allRead: f?.allRead ?? 0, recorded: f?.recorded ?? 0, finished: f?.finished ?? 0 };
}

export interface GroupMonth extends MonthFigures {
  groupId: string;
  groupName: string;
  kind: 'branch' | 'topic';
  month: string;
  topicTitle: string;
  /** finished ÷ members, 4 decimals; null for a group without members. */
  rate: number | null;
}

/** At most this many group-months come back (a year of ~40 groups); the export pages through them. */
export const GROUP_MONTHS_MAX = 500;

/**
 * Completion of every group that has a topic in the months `fromMonth`…`toMonth` (a month without a
 * topic has nothing to finish), one row per group and month, ordered by month then group name.
 * One aggregation whatever the data size. Who counts is study/roster.ts's rule, in the database:
 * a branch group's topic joins its branch's roster rows (party) and keeps those with a stretch
 * covering the month's first day — each row giving the id its progress is filed under (openid, or
 * the pseudonym after erasure; an unbound member has none and counts unfinished);
 * a topic group's topic joins the members who had joined by the month's end (park time). Then each
 * person their progress row of that month (by its key `<groupId>:<month>:<id>`), and the same flags
 * as `monthFigures` are summed per topic.
 */
export async function groupCompletion(fromMonth: string, toMonth: string, skip = 0, limit = GROUP_MONTHS_MAX): Promise<GroupMonth[]> {
  const _ = cmd();
  const $ = _.aggregate;
  // A stretch of the group's branch covering the month's first day (party/months.ts's rule).
  const covers = { $and: [{ $eq: ['$$s.branchId', '$rosterBranch'] }, { $lte: ['$$s.from', '$day'] }, { $or: [{ $eq: [{ $ifNull: ['$$s.to', null] }, null] }, { $gt: ['$$s.to', '$day'] }] }] };
  const belonged = { $gt: [{ $size: { $filter: { input: { $ifNull: ['$$r.stretches', []] }, as: 's', cond: covers } } }, 0] };
  const joinedBy = { $lte: [{ $dateToString: { date: '$$m.joinedAt', format: '%Y-%m', timezone: PARK_TZ } }, '$month'] };
  const { data } = (await col('studyTopics')
    .aggregate()
    .match({ month: _.gte(fromMonth).and(_.lte(toMonth)) })
    .project({ groupId: 1, month: 1, title: 1, ids: { $ifNull: ['$materials.id', []] }, day: $.concat(['$month', '-01']) })
    .lookup({ from: 'studyGroups', localField: 'groupId', foreignField: '_id', as: 'group' })
    .addFields({ group: { $arrayElemAt: ['$group', 0] } })
    // A closed group (closeGroup, G-13) counts up to the month it was closed in, not after.
    .addFields({ open: { $or: [{ $eq: [{ $ifNull: ['$group.closedMonth', null] }, null] }, { $lte: ['$month', '$group.closedMonth'] }] } })
    .match({ open: true })
    .addFields({ isBranch: { $and: [{ $eq: ['$group.kind', 'branch'] }, { $ne: [{ $ifNull: ['$group.branchId', null] }, null] }] } })
    // '' joins no row: only a branch group's topic reads the roster — the rows with a stretch in
    // the branch at any time (the stretches are on the row, issue 19), kept when one covers the month.
    .addFields({ rosterBranch: { $cond: ['$isBranch', '$group.branchId', ''] } })
    .lookup({ from: 'partyMembers', localField: 'rosterBranch', foreignField: 'stretches.branchId', as: 'rows' })
    .lookup({ from: 'studyMembers', localField: 'groupId', foreignField: 'groupId', as: 'joined' })
    .addFields({
      people: {
        $cond: [
          '$isBranch',
          { $map: { input: { $filter: { input: '$rows', as: 'r', cond: belonged } }, as: 'r', in: { memberId: '$$r._id', openid: { $ifNull: ['$$r.openid', null] }, erasedAs: { $ifNull: ['$$r.erasedAs', null] } } } },
          { $map: { input: { $filter: { input: '$joined', as: 'm', cond: joinedBy } }, as: 'm', in: { memberId: '', openid: '$$m.openid', erasedAs: null } } },
        ],
      },
    })
    .project({ rows: 0, joined: 0 })
    .unwind({ path: '$people', preserveNullAndEmptyArrays: true })
    .addFields({
      isMember: { $cond: [{ $ifNull: ['$people', false] }, true, false] },
      who: { $ifNull: ['$people.openid', '$people.erasedAs'] },
    })
    .addFields({ progressKey: $.concat(['$groupId', ':', '$month', ':', { $ifNull: ['$who', ''] }]) })
    .lookup({ from: 'studyProgress', localField: 'progressKey', foreignField: '_id', as: 'progress' })
    .addFields({ row: { $arrayElemAt: ['$progress', 0] } })
    .addFields({
      // An unbound roster member (no id) has no progress row, whatever the key would match.
      started: { $cond: [{ $and: [{ $ifNull: ['$who', false] }, { $ifNull: ['$row._id', false] }] }, 1, 0] },
      ...flags('$ids', { $ifNull: ['$row.readIds', []] }, { $ifNull: ['$row.recordChars', 0] }),
    })
    // A member with no progress row has read nothing (an empty topic is not "all read" for them).
    .addFields({ allRead: { $and: ['$allRead', { $eq: ['$started', 1] }] }, recorded: { $and: ['$recorded', { $eq: ['$started', 1] }] } })
    .group({ _id: { groupId: '$groupId', month: '$month' }, topicTitle: $.first('$title'), groupName: $.first('$group.name'), kind: $.first('$group.kind'), members: $.sum($.cond(['$isMember', 1, 0])), ...sums('$started') })
    .project({ _id: 0, groupId: '$_id.groupId', month: '$_id.month', topicTitle: 1, members: 1, started: 1, allRead: 1, recorded: 1, finished: 1, groupName: 1, kind: 1 })
    .sort({ month: 1, groupName: 1, groupId: 1 })
    .skip(skip)
    .limit(Math.min(limit, 1000))
    .end()) as { data: Omit<GroupMonth, 'rate'>[] };
  return data.map((r) => ({ ...r, groupName: r.groupName ?? '（已解散的小组）', kind: r.kind ?? 'topic', rate: r.members > 0 ? Math.round((r.finished / r.members) * 10000) / 10000 : null }));
}

/** How many group-months `groupCompletion` has for the months (one count: a topic is one group-month). */
export async function groupMonthCount(fromMonth: string, toMonth: string): Promise<number> {
  const _ = cmd();
  return (await col('studyTopics').where({ month: _.gte(fromMonth).and(_.lte(toMonth)) }).count()).total;
}

/**
 * How many have finished a group's month against `topic` as it stands, whoever they are: the topic
 * editor's warning before a new material turns them back to unfinished (findings G-11). One
 * aggregation; not a completion figure (that counts the month's roster, monthFigures).
 */
export async function finishedOfTopic(groupId: string, month: string, topic: Pick<StudyTopicDoc, 'materials'>): Promise<number> {
  const $ = cmd().aggregate;
  const { data } = (await col('studyProgress')
    .aggregate()
    .match({ groupId, month })
    .project(flags(topic.materials.map((m) => m.id), '$readIds', '$recordChars'))
    .group({ _id: null, finished: $.sum($.cond([$.and(['$allRead', '$recorded']), 1, 0])) })
    .limit(1)
    .end()) as { data: { finished: number }[] };
  return data[0]?.finished ?? 0;
}
