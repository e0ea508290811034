/**
 * What other domains may use of appointment (发展服务团预约): the admin console's figures and
 * ledger, the cancel action the privacy erase runs for the person's upcoming bookings, and the
 * hand-over user.revokeRole runs when an expert's role is revoked.
 */
export { appointmentFigures } from './figures';
export { appointmentLedger } from './ledger';
export { cancel } from './cancel';
export { retireExpert, openBookingsOf, RETIRE_PAGE } from './retire';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { TeamDoc, ExpertDoc, SlotState, SlotDoc, BookingState, BookingEvent, BookingDoc, BookingCounterDoc, PairingDoc, RovingDayDoc, ExpertLeaveDoc } from './docs';
