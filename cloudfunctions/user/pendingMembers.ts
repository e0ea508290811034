import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { summary } from './shared';

/** Applications waiting for approval: a secretary sees their own branches, an admin sees all. */
export const pendingMembers = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const where: Record<string, unknown> = { memberStatus: 'pending' };
    if (!caller.is('admin')) {
      const { data: mine } = await col('branches').where({ secretaryOpenid: caller.openid }).field({ _id: true }).get();
      if (mine.length === 0) return [];
      where.branchId = cmd().in(mine.map((b) => b._id));
    }
    const { data } = await col('users').where(where).orderBy('updatedAt', 'asc').limit(200).get();
    return data.map(summary);
  },
});
