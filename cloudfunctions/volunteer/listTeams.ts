import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';

/** The volunteer teams in display order (a handful: one read). */
export const listTeams = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler() {
    const { data } = await col('volunteerTeams').orderBy('order', 'asc').limit(100).get();
    return data.map((t) => ({ id: t._id, name: t.name, description: t.description }));
  },
});
