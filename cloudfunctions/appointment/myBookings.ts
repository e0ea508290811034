import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { bookingView, enterpriseOf } from './shared';

/** Bookings of the caller's enterprise (every contact of it sees the same list), newest first. */
export const myBookings = action({
  roles: ['enterprise'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const enterpriseId = enterpriseOf(caller);
    const { data } = await col('bookings').where({ enterpriseId }).orderBy('startAt', 'desc').limit(200).get();
    return data.map(bookingView);
  },
});
