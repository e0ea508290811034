import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { questionProblem } from './quiz';
import type { QuizQuestionDoc } from './docs';

/** Admins keep the question bank: add or correct a question, or retire it (`active: false`). */
export const upsertQuestion = action({
  roles: ['admin'],
  params: z.strictObject({
    id: z.string().trim().regex(/^[a-z0-9-]{2,40}$/).optional(),
    bank: z.string().trim().regex(/^[a-z0-9-]{2,32}$/).default('party-basics'),
    type: z.enum(['single', 'multiple', 'judge']),
    stem: z.string().trim().min(4, '请填写题干').max(300),
    options: z.array(z.string().trim().min(1, '选项不能为空').max(100)).min(2).max(6),
    answer: z.array(z.number().int().min(0).max(5)).min(1).max(6),
    explanation: z.string().trim().min(4, '请填写解析，说明答案出处').max(600),
    active: z.boolean().default(true),
  }),
  async handler(p, ctx) {
    const problem = questionProblem(p);
    if (problem) throw new AppError('VALIDATION', `${problem}。`);
    const before = p.id ? (await col('quizQuestions').doc(p.id).get()).data[0] ?? null : null;
    if (p.id && !before) throw new AppError('NOT_FOUND', '题目不存在，请刷新后重试。');
    const doc: QuizQuestionDoc = {
      bank: p.bank,
      type: p.type,
      stem: p.stem,
      options: p.options,
      answer: [...new Set(p.answer)].sort((a, b) => a - b),
      explanation: p.explanation,
      active: p.active,
      createdAt: before?.createdAt ?? new Date(),
    };
    const id = p.id ?? `q-${randomBytes(5).toString('hex')}`;
    await col('quizQuestions').doc(id).set(doc);
    await audit(ctx, { fn: 'study', action: 'upsertQuestion', target: `quizQuestions/${id}`, before, after: doc });
    return { id, ...doc };
  },
});
