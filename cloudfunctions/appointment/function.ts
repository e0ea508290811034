/**
 * `appointment`: 发展服务团预约 — the five development service teams, their experts' slots
 * (预约式), roving service days (巡回式) and pairings (结对式), and the booking life cycle. Also runs
 * on a timer to expire bookings the expert never confirmed before their start (expire.ts).
 * This folder is the whole `appointment` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts, ledger in ledger.ts, figures in figures.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { listTeams } from './listTeams';
import { listExperts } from './listExperts';
import { listSlots } from './listSlots';
import { getSlot } from './getSlot';
import { listRovingDays } from './listRovingDays';
import { book } from './book';
import { cancel } from './cancel';
import { myBookings } from './myBookings';
import { getBooking } from './getBooking';
import { rate } from './rate';
import { myPairings } from './myPairings';
import { myProfile } from './myProfile';
import { upsertProfile } from './upsertProfile';
import { publishSlots } from './publishSlots';
import { mySlots } from './mySlots';
import { withdrawSlot } from './withdrawSlot';
import { confirm } from './confirm';
import { complete } from './complete';
import { markNoShow } from './markNoShow';
import { expertBookings } from './expertBookings';
import { pairedEnterprises } from './pairedEnterprises';
import { createTeam } from './createTeam';
import { addExpert } from './addExpert';
import { pair } from './pair';
import { endPairing } from './endPairing';
import { adminData } from './adminData';
import { createRovingDay, repairRovingDays } from './createRovingDay';
import { closeUnrecorded, expireDue } from './expire';
import { repairHalfDone } from './repair';
import { reschedule } from './reschedule';
import { calendarEvent } from './calendar';
import { cancelLeave, enforceLeaves, leaveAffected, listLeaves, markLeave } from './leave';
import { appealNoShow, excuseNoShow, noShowAppeals, reportExpertNoShow } from './noShow';
import { confirmDeadlines } from './confirmDeadline';

export const actions = {
  // anyone
  listTeams,
  listExperts,
  listSlots,
  getSlot,
  listRovingDays,
  // enterprise
  book,
  cancel,
  reschedule,
  calendarEvent,
  reportExpertNoShow,
  appealNoShow,
  myBookings,
  getBooking,
  rate,
  myPairings,
  // expert
  myProfile,
  upsertProfile,
  publishSlots,
  mySlots,
  withdrawSlot,
  confirm,
  complete,
  markNoShow,
  expertBookings,
  pairedEnterprises,
  markLeave,
  cancelLeave,
  listLeaves,
  // admin
  createTeam,
  addExpert,
  pair,
  endPairing,
  adminData,
  createRovingDay,
  leaveAffected,
  excuseNoShow,
  noShowAppeals,
};

/**
 * The timer trigger (cloudbaserc.json → triggers `expire`, every 10 minutes; locally the gateway's
 * 30-second timer) expires unconfirmed bookings whose start passed, reminds experts of past
 * confirmed bookings they have not recorded, and closes those still unrecorded days later; it
 * reminds the expert, then the admins, of requests still unconfirmed near their start
 * (confirmDeadline.ts) and applies active leaves again (leave.ts). Last,
 * it repairs what a killed `book` or move left half-done (repair.ts): slots held for a booking
 * never written or already cancelled, and counters off their rows. Last, so that the moves this
 * run made are its own finished work, not leftovers (they are younger than the quiet period anyway).
 */
export const main = makeMain('appointment', actions, {
  onTimer: async () => {
    const now = new Date();
    const expired = await expireDue(now);
    const closed = await closeUnrecorded(now);
    const deadlines = await confirmDeadlines(now);
    const leaves = await enforceLeaves(now);
    // A roving day left half-written by a killed createRovingDay (see its header).
    const roving = await repairRovingDays(now);
    return { expired, ...closed, deadlines, leaves, repaired: await repairHalfDone(now), roving };
  },
});
