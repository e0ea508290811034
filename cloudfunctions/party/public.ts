/**
 * What other domains may use of party (the 党总支's member ledgers: 花名册, 转接, 党费, 发展).
 */

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { PartyMemberDoc, PartyMembershipDoc, PartyStretch, PartyTransferDoc, PartyDuesDoc, PartyDevelopmentDoc, PartyReviewDoc, PartyDebriefDoc, PartyPostDoc, DevelopmentStage, PartyStanding, RelationStatus } from './docs';

// 党员花名册: the path onto the roster from user.approveMember (inside its transaction), and the
// roster's part in 我的数据 / 删除我的数据.
export { enrolParams, checkEnrolment, writeEnrolment, ALREADY_ON_ROSTER, type Enrolment } from './enrol';
export { memberIds } from './roster';
export { rosterRowsOf, eraseRosterRows, developmentFilesOf, eraseDevelopmentFiles, reviewsAndPostsOf } from './privacy';
export { rosterLedger } from './ledger';

// Membership months: who belonged to a branch in a month (dated stretches on the roster row, past
// months never rewritten) — what organisation life (org/members.ts) and study completion count over.
export { rosterOf, rosterOfYear, boundMembersOf, currentBranchOf, rosterRowsLookup, boundInRoster, withStretch, coversDay, type RosterPerson } from './months';
