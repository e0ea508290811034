import * as z from 'zod';
import { action } from '../../server/core/router';
import { SCORE_LABEL } from './terms';
import { idParam, present, step, viewerOf } from './shared';

/** The enterprise confirms the resolution and rates it (1–5); the demand is then closed. */
export const rate = action({
  roles: ['enterprise'],
  params: z.strictObject({
    id: idParam,
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(300).optional(),
  }),
  async handler({ id, score, comment }, ctx) {
    const note = `${score} 星（${SCORE_LABEL[score]}）${comment ? `：${comment}` : ''}`;
    const { demand, today } = await step(ctx, id, 'rate', { note, set: { score, comment: comment ?? null, ratedAt: new Date() } });
    return present(demand, viewerOf(ctx.caller), today);
  },
});
