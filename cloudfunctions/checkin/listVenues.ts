import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { venueSummary } from './shared';

/** The center's venues in display order (a handful: one read). */
export const listVenues = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler() {
    const { data } = await col('venues').orderBy('order', 'asc').limit(100).get();
    return data.map(venueSummary);
  },
});
