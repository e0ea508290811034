/**
 * A group's month as its managers see it: who is in the group and where each person stands.
 * The figures come from an aggregation in the database (numbers only); the roster is one
 * bounded listing of the group's member rows and names — never a ranking: people are ordered
 * "not finished first", then by name, and no score or time appears.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import type { StudyTopicDoc } from './docs';
import { monthFigures } from './groupCompletion';
import { getTopic, standing } from './shared';

/** Bound of a group's size the roster reads in one call (CloudBase's own limit per read). */
export const ROSTER_MAX = 1000;

export async function monthRoster(groupId: string, month: string) {
  const _ = cmd();
  const [topic, members] = await Promise.all([
    getTopic(groupId, month),
    col('studyMembers').where({ groupId }).orderBy('joinedAt', 'asc').limit(ROSTER_MAX).get(),
  ]);
  const openids = members.data.map((m) => m.openid);
  const [rows, users, figures] = await Promise.all([
    openids.length ? col('studyProgress').where({ groupId, month }).field({ openid: true, readIds: true, recordChars: true }).limit(ROSTER_MAX).get() : Promise.resolve({ data: [] }),
    openids.length ? col('users').where({ _id: _.in(openids) }).field({ profile: true }).limit(ROSTER_MAX).get() : Promise.resolve({ data: [] }),
    monthFigures(groupId, month, openids, topic),
  ]);
  const rowOf = new Map(rows.data.map((r) => [r.openid, r]));
  const nameOf = new Map(users.data.map((u) => [u._id, u.profile?.name ?? '']));
  const people = members.data
    .map((m) => ({ openid: m.openid, name: nameOf.get(m.openid) || '未填写姓名', via: m.via, joinedAt: m.joinedAt, ...standing(topic, rowOf.get(m.openid)) }))
    .sort((a, b) => Number(a.finished) - Number(b.finished) || a.name.localeCompare(b.name, 'zh-CN'));
  return { topic: topic as WithId<StudyTopicDoc> | null, figures, people };
}
