import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { grade } from './quiz';
import { markActivity } from './shared';
import { attemptIdParam, inOrder, quizWithAttempts, resultView, SUBMIT_GRACE_MS } from './quizShared';

/**
 * Submits an attempt's answers; the server grades them. Exactly once and only in time, by one
 * conditional update: `where({ _id, openid, submittedAt: null, deadline > now − grace })`. A
 * second submit (a double tap, a retry, another device) or a late one matches nothing and is
 * refused — CONFLICT when already submitted, CLOSED when too late — and the first stays.
 */
export const submitAttempt = action({
  roles: ['member'],
  params: z.strictObject({
    attemptId: attemptIdParam,
    answers: z
      .array(z.strictObject({ questionId: z.string().min(1).max(64), choice: z.array(z.number().int().min(0).max(9)).max(10) }))
      .max(100),
  }),
  async handler({ attemptId, answers }, { caller }) {
    const attempts = col('quizAttempts');
    // The id is `<quiz>:<openid>:<n>`: the quiz is known before anything is read, so the quiz,
    // the caller's attempts (this one among them) and their questions come in one request.
    const quizId = attemptId.split(':')[0];
    const { quiz, attempts: mine } = await quizWithAttempts(caller, quizId).catch((err) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', '没有找到这次答题记录，请返回竞赛页面重新开始。');
      throw err;
    });
    const attempt = mine.find((a) => a._id === attemptId);
    if (!attempt || attempt.openid !== caller.openid) throw new AppError('NOT_FOUND', '没有找到这次答题记录，请返回竞赛页面重新开始。');
    const now = Date.now();
    if (attempt.submittedAt) throw new AppError('CONFLICT', '本次答题已经提交过了，不能重复提交，请查看答题结果。');
    if (now > new Date(attempt.deadline).getTime() + SUBMIT_GRACE_MS) throw new AppError('CLOSED', '答题时间已到，本次作答未能提交；可以查看解析，或在次数内重新作答。');

    const questions = await col('quizQuestions').where({ _id: cmd().in(attempt.questionIds) }).limit(200).get();
    const ordered = inOrder(attempt.questionIds, questions.data);
    const graded = grade(ordered.map((q) => ({ id: q._id, type: q.type, options: q.options, answer: q.answer })), answers);
    const submittedAt = new Date(now);
    const stored = graded.items.map((i) => ({ questionId: i.id, choice: i.choice }));

    const { updated } = await attempts
      .where({ _id: attemptId, openid: caller.openid, submittedAt: null, deadline: cmd().gt(new Date(now - SUBMIT_GRACE_MS)) })
      .update({ submittedAt, answers: stored, correct: graded.correct, score: graded.score });
    if (!updated) {
      const [again] = (await attempts.doc(attemptId).get()).data;
      if (again?.submittedAt) throw new AppError('CONFLICT', '本次答题已经提交过了，不能重复提交，请查看答题结果。');
      throw new AppError('CLOSED', '答题时间已到，本次作答未能提交；可以查看解析，或在次数内重新作答。');
    }
    await markActivity(caller.openid, submittedAt);
    // Attempts used: those read above (submitting never adds one).
    return resultView({ ...attempt, submittedAt, answers: stored, correct: graded.correct, score: graded.score }, quiz, mine.length, questions.data);
  },
});
