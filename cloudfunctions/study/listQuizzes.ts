import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { quizView } from './quizShared';

/** Recently closed quizzes stay listed this long, so people can find their results. */
const CLOSED_SHOWN_DAYS = 60;

/**
 * Quizzes the caller can take (park-wide ones and those of their groups), with their own
 * attempts used and best score — their own only: nothing here compares people.
 */
export const listQuizzes = action({
  roles: ['member', 'secretary', 'admin'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const $ = _.aggregate;
    const { data: memberships } = await col('studyMembers').where({ openid: caller.openid }).field({ groupId: true }).limit(100).get();
    const groupIds = memberships.map((m) => m.groupId);
    const since = new Date(Date.now() - CLOSED_SHOWN_DAYS * 86400_000);
    const scope = caller.is('admin') ? {} : { groupId: _.in([null, ...groupIds]) };
    const { data: quizzes } = await col('quizzes').where({ ...scope, closesAt: _.gt(since) }).orderBy('closesAt', 'desc').limit(50).get();
    const ids = quizzes.map((q) => q._id);
    const mine = ids.length
      ? ((await col('quizAttempts')
          .aggregate()
          .match({ openid: caller.openid, quizId: _.in(ids) })
          .group({ _id: '$quizId', used: $.sum(1), best: $.max('$score'), submitted: $.sum($.cond([$.eq(['$submittedAt', null]), 0, 1])) })
          // one row per listed quiz (≤ 50); without a final limit CloudBase answers 20 rows
          .limit(ids.length)
          .end()) as { data: { _id: string; used: number; best: number | null; submitted: number }[] }).data
      : [];
    const mineOf = new Map(mine.map((m) => [m._id, m]));
    const now = Date.now();
    return quizzes.map((q) => {
      const m = mineOf.get(q._id);
      return { ...quizView(q, now), attemptsUsed: m?.used ?? 0, bestScore: m && m.submitted > 0 ? m.best : null };
    });
  },
});
