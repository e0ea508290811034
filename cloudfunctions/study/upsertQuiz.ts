import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { addDays, dayStart } from './calendar';
import type { QuizDoc } from './docs';
import { idParam, requireManager } from './shared';
import { quizIdParam, quizView } from './quizShared';


/**
 * Creates or edits a 党建知识竞赛. Admins set park-wide quizzes (no group) or any group's;
 * a secretary only for a group they run. The bank must hold enough active questions for the
 * draw. Opens at 00:00 of the first day and closes at 24:00 of the last, park time.
 */
export const upsertQuiz = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({
    id: quizIdParam.optional(),
    title: z.string().trim().min(2, '竞赛名称至少 2 个字').max(40),
    description: z.string().trim().max(300).default(''),
    groupId: idParam.nullable().default(null),
    bank: z.string().trim().regex(/^[a-z0-9-]{2,32}$/).default('party-basics'),
    questionCount: z.number().int().min(3).max(50),
    timeLimitMinutes: z.number().int().min(1).max(120),
    maxAttempts: z.number().int().min(1).max(10),
    opensOn: dayParam,
    closesOn: dayParam,
    status: z.enum(['open', 'closed']).default('open'),
  }),
  async handler(p, ctx) {
    const { caller } = ctx;
    if (p.groupId) await requireManager(caller, p.groupId);
    else if (!caller.is('admin')) throw new AppError('FORBIDDEN', '全园区的竞赛由党务管理员设置；支部书记请选择自己负责的学习小组。');
    if (p.closesOn < p.opensOn) throw new AppError('VALIDATION', '结束日期不能早于开始日期。');
    const [before, bank] = await Promise.all([
      p.id ? col('quizzes').doc(p.id).get() : Promise.resolve({ data: [] }),
      col('quizQuestions').where({ bank: p.bank, active: true }).count(),
    ]);
    const old = before.data[0];
    if (p.id && !old) throw new AppError('NOT_FOUND', '竞赛不存在，请刷新后重试。');
    if (old && old.groupId !== p.groupId && !caller.is('admin')) throw new AppError('FORBIDDEN', '不能把竞赛改到其他学习小组。');
    if (old?.groupId && !caller.is('admin')) await requireManager(caller, old.groupId);
    if (bank.total < p.questionCount) throw new AppError('VALIDATION', `题库中只有 ${bank.total} 道可用题目，请把每次抽题数量设为不超过 ${bank.total}。`);

    const doc: QuizDoc = {
      title: p.title,
      description: p.description,
      groupId: p.groupId,
      bank: p.bank,
      questionCount: p.questionCount,
      timeLimitSeconds: p.timeLimitMinutes * 60,
      maxAttempts: p.maxAttempts,
      opensAt: dayStart(p.opensOn),
      closesAt: dayStart(addDays(p.closesOn, 1)),
      status: p.status,
      createdBy: old?.createdBy ?? caller.openid,
      createdAt: old?.createdAt ?? new Date(),
    };
    // Quiz ids go into attempt ids (`<quiz>:<openid>:<n>`): short, no colon.
    const id = p.id ?? `qz${randomBytes(5).toString('hex')}`;
    await col('quizzes').doc(id).set(doc);
    await audit(ctx, { fn: 'study', action: 'upsertQuiz', target: `quizzes/${id}`, before: old ?? null, after: doc });
    return quizView({ _id: id, ...doc });
  },
});
