/**
 * Every unique index the code relies on for a correctness rule, with the file that relies on it
 * (found from the isDuplicateKey call sites, inserts keyed on a business key, and the comments that
 * name an index). The offline config test fails when cloudbaserc.json lacks one of them — a missing
 * unique index does not break any query, it silently allows the double booking it was there to stop.
 *
 * Matched on collection + the set of key fields (the index name is cosmetic). A rule enforced by the
 * document `_id` alone (users, invites, rubrics, outbox ids, study chat bindings, studyTopics via `topicKey`) needs no index and is
 * not listed. When you add an `isDuplicateKey` that depends on a new index, add the index here too.
 */
export interface ReliedUniqueIndex {
  collection: string;
  keys: string[];
  /** What would go wrong without it. */
  rule: string;
  /** Where the code relies on it (repository-relative paths; the test checks they exist). */
  files: string[];
}

export const RELIED_UNIQUE_INDEXES: ReliedUniqueIndex[] = [
  { collection: 'enterprises', keys: ['name'], rule: 'one enterprise per name (同名企业), names stored in their canonical spelling so bracket/space variants collide (G-15)', files: ['cloudfunctions/org/createEnterprise.ts', 'cloudfunctions/org/enterpriseUpsert.ts', 'cloudfunctions/org/enterpriseLimits.ts', 'cloudfunctions/org/canonicaliseNames.ts'] },
  { collection: 'branches', keys: ['name'], rule: 'one Party organisation per name', files: ['cloudfunctions/org/upsertBranch.ts'] },
  { collection: 'branches', keys: ['enterpriseIds'], rule: 'an enterprise is in at most one organisation (multikey)', files: ['cloudfunctions/org/upsertBranch.ts'] },
  { collection: 'venues', keys: ['name'], rule: 'one venue per name', files: ['cloudfunctions/checkin/upsertVenue.ts'] },
  { collection: 'checkins', keys: ['key'], rule: 'one check-in per person and event', files: ['cloudfunctions/checkin/scan.ts', 'cloudfunctions/checkin/events.ts'] },
  { collection: 'checkins', keys: ['openid', 'nonce'], rule: 'a retried scan records nothing new', files: ['cloudfunctions/checkin/scan.ts'] },
  { collection: 'teams', keys: ['kind'], rule: 'one development service team per kind', files: ['cloudfunctions/appointment/createTeam.ts'] },
  { collection: 'slots', keys: ['expertId', 'startAt'], rule: 'an expert publishes a start time once', files: ['cloudfunctions/appointment/publishSlots.ts'] },
  { collection: 'slots', keys: ['cells'], rule: 'an expert\'s slots never overlap (multikey on 5-minute cells)', files: ['cloudfunctions/appointment/publishSlots.ts', 'cloudfunctions/appointment/createRovingDay.ts'] },
  { collection: 'volunteerCertificates', keys: ['code'], rule: 'a verification code names one certificate (a clashing serial is redrawn)', files: ['cloudfunctions/volunteer/certificates.ts'] },
  { collection: 'bookings', keys: ['slotTurn'], rule: 'one booking per slot', files: ['cloudfunctions/appointment/book.ts'] },
  { collection: 'volunteerTeams', keys: ['name'], rule: 'one volunteer team per name', files: ['cloudfunctions/volunteer/createTeam.ts'] },
  { collection: 'volunteerRegistrations', keys: ['activeKey'], rule: 'one active registration per person and activity', files: ['cloudfunctions/volunteer/seats.ts'] },
  { collection: 'policies', keys: ['title'], rule: 'a policy document is entered once', files: ['cloudfunctions/policy/upsertPolicy.ts'] },
  { collection: 'policyPackages', keys: ['title'], rule: 'one package per title', files: ['cloudfunctions/policy/upsertPackage.ts'] },
  { collection: 'policyClaims', keys: ['enterpriseId', 'target'], rule: 'one open 代办 claim per enterprise and package or policy (a closed demand releases it)', files: ['cloudfunctions/policy/proxy.ts', 'cloudfunctions/demand/claims.ts'] },
  { collection: 'studyGroups', keys: ['name'], rule: 'one study group per name', files: ['cloudfunctions/study/createGroup.ts', 'cloudfunctions/study/renameGroup.ts'] },
  { collection: 'studyGroups', keys: ['inviteCode'], rule: 'invite codes are unique', files: ['cloudfunctions/study/createGroup.ts', 'cloudfunctions/study/resetInviteCode.ts'] },
  { collection: 'studyMembers', keys: ['groupId', 'openid'], rule: 'one membership per person and group', files: ['cloudfunctions/study/membership.ts'] },
  { collection: 'partyMembers', keys: ['bindKey'], rule: 'one roster row per WeChat user (an approval, the migration or a link cannot bind a second row)', files: ['cloudfunctions/party/enrol.ts', 'cloudfunctions/party/migrateMembers.ts', 'cloudfunctions/user/approveMember.ts'] },
  { collection: 'studyProgress', keys: ['groupId', 'month', 'openid'], rule: 'one progress row per person, group and month', files: ['cloudfunctions/study/markRead.ts'] },
  { collection: 'studyRecords', keys: ['groupId', 'month', 'openid'], rule: 'one 自学记录 per person, group and month', files: ['cloudfunctions/study/saveRecord.ts'] },
  { collection: 'quizAttempts', keys: ['quizId', 'openid', 'attemptNo'], rule: 'the attempt limit holds under concurrent starts', files: ['cloudfunctions/study/startAttempt.ts'] },
  { collection: 'orgLife', keys: ['eventId'], rule: 'one organisation-life record per check-in event (joined on eventId)', files: ['cloudfunctions/org/createOrgLife.ts', 'cloudfunctions/org/evidence.ts'] },
  { collection: 'roomBookings', keys: ['cells'], rule: 'a room is never double-booked (multikey on its cells)', files: ['cloudfunctions/room/book.ts'] },
  { collection: 'partyMembers', keys: ['bindKey'], rule: 'one roster row per WeChat user (a 预备党员 from the pipeline is not added twice)', files: ['cloudfunctions/party/advanceDevelopment.ts'] },
];
