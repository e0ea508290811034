import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { releaseDue } from './bookings';
import { bookingView } from './shared';

/** Bookings the caller holds (booked by them, or for their enterprise / branch), newest first. */
export const myBookings = action({
  roles: ['secretary', 'enterprise', 'admin'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    await releaseDue(new Date());
    const { data } = await col('roomBookings').where({ owners: caller.openid }).orderBy('startAt', 'desc').limit(100).get();
    return data.map(bookingView);
  },
});
