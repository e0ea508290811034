import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { quizFor, quizIdParam, quizView, SUBMIT_GRACE_MS } from './quizShared';

/** A quiz's page: its rules and the caller's own attempts (to resume one or read its result). */
export const getQuiz = action({
  roles: ['member', 'secretary', 'admin'],
  params: z.strictObject({ id: quizIdParam }),
  async handler({ id }, { caller }) {
    const quiz = await quizFor(caller, id);
    const { data } = await col('quizAttempts').where({ quizId: id, openid: caller.openid }).orderBy('attemptNo', 'asc').limit(50).get();
    const now = Date.now();
    return {
      quiz: quizView(quiz, now),
      attempts: data.map((a) => ({
        attemptId: a._id,
        attemptNo: a.attemptNo,
        startedAt: a.startedAt,
        status: a.submittedAt ? ('submitted' as const) : now > new Date(a.deadline).getTime() + SUBMIT_GRACE_MS ? ('expired' as const) : ('answering' as const),
        score: a.score,
        correct: a.correct,
        total: a.total,
      })),
    };
  },
});
