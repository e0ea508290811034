import * as z from 'zod';
import { action } from '../../server/core/router';
import { deliverDue } from './deliver';
import { currentSender } from './senders';

/** Admin: run the delivery the timer runs every minute, now (e.g. after fixing a template). */
export const deliverNow = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler(_p, { requestId }) {
    return deliverDue(currentSender(), { runId: requestId });
  },
});
