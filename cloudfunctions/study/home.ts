import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { monthLabel, parkMonth } from './calendar';
import { groupSummary, monthKey, standing, topicKey } from './shared';

/**
 * The 学习 tab in one call: the groups a person is in (and, for secretaries and admins, the
 * groups they run), each with this month's topic title and the person's own standing.
 * Three rounds of parallel reads; nothing is counted in JS beyond the person's own rows.
 */
export const home = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const month = parkMonth();
    const isAdmin = caller.is('admin');
    const [memberships, branches] = await Promise.all([
      col('studyMembers').where({ openid: caller.openid }).orderBy('joinedAt', 'asc').limit(100).get(),
      caller.is('secretary') ? col('branches').where({ secretaryOpenid: caller.openid }).field({ _id: true }).get() : Promise.resolve({ data: [] as { _id: string }[] }),
    ]);
    const memberOf = new Set(memberships.data.map((m) => m.groupId));
    const branchIds = branches.data.map((b) => b._id);
    const mine = [{ _id: _.in([...memberOf]) }, { ownerOpenid: caller.openid }, ...(branchIds.length ? [{ branchId: _.in(branchIds) }] : [])];
    const [groups, progress] = await Promise.all([
      // A closed group (closeGroup, G-13) leaves the list; its history stays reachable by id.
      (isAdmin ? col('studyGroups').where({ closedAt: _.eq(null) }).orderBy('createdAt', 'asc') : col('studyGroups').where(_.and([_.or(mine), { closedAt: _.eq(null) }]))).limit(200).get(),
      memberOf.size ? col('studyProgress').where({ _id: _.in([...memberOf].map((g) => monthKey(g, month, caller.openid))) }).get() : Promise.resolve({ data: [] }),
    ]);
    const ids = groups.data.map((g) => g._id);
    const topics = ids.length ? (await col('studyTopics').where({ _id: _.in(ids.map((g) => topicKey(g, month))) }).get()).data : [];
    const topicOf = new Map(topics.map((t) => [t.groupId, t]));
    const progressOf = new Map(progress.data.map((p) => [p.groupId, p]));
    const list = groups.data.map((g) => {
      const topic = topicOf.get(g._id) ?? null;
      const member = memberOf.has(g._id);
      return {
        ...groupSummary(g),
        member,
        // The rule of isManager (shared.ts), from what this call has already read.
        manager: isAdmin || (g.branchId ? branchIds.includes(g.branchId) : caller.is('secretary') && g.ownerOpenid === caller.openid),
        topicTitle: topic?.title ?? null,
        standing: member ? standing(topic, progressOf.get(g._id)) : null,
      };
    });
    // The person's own groups first, then the ones they only run.
    list.sort((a, b) => Number(b.member) - Number(a.member));
    return { month, monthLabel: monthLabel(month), groups: list, canCreate: isAdmin || caller.is('secretary'), isMember: caller.is('member') };
  },
});
