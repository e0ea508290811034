import * as z from 'zod';
import { action } from '../../server/core/router';
import { HANDLER_ROLES } from './machine';
import { idParam, present, progressMessage, step, viewerOf } from './shared';

/**
 * The handler asks the enterprise for more information or documents (请补充材料): the demand waits
 * for the enterprise and its service-level clock stops until they answer (answerInfo). The question
 * is kept on the demand and in its timeline; the contact who filed it is told.
 */
export const askInfo = action({
  roles: HANDLER_ROLES,
  params: z.strictObject({ id: idParam, question: z.string().trim().min(4, '请写清需要企业补充什么').max(500) }),
  async handler({ id, question }, ctx) {
    const { demand, clock } = await step(ctx, id, 'askInfo', {
      note: question,
      set: { question },
      notify: (d) => [progressMessage(d, `请补充：${question}`)],
    });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
