import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { releaseDue } from './bookings';
import { bookingView, dayParam, roomView } from './shared';

/** Admins: the day's schedule per room — every booking of the day, whatever became of it. */
export const daySchedule = action({
  roles: ['admin'],
  params: z.strictObject({ day: dayParam.optional() }),
  async handler(p) {
    const day = p.day ?? parkDay();
    await releaseDue(new Date());
    const [rooms, bookings] = await Promise.all([
      col('venues').where({ bookable: true }).orderBy('order', 'asc').limit(100).get(),
      col('roomBookings').where({ day }).orderBy('startAt', 'asc').limit(500).get(),
    ]);
    return {
      day,
      rooms: rooms.data.map((r) => ({ ...roomView(r), bookings: bookings.data.filter((b) => b.venueId === r._id).map(bookingView) })),
    };
  },
});
