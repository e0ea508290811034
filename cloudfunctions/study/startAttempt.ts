import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { QuizAttemptDoc, QuizQuestionDoc } from './docs';
import { drawIds } from './quiz';
import { ANSWERING_FIELDS, answeringView, attemptId, inOrder, questionForAnswering, quizIdParam, quizWithAttempts, quizState, quizView } from './quizShared';

/** The most questions one bank may hold (one read of its ids). */
export const BANK_MAX = 1000;


/**
 * Starts (or resumes) an attempt: `questionCount` distinct random questions of the quiz's bank,
 * read with only stem, type and options — the answer key is not read on this path at all, so
 * it cannot leak into the reply. The deadline is fixed now, on the
 * server (never later than the quiz's close).
 *
 * Attempt limit: the attempt's id is `<quiz>:<openid>:<n>` (plus a unique index on the three)
 * with n = attempts so far + 1 and n ≤ maxAttempts, so no interleaving of starts can create more
 * than maxAttempts attempts; two simultaneous starts create one, and both get it. An attempt
 * still running is resumed instead of spending another.
 *
 * Round trips (issue 19): the quiz, the caller's membership and their attempts come in one
 * aggregation; then the bank's ids, the drawn questions and the insert — 4 besides the caller.
 */
export const startAttempt = action({
  roles: ['member'],
  params: z.strictObject({ quizId: quizIdParam }),
  async handler({ quizId }, { caller }) {
    const { quiz, attempts: mine } = await quizWithAttempts(caller, quizId);
    const now = Date.now();
    const state = quizState(quiz, now);
    if (state === 'upcoming') throw new AppError('CLOSED', '竞赛尚未开始，请在开始时间后再来。');
    if (state === 'closed') throw new AppError('CLOSED', '竞赛已结束，可以在“我的学习”中查看以往成绩。');

    const attempts = col('quizAttempts');
    const running = mine.find((a) => !a.submittedAt && new Date(a.deadline).getTime() > now);
    if (running) return answeringView(running, quiz, now);
    if (mine.length >= quiz.maxAttempts) throw new AppError('CLOSED', `每人最多作答 ${quiz.maxAttempts} 次，您的次数已用完，可以查看以往的答题解析。`);

    // Draw ids only, then read the drawn questions' answering fields. Not `$sample`: MongoDB (and
    // so CloudBase) may return one document twice from it, and a paper with a repeated question
    // is wrong. A bank is at most BANK_MAX questions, so its id list is one small read.
    const { data: pool } = await col('quizQuestions').where({ bank: quiz.bank, active: true }).field({ _id: true }).limit(BANK_MAX).get();
    if (pool.length === 0) throw new AppError('CLOSED', '题库暂无题目，请联系党务管理员。');
    const ids = drawIds(pool.map((q) => q._id), quiz.questionCount);
    const { data: read } = await col('quizQuestions').where({ _id: cmd().in(ids) }).field(ANSWERING_FIELDS).limit(BANK_MAX).get();
    const drawn = inOrder(ids, read as WithId<Pick<QuizQuestionDoc, 'type' | 'stem' | 'options'>>[]);

    const n = mine.length + 1;
    const id = attemptId(quizId, caller.openid, n);
    const attempt: QuizAttemptDoc = {
      quizId,
      openid: caller.openid,
      attemptNo: n,
      questionIds: drawn.map((q) => q._id),
      startedAt: new Date(now),
      deadline: new Date(Math.min(now + quiz.timeLimitSeconds * 1000, new Date(quiz.closesAt).getTime())),
      submittedAt: null,
      answers: null,
      correct: null,
      total: drawn.length,
      score: null,
    };
    try {
      await attempts.add({ _id: id, ...attempt });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another tap started this same attempt a moment ago: answer with that one.
      const [other] = (await attempts.doc(id).get()).data;
      if (other && !other.submittedAt && new Date(other.deadline).getTime() > now) return answeringView(other, quiz, now);
      throw new AppError('CONFLICT', '答题状态已变化，请返回竞赛页面刷新。');
    }
    return {
      attemptId: id,
      status: 'answering' as const,
      quiz: quizView(quiz, now),
      attemptNo: n,
      startedAt: attempt.startedAt,
      deadline: attempt.deadline,
      serverNow: new Date(now),
      questions: drawn.map(questionForAnswering),
    };
  },
});
