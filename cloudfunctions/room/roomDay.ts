import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { releaseDue } from './bookings';
import { daySlots, parkAt } from './grid';
import { dayParam, getRoom, roomView, venueIdParam } from './shared';
import { actsFor, holdersOf } from './holders';

/**
 * One room's day on the half-hour grid: which cells are free, taken (by whom — names for admins
 * and for the holder's own bookings) or past. Bookings overdue for check-in are released first, so
 * the grid never shows a cell as taken by a no-show.
 */
export const roomDay = action({
  roles: 'anyone',
  params: z.strictObject({ venueId: venueIdParam, day: dayParam }),
  async handler({ venueId, day }, { caller }) {
    const now = new Date();
    const [room, holders] = await Promise.all([getRoom(venueId), holdersOf(caller), releaseDue(now, venueId)]);
    const { data } = await col('roomBookings')
      .where({ venueId, day, state: cmd().in(['booked', 'checked_in']) })
      .orderBy('startAt', 'asc')
      .limit(100)
      .get();
    const view = roomView(room);
    const slots = daySlots(view.opensAt, view.closesAt).map((start) => {
      const at = parkAt(day, start).getTime();
      const b = data.find((x) => new Date(x.startAt).getTime() <= at && at < new Date(x.endAt).getTime());
      const mine = !!b && actsFor(holders, b);
      return {
        start,
        state: b ? ('taken' as const) : at <= now.getTime() ? ('past' as const) : ('free' as const),
        holderName: b && (mine || caller.is('admin')) ? b.holder.name : b ? '已预约' : '',
        mine,
      };
    });
    return { room: view, day, slots };
  },
});
