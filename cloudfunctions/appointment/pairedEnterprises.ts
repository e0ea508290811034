import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { bookingView } from './shared';

/**
 * 结对式, the expert's side: enterprises paired with the caller now, each with its recent
 * bookings with the park's teams (what it has been asking for). Two queries in all.
 */
export const pairedEnterprises = action({
  roles: ['expert'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const now = new Date();
    const { data: pairs } = await col('pairings').where({ expertId: caller.openid, endedAt: null, until: _.gt(now) }).orderBy('from', 'asc').limit(100).get();
    if (pairs.length === 0) return [];
    const ids = pairs.map((p) => p.enterpriseId);
    const { data: recent } = await col('bookings').where({ enterpriseId: _.in(ids) }).orderBy('startAt', 'desc').limit(200).get();
    return pairs.map((p) => ({
      pairingId: p._id,
      enterpriseId: p.enterpriseId,
      enterpriseName: p.enterpriseName,
      from: p.from,
      until: p.until,
      note: p.note,
      recentBookings: recent.filter((b) => b.enterpriseId === p.enterpriseId).slice(0, 5).map(bookingView),
    }));
  },
});
