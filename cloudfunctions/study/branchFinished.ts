/**
 * Who finished each month's topic of their branch's own study group, for the star rating's
 * 党员学习完成率 (org/evidence.ts, finding G-01). The same definition of "finished" as
 * groupCompletion (every material of the month's topic read and a 自学记录 written), counted by
 * the database; only branch groups (`kind: 'branch'`) count, and only for their own branch — a
 * topic group, or another branch's group, never finishes a month for this branch (G-07).
 * The rating divides by the branch's members of each month (org/members.ts), so a member who
 * joined no group counts as not finished rather than disappearing from the figure.
 * Two aggregations for every branch and month together.
 */
import { cmd, col } from '../../server/core/db';

export interface BranchStudy {
  /** `<branchId>|<month>` of every month a branch group of the branch has a topic for. */
  topics: Set<string>;
  /** `<branchId>|<month>` → openids who finished that month's topic of a group of that branch. */
  finished: Map<string, Set<string>>;
}

/** Rows of either aggregation at most: branches × months, and members × months — far above a park's. */
const ROWS_MAX = 100_000;

export async function branchStudyFinished(branchIds: string[], months: string[]): Promise<BranchStudy> {
  const out: BranchStudy = { topics: new Set(), finished: new Map() };
  if (!branchIds.length || !months.length) return out;
  const _ = cmd();
  const $ = _.aggregate;
  const groups = (await col('studyGroups').where({ kind: 'branch', branchId: _.in(branchIds) }).field({ branchId: true, closedMonth: true }).limit(1000).get()).data;
  if (!groups.length) return out;
  const branchOf = new Map(groups.map((g) => [g._id, g.branchId as string]));
  // A closed group (closeGroup, G-13) counts up to the month it was closed in, not after.
  const closedIn = new Map(groups.map((g) => [g._id, (g.closedMonth as string | null | undefined) ?? null]));
  const counts = (g: string, m: string) => { const c = closedIn.get(g); return !c || m <= c; };
  const groupIds = [...branchOf.keys()];
  const [topics, done] = (await Promise.all([
    col('studyTopics').aggregate().match({ groupId: _.in(groupIds), month: _.in(months) }).group({ _id: { g: '$groupId', m: '$month' } }).limit(ROWS_MAX).end(),
    col('studyProgress')
      .aggregate()
      .match({ groupId: _.in(groupIds), month: _.in(months) })
      .addFields({ topicKey: $.concat(['$groupId', ':', '$month']) })
      .lookup({ from: 'studyTopics', localField: 'topicKey', foreignField: '_id', as: 'topic' })
      .unwind('$topic')
      .project({ groupId: 1, month: 1, openid: 1, allRead: $.setIsSubset([{ $ifNull: ['$topic.materials.id', []] }, { $ifNull: ['$readIds', []] }]), recorded: $.gt([{ $ifNull: ['$recordChars', 0] }, 0]) })
      .match({ allRead: true, recorded: true })
      .group({ _id: { g: '$groupId', m: '$month', o: '$openid' } })
      .limit(ROWS_MAX)
      .end(),
  ])) as [{ data: { _id: { g: string; m: string } }[] }, { data: { _id: { g: string; m: string; o: string } }[] }];
  for (const t of topics.data) if (counts(t._id.g, t._id.m)) out.topics.add(`${branchOf.get(t._id.g)}|${t._id.m}`);
  for (const d of done.data) {
    if (!counts(d._id.g, d._id.m)) continue;
    const key = `${branchOf.get(d._id.g)}|${d._id.m}`;
    out.finished.set(key, (out.finished.get(key) ?? new Set()).add(d._id.o));
  }
  return out;
}
