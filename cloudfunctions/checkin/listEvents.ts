import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { eventSummary } from './shared';

/** Latest events first (the kiosk picker and the admin list); one read. */
export const listEvents = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const { data } = await col('events').orderBy('startAt', 'desc').limit(50).get();
    const now = Date.now();
    return data.map((e) => eventSummary(e, now));
  },
});
