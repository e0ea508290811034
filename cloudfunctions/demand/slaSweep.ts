import * as z from 'zod';
import { action } from '../../server/core/router';
import { slaSweepRun } from './sweep';

/** Runs the service-level timer's work now (the timer runs it every 10 minutes): 即将到期 and 逾期督办 notices, each once. */
export const slaSweep = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    return slaSweepRun(new Date());
  },
});
