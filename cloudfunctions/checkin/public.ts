/**
 * What other domains may use of checkin (扫码签到): the sign-in events volunteer activities, Party
 * lectures and organisation life are built on (created, signed into and read here), the venue and
 * code helpers, the check-in secret the privacy pseudonyms are keyed with, and the admin console's
 * figures and ledger.
 */
export { addEventCheckin, centerEventAt, centerEventWhere, createEvent, eventDoc, newEventId, signInState } from './events';
export { sameText, VENUE_ID_RE } from './codes';
export { eventSummary, getVenue, parkTimeParam, venueIdParam } from './shared';
export { checkinSecret } from './secret';
export { visitFigures } from './figures';
export { checkinLedger } from './ledger';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { VenueDoc, EventDoc, CheckinDoc } from './docs';
