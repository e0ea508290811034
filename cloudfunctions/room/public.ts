/**
 * What other domains may use of room (党群组织生活馆 bookings): checking a booking in from a venue
 * scan (checkin), and the cancel action the privacy erase runs for the person's upcoming bookings.
 */
export { checkInByScan } from './bookings';
export { cancelBooking } from './cancelBooking';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { RoomBookingState, RoomBookingDoc } from './docs';
