import * as z from 'zod';
import { action } from '../../server/core/router';
import { clockNow, getVisible, idParam, present, viewerOf } from './shared';

/** One demand with its timeline, for its enterprise, its handler and admins (others: NOT_FOUND). */
export const get = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const [d, clock] = await Promise.all([getVisible(id, caller), clockNow()]);
    return present(d, viewerOf(caller), clock);
  },
});
