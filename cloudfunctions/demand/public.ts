/**
 * What other domains may use of demand (诉求 / 红色代办): filing a demand on someone's behalf
 * (policy's 红色代办), the figures and ledger of the admin console, and the state names.
 */
export { newDemand, requireConsent, type NewDemand } from './create';
export { figures } from './stats';
export { slaClock as demandClock } from './sla';
export { levelFor, levelKey, levelFrom, LEVEL_LOOKUP, LEVEL_FIELDS, type JoinedLevel } from './serviceLevels';
/** Tells every admin at once of a demand filed outside this function (policy's 红色代办). */
export { announceNewDemand, adminNotice } from './shared';
export { demandLedger } from './ledger';
export type { DemandState } from './terms';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { DemandTimelineEntry, DemandDoc, ServiceLevelDoc, CalendarDayDoc } from './docs';
/** Demands resolved in a period by given handlers (the star rating's 党员领办诉求). */
export { resolvedByHandler } from './handledBy';
