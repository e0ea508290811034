/**
 * What other domains may use of demand (诉求 / 红色代办): filing a demand on someone's behalf
 * (policy's 红色代办), the figures and ledger of the admin console, and the state names.
 */
export { newDemand, requireConsent, type NewDemand } from './create';
export { figures } from './stats';
export { demandLedger } from './ledger';
export type { DemandState } from './terms';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { DemandTimelineEntry, DemandDoc } from './docs';
