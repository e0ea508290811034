import * as z from 'zod';
import { action } from '../../server/core/router';
import { assignedMessage, idParam, present, step, viewerOf } from './shared';

/**
 * The enterprise (or, for a 投诉建议, the person who filed it) answers the handler's question: the
 * demand is back in 办理中 and its clock runs again from now. The handler is told.
 */
export const answerInfo = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam, answer: z.string().trim().min(2, '请填写补充说明').max(1000) }),
  async handler({ id, answer }, ctx) {
    const { demand, clock } = await step(ctx, id, 'answerInfo', {
      note: answer,
      set: { question: null },
      notify: (d) => [
        // 新的诉求待办理 again: the demand is back on the handler's desk (the subscribe prompt the
        // handler accepts at 待我办理 covers it; demandProgress is the enterprise's).
        { ...assignedMessage(d), type: 'demand.answered' },
      ],
    });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});
