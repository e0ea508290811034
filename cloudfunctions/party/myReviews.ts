import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { nameMaps } from './roster';
import { reviewView } from './review';

/**
 * The caller's own 民主评议 results and 先锋岗/示范岗 designations, through the roster row bound to
 * them (none: empty lists). What the branch records about a member, shown to that member only.
 */
export const myReviews = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const { data } = await col('partyMembers').where({ bindKey: caller.openid }).field({ _id: true }).limit(1).get();
    const m = data[0];
    if (!m) return { reviews: [], posts: [] };
    const [reviews, posts] = await Promise.all([
      col('partyReviews').where({ memberId: m._id }).orderBy('year', 'desc').limit(100).get(),
      col('partyPosts').where({ memberId: m._id }).orderBy('year', 'desc').limit(100).get(),
    ]);
    const names = await nameMaps(posts.data.map((p) => p.branchId), posts.data.map((p) => p.enterpriseId));
    return {
      reviews: reviews.data.map(reviewView).map(({ problem: _problem, ...r }) => r),
      posts: posts.data.map((p) => ({ year: p.year, kind: p.kind, title: p.title, branchName: names.branch.get(p.branchId) ?? '', enterpriseName: p.enterpriseId ? (names.enterprise.get(p.enterpriseId) ?? '') : '' })),
    };
  },
});
