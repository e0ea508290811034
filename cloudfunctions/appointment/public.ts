/**
 * What other domains may use of appointment (发展服务团预约): the admin console's figures and
 * ledger, and the cancel action the privacy erase runs for the person's upcoming bookings.
 */
export { appointmentFigures } from './figures';
export { appointmentLedger } from './ledger';
export { cancel } from './cancel';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { TeamDoc, ExpertDoc, SlotState, SlotDoc, BookingState, BookingEvent, BookingDoc, BookingCounterDoc, PairingDoc, RovingDayDoc } from './docs';
