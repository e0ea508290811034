/** What the quiz actions share: loading a quiz for a caller, and the two views of a question. */
import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { QuizAttemptDoc, QuizDoc, QuizQuestionDoc } from './docs';
import { grade, TYPE_LABEL } from './quiz';
import { memberKey } from './shared';

/** Network slack after the deadline: a submit sent in the last second still counts. */
export const SUBMIT_GRACE_MS = 10_000;

export const quizIdParam = z.string().trim().min(1).max(64);
/** `<quizId>:<openid>:<n>` */
export const attemptIdParam = z.string().trim().min(5).max(220).regex(/^[^:]+:[^:]+:\d{1,3}$/, '答题记录编号不正确');
export const attemptId = (quizId: string, openid: string, n: number) => `${quizId}:${openid}:${n}`;

export type QuizState = 'upcoming' | 'open' | 'closed';
export function quizState(q: Pick<QuizDoc, 'status' | 'opensAt' | 'closesAt'>, now = Date.now()): QuizState {
  if (q.status !== 'open' || now >= new Date(q.closesAt).getTime()) return 'closed';
  return now < new Date(q.opensAt).getTime() ? 'upcoming' : 'open';
}

/** The quiz, if the caller may take it: every member for a park-wide quiz, the group's members otherwise. */
export async function quizFor(caller: Caller, quizId: string): Promise<WithId<QuizDoc>> {
  const [quiz] = (await col('quizzes').doc(quizId).get()).data;
  if (!quiz) throw new AppError('NOT_FOUND', '竞赛不存在或已删除，请返回刷新。');
  if (quiz.groupId) {
    const [m] = (await col('studyMembers').doc(memberKey(quiz.groupId, caller.openid)).get()).data;
    requireEntry(caller, quiz, m != null);
  }
  return quiz;
}

/** Refuses a group's quiz to someone outside the group (admins may open any). */
export function requireEntry(caller: Caller, quiz: QuizDoc, isMember: boolean): void {
  if (quiz.groupId && !isMember && !caller.is('admin')) throw new AppError('FORBIDDEN', '这是学习小组内部的竞赛，加入该小组后才能参加。');
}

/**
 * The quiz, whether the caller may enter it and the caller's attempts at it, in ONE request (the
 * quiz joined with the caller's group membership and, by a constant sub-pipeline, their
 * attempts). Starting and submitting are what a whole branch taps in the same evening, so each
 * read saved here is a round trip per member (issue 19).
 */
export async function quizWithAttempts(caller: Caller, quizId: string): Promise<{ quiz: WithId<QuizDoc>; attempts: WithId<QuizAttemptDoc>[] }> {
  const _ = cmd();
  const $ = _.aggregate;
  const { data } = (await col('quizzes')
    .aggregate()
    .match({ _id: quizId })
    .addFields({ memberKey: $.concat([$.ifNull(['$groupId', '-']), `:${caller.openid}`]) })
    .lookup({ from: 'studyMembers', localField: 'memberKey', foreignField: '_id', as: 'membership' })
    .lookup({
      from: 'quizAttempts',
      let: {},
      pipeline: $.pipeline().match({ quizId, openid: caller.openid }).sort({ attemptNo: 1 }).limit(MAX_ATTEMPTS_READ).done(),
      as: 'attempts',
    })
    .project({ memberKey: 0, 'membership.openid': 0 })
    .limit(1)
    .end()) as { data: (WithId<QuizDoc> & { membership: unknown[]; attempts: WithId<QuizAttemptDoc>[] })[] };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', '竞赛不存在或已删除，请返回刷新。');
  const { membership, attempts, ...quiz } = row;
  requireEntry(caller, quiz, membership.length > 0);
  return { quiz: quiz as WithId<QuizDoc>, attempts };
}
/** More attempts than any quiz allows (maxAttempts is at most this; see upsertQuiz). */
export const MAX_ATTEMPTS_READ = 50;

export function quizView(q: WithId<QuizDoc>, now = Date.now()) {
  return {
    id: q._id,
    title: q.title,
    description: q.description,
    groupId: q.groupId,
    questionCount: q.questionCount,
    timeLimitSeconds: q.timeLimitSeconds,
    maxAttempts: q.maxAttempts,
    opensAt: q.opensAt,
    closesAt: q.closesAt,
    state: quizState(q, now),
  };
}

/** A question as shown while answering: no answer key, no explanation. */
export function questionForAnswering(q: WithId<Pick<QuizQuestionDoc, 'type' | 'stem' | 'options'>>) {
  return { id: q._id, type: q.type, typeLabel: TYPE_LABEL[q.type], stem: q.stem, options: q.options };
}

/** Fields read while answering: the answer key is not even fetched. */
export const ANSWERING_FIELDS = { type: true, stem: true, options: true } as const;

/** In the attempt's drawn order (a `where in` read returns them in any order). */
export function inOrder<T extends { _id: string }>(ids: string[], docs: T[]): T[] {
  const byId = new Map(docs.map((d) => [d._id, d]));
  return ids.map((id) => byId.get(id)).filter((d): d is T => !!d);
}

/**
 * The answering view of an attempt. Refuses (by construction) to carry answers: it only ever
 * reads the three answering fields.
 */
export async function answeringView(a: WithId<QuizAttemptDoc>, quiz: WithId<QuizDoc>, now = Date.now()) {
  const { data } = await col('quizQuestions').where({ _id: cmd().in(a.questionIds) }).field(ANSWERING_FIELDS).limit(200).get();
  return {
    attemptId: a._id,
    status: 'answering' as const,
    quiz: quizView(quiz, now),
    attemptNo: a.attemptNo,
    startedAt: a.startedAt,
    deadline: a.deadline,
    serverNow: new Date(now),
    questions: inOrder(a.questionIds, data as WithId<QuizQuestionDoc>[]).map(questionForAnswering),
  };
}

/** The result view: every question with the right answer, the person's choice and the explanation. */
export async function resultView(a: WithId<QuizAttemptDoc>, quiz: WithId<QuizDoc>, attemptsUsed: number, read?: WithId<QuizQuestionDoc>[]) {
  const data = read ?? (await col('quizQuestions').where({ _id: cmd().in(a.questionIds) }).limit(200).get()).data;
  const questions = inOrder(a.questionIds, data);
  const chosen = a.answers ?? [];
  const graded = grade(questions.map((q) => ({ id: q._id, type: q.type, options: q.options, answer: q.answer })), chosen);
  return {
    attemptId: a._id,
    status: a.submittedAt ? ('submitted' as const) : ('expired' as const),
    quiz: quizView(quiz),
    attemptNo: a.attemptNo,
    attemptsLeft: Math.max(0, quiz.maxAttempts - attemptsUsed),
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    score: a.score ?? 0,
    correct: a.correct ?? 0,
    total: a.total,
    questions: questions.map((q, i) => ({
      ...questionForAnswering(q),
      answer: q.answer,
      explanation: q.explanation,
      choice: graded.items[i].choice,
      correct: graded.items[i].correct,
    })),
  };
}
