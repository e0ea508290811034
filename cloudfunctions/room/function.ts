/**
 * `room`: booking the center's rooms (党群组织生活馆, "一室多用") by the half hour. Also runs on a
 * timer (cloudbaserc.json → triggers) to release bookings nobody checked into.
 * This folder is the whole `room` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { releaseDue } from './bookings';
import { listRooms } from './listRooms';
import { roomDay } from './roomDay';
import { book } from './book';
import { cancelBooking } from './cancelBooking';
import { checkInBooking } from './checkInBooking';
import { endBooking } from './endBooking';
import { myBookings } from './myBookings';
import { daySchedule } from './daySchedule';
import { upsertRoom } from './upsertRoom';
import { sweep } from './sweep';

export const actions = {
  listRooms,
  roomDay,
  book,
  cancelBooking,
  endBooking,
  myBookings,
  daySchedule,
  checkInBooking,
  upsertRoom,
  sweep,
};

/** The timer trigger (cloudbaserc.json → triggers `sweep`, every 5 minutes) releases no-shows. */
export const main = makeMain('room', actions, { onTimer: async () => ({ released: await releaseDue(new Date()) }) });
