import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { bookingView } from './shared';

/** The caller's own bookings as an expert: `open` = waiting or upcoming, `closed` = finished. */
export const expertBookings = action({
  roles: ['expert'],
  params: z.strictObject({ filter: z.enum(['open', 'closed', 'all']).default('all') }),
  async handler({ filter }, { caller }) {
    const where: Record<string, unknown> = { expertId: caller.openid };
    if (filter === 'open') where.state = cmd().in(['requested', 'confirmed']);
    if (filter === 'closed') where.state = cmd().in(['served', 'rated', 'cancelled', 'no_show', 'expert_absent', 'unrecorded']);
    const { data } = await col('bookings').where(where).orderBy('startAt', filter === 'open' ? 'asc' : 'desc').limit(200).get();
    return data.map(bookingView);
  },
});
