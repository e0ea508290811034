import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';

/** Branches a person can apply to (name order). */
export const listBranches = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler() {
    const { data } = await col('branches').orderBy('name', 'asc').limit(1000).field({ name: true, form: true }).get();
    return data.map((b) => ({ id: b._id, name: b.name, form: b.form }));
  },
});
