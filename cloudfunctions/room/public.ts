/**
 * What other domains may use of room (党群组织生活馆 bookings): checking a booking in from a venue
 * scan (checkin), whether a branch holds a room for its meeting (org), and the cancel action the privacy erase runs for the person's upcoming bookings.
 */
export { checkInByScan, coversAll, holdingWhere, holdsRoom, HOLDING_ROWS } from './bookings';
export { cancelBooking } from './cancelBooking';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { RoomBookingState, RoomBookingDoc, RoomQuotaDoc } from './docs';
