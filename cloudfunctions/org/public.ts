/**
 * What other domains may use of org (党建台账, organisations, star ratings): the enterprise ledger's
 * import rows and write helpers (admin's Excel import), its change log (policy's 企业画像 edits),
 * who leads an organisation-life meeting (checkin's kiosk code), and the admin console's figures
 * and ledgers.
 */
export { checkRows, IMPORT_COLUMNS } from './enterpriseRows';
/** The one set of limits on an enterprise's name and headcount (G-15), for every domain that writes them. */
export { canonicalName, enterpriseNameParam, headcountParam } from './enterpriseLimits';
export { upsertEnterprises } from './enterpriseUpsert';
export { logProfileChange } from './ledgerLog';
export { leadsMeeting, meetingGuest } from './meetings';
export { coverageFigures } from './coverageFigures';
export { starFigures } from './starFigures';
export { quarterOf } from './scoring';
export { enterpriseLedger, organisationLedger } from './ledger';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { EnterpriseDoc, BranchDoc, LedgerChangeDoc, OrgLifeKind, OrgLifeDoc, OrgLifeRule, OrgLifeRulesDoc, OrgLifeState, RubricItem, StarBand, RubricDoc, RatingItem, RatingDoc, PayoutDoc, PayoutState } from './docs';
