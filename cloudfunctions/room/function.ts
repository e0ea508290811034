/**
 * `room`: booking the center's rooms (党群组织生活馆, "一室多用") by the half hour. Also runs on a
 * timer (cloudbaserc.json → triggers) to release bookings nobody checked into.
 */
import { makeMain } from '../../server/core/main';
import { releaseDue } from '../../server/rooms/bookings';
import { listRooms } from './listRooms';
import { roomDay } from './roomDay';
import { book } from './book';
import { cancelBooking } from './cancelBooking';
import { myBookings } from './myBookings';
import { daySchedule } from './daySchedule';
import { upsertRoom } from './upsertRoom';
import { sweep } from './sweep';

export const actions = {
  listRooms,
  roomDay,
  book,
  cancelBooking,
  myBookings,
  daySchedule,
  upsertRoom,
  sweep,
};

/** Timer triggers by name (cloudbaserc.json), run without a caller. */
export const timers = {
  sweep: async () => ({ released: await releaseDue(new Date()) }),
};

export const main = makeMain('room', actions, timers);
