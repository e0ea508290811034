import * as z from 'zod';
import { action } from '../../server/core/router';
import { releaseDue } from './bookings';

/** Releases bookings not checked into within 15 minutes of their start (the timer runs this every 5 minutes; admins may too). */
export const sweep = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    return { released: await releaseDue(new Date()) };
  },
});
