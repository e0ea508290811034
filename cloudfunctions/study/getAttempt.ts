import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { answeringView, attemptIdParam, quizFor, resultView, SUBMIT_GRACE_MS } from './quizShared';

/**
 * One of the caller's attempts: while it runs, the questions without answers (to resume after
 * closing the app); once submitted — or once its time is over, when it can no longer be
 * submitted — the result with the answers and explanations.
 */
export const getAttempt = action({
  roles: ['member'],
  params: z.strictObject({ attemptId: attemptIdParam }),
  async handler({ attemptId }, { caller }) {
    const [attempt] = (await col('quizAttempts').doc(attemptId).get()).data;
    if (!attempt || attempt.openid !== caller.openid) throw new AppError('NOT_FOUND', '没有找到这次答题记录，请返回竞赛页面。');
    const now = Date.now();
    const quiz = await quizFor(caller, attempt.quizId);
    const over = !!attempt.submittedAt || now > new Date(attempt.deadline).getTime() + SUBMIT_GRACE_MS;
    if (!over) return answeringView(attempt, quiz, now);
    const used = await col('quizAttempts').where({ quizId: attempt.quizId, openid: caller.openid }).count();
    return resultView(attempt, quiz, used.total);
  },
});
