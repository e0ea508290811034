import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { keptBranches } from './months';
import { idParam, nameMaps } from './roster';
import { POST_KINDS, thisYear, yearParam } from './review';

/**
 * 党员先锋岗 / 示范岗 of a branch for a year (default: this year), as the branch page shows them to
 * anyone: the member's name, the kind, the post's title and the enterprise — nothing else from the
 * roster. A member who erased their data is not shown (their name is gone). The branch's keepers
 * also get the memberId, to correct or take back a designation.
 */
export const listPosts = action({
  roles: 'anyone',
  params: z.strictObject({ branchId: idParam, year: yearParam.optional() }),
  async handler({ branchId, year: y }, { caller }) {
    const year = y ?? thisYear();
    const _ = cmd();
    const [{ data: posts }, kept] = await Promise.all([
      col('partyPosts').where({ branchId, year }).limit(1000).get(),
      caller.is('secretary') || caller.is('admin') ? keptBranches(caller) : Promise.resolve([] as string[]),
    ]);
    const keeper = kept === null || kept.includes(branchId);
    const ids = [...new Set(posts.map((p) => p.memberId))];
    const [{ data: people }, names] = await Promise.all([
      ids.length ? col('partyMembers').where({ _id: _.in(ids) }).field({ name: true }).limit(ids.length).get() : Promise.resolve({ data: [] as { _id: string; name: string }[] }),
      nameMaps([], posts.map((p) => p.enterpriseId)),
    ]);
    const name = new Map(people.map((p) => [p._id, p.name]));
    const items = posts
      .filter((p) => !!name.get(p.memberId))
      .map((p) => ({
        kind: p.kind,
        title: p.title,
        name: name.get(p.memberId) as string,
        enterpriseName: p.enterpriseId ? (names.enterprise.get(p.enterpriseId) ?? '') : '',
        ...(keeper ? { memberId: p.memberId } : {}),
      }))
      .sort((a, b) => POST_KINDS.indexOf(a.kind) - POST_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
    return { branchId, year, canEdit: keeper, items };
  },
});
