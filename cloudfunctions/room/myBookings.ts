import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { releaseDue } from './bookings';
import { bookingView } from './shared';
import { heldBy, holdersOf } from './holders';

/** Bookings of the enterprise / branches the caller acts for now (./holders.ts), newest first. */
export const myBookings = action({
  roles: ['secretary', 'enterprise', 'admin'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const [holders] = await Promise.all([holdersOf(caller), releaseDue(new Date())]);
    if (holders.length === 0) return [];
    const { data } = await col('roomBookings').where(heldBy(holders)).orderBy('startAt', 'desc').limit(100).get();
    return data.map(bookingView);
  },
});
