import * as z from 'zod';
import { action, type Ctx } from '../../server/core/router';
import { cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { inPark } from '../../server/core/time';
import { SCORE_LABEL, UNSATISFIED_MAX_SCORE } from './terms';
import { getVisible, idParam, present, step, tellAdmins, viewerOf } from './shared';
import { refusal } from './machine';

/**
 * The enterprise rates the resolution (1–5, no default: the app must send the tapped score).
 *   3–5 (一般 … 非常满意): confirmed, the demand is closed (rated).
 *   1–2 (不满意): a reason is required and the demand is NOT closed: it goes back to the center
 *   (`reopened`, 不满意待重办) for an admin to hand it for 重办 to the same or another handler
 *   (assign); the clock runs again; it is marked `unsatisfied`, so it is always called back (回访);
 *   every admin is told at once.
 */
export const rate = action({
  roles: 'anyone',
  params: z.strictObject({
    id: idParam,
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(300).optional(),
    /** Why not satisfied: required for 1–2. */
    reason: z.string().trim().max(300).optional(),
  }),
  async handler({ id, score, comment, reason }, ctx) {
    const at = new Date();
    if (score <= UNSATISFIED_MAX_SCORE) {
      const why = (reason ?? comment ?? '').trim();
      if (why.length < 2) {
        // A demand that is not awaiting a rating says so first (CONFLICT), as a satisfied rating would.
        const d = await getVisible(id, ctx.caller);
        const refused = refusal('redo', d, viewerOf(ctx.caller));
        if (refused) throw new AppError(refused.code, refused.message);
        throw new AppError('VALIDATION', '请说明不满意的原因，中心将安排重新办理。');
      }
      return unsatisfied(ctx, id, score, why, at);
    }
    const note = `${score} 星（${SCORE_LABEL[score]}）${comment ? `：${comment}` : ''}`;
    const { demand, clock } = await step(ctx, id, 'rate', {
      note,
      set: { score, comment: comment ?? null, ratedAt: at, closedMonth: inPark(at).format('YYYY-MM') },
    });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});

/** 不满意: the step to `reopened` (重办), and the admins told. */
async function unsatisfied(ctx: Ctx, id: string, score: number, why: string, at: Date) {
  const { demand, clock } = await step(ctx, id, 'redo', {
    note: `${score} 星（${SCORE_LABEL[score]}），申请重办：${why}`,
    set: { score, comment: why, ratedAt: at, resolvedAt: null, unsatisfied: true, reopenCount: cmd().inc(1) },
  });
  await tellAdmins(demand, 'redo', why);
  return present(demand, viewerOf(ctx.caller), clock);
}

/**
 * The `redo` step the page offers (actions: 'redo'): a 不满意 rating (1 or 2) with its reason — the
 * same as `rate` with such a score.
 */
export const redo = action({
  roles: 'anyone',
  params: z.strictObject({
    id: idParam,
    score: z.number().int().min(1).max(UNSATISFIED_MAX_SCORE).default(UNSATISFIED_MAX_SCORE),
    reason: z.string().trim().min(2, '请说明不满意的原因，中心将安排重新办理。').max(300),
  }),
  async handler({ id, score, reason }, ctx) {
    return unsatisfied(ctx, id, score, reason, new Date());
  },
});
