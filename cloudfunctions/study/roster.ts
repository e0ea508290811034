/**
 * A group's month as its managers see it: who counts in the group that month and where each
 * person stands. The figures come from an aggregation in the database (numbers only); the list is
 * bounded reads of who counts and their names — never a ranking: people are ordered "not finished
 * first", then by name, and no score or time appears.
 *
 * Who counts (issue 21, findings G-07/G-08):
 * - a BRANCH group counts the Party-member roster of its branch in that month (party's dated
 *   stretches): members who never joined the group count as unfinished and are listed, members of
 *   other branches never count, and a later join, transfer, removal or erasure never changes a
 *   month already over (an erased member's progress is found under the pseudonym it moved to);
 * - a TOPIC group (cross-branch, opt-in) counts whoever had joined it by the month's end.
 * `current` says whether the person still belongs now (role, branch): only they are reminded.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { rosterOf } from '../party/public';
import type { StudyGroupDoc, StudyTopicDoc } from './docs';
import { monthRange } from './calendar';
import { monthFigures } from './groupCompletion';
import { getTopic, standing } from './shared';

/** Bound of a group's size the roster reads in one call (CloudBase's own limit per read). */
export const ROSTER_MAX = 1000;

/** Shown for a roster row whose name was blanked by 删除我的数据. */
export const ERASED_NAME = '（已删除个人信息）';

interface Counted {
  /** The id progress rows are filed under (openid, or the pseudonym after erasure); null = unbound. */
  key: string | null;
  memberId: string | null;
  name: string | null;
  joined: boolean;
  /** Still a member of the group's branch now (branch groups) and still holds the member role. */
  inBranchNow: boolean;
}

export async function monthRoster(group: WithId<StudyGroupDoc>, month: string) {
  const _ = cmd();
  const groupId = group._id;
  const branch = group.kind === 'branch' && group.branchId ? group.branchId : null;
  const [topic, members, roster] = await Promise.all([
    getTopic(groupId, month),
    col('studyMembers').where({ groupId }).orderBy('joinedAt', 'asc').limit(ROSTER_MAX).get(),
    branch ? rosterOf(branch, month) : Promise.resolve(null),
  ]);
  const joined = new Set(members.data.map((m) => m.openid));
  const monthEnd = monthRange(month).end.getTime();
  const counted: Counted[] = roster
    ? roster.map((p) => ({ key: p.openid ?? p.erasedAs, memberId: p.memberId, name: p.name || (p.openid ? null : ERASED_NAME), joined: !!p.openid && joined.has(p.openid), inBranchNow: !!p.openid && p.active && p.currentBranchId === branch }))
    : members.data.filter((m) => new Date(m.joinedAt).getTime() < monthEnd).map((m) => ({ key: m.openid, memberId: null, name: null, joined: true, inBranchNow: true }));
  const keys = counted.flatMap((c) => (c.key ? [c.key] : []));
  const [rows, users, figures] = await Promise.all([
    keys.length ? col('studyProgress').where({ groupId, month, openid: _.in(keys) }).field({ openid: true, readIds: true, recordChars: true }).limit(ROSTER_MAX).get() : Promise.resolve({ data: [] }),
    keys.length ? col('users').where({ _id: _.in(keys) }).field({ profile: true, roles: true }).limit(ROSTER_MAX).get() : Promise.resolve({ data: [] }),
    monthFigures(groupId, month, keys, counted.length, topic),
  ]);
  const rowOf = new Map(rows.data.map((r) => [r.openid, r]));
  const userOf = new Map(users.data.map((u) => [u._id, u]));
  const people = counted
    .map((c) => {
      const user = c.key ? userOf.get(c.key) : undefined;
      return {
        openid: c.key && user ? c.key : null,
        memberId: c.memberId,
        name: c.name || user?.profile?.name || '未填写姓名',
        joined: c.joined,
        bound: !!user,
        current: !!user && (user.roles ?? []).includes('member') && c.inBranchNow,
        ...standing(topic, c.key ? rowOf.get(c.key) : undefined),
      };
    })
    .sort((a, b) => Number(a.finished) - Number(b.finished) || a.name.localeCompare(b.name, 'zh-CN'));
  return { topic: topic as WithId<StudyTopicDoc> | null, figures, people };
}
