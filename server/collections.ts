/**
 * The composition of the database: every collection and the type of its documents. The kernel
 * (server/core/schema.ts) types its own collections; each domain keeps its document types in
 * cloudfunctions/<domain>/docs.ts and offers them in its public.ts; this file puts them together
 * and adds them to the kernel's `Collections` registry, so `col('<name>')` is typed everywhere
 * without the core importing a domain. Types only: nothing here is bundled.
 *
 * cloudbaserc.json declares every collection named here (scripts/deploy-config.test.ts checks it).
 */
import type { AuditDoc, OutboxDoc, RateLimitDoc, UserDoc } from './core/schema';
import type { ImportChunkDoc } from '../cloudfunctions/admin/public';
import type { BookingCounterDoc, BookingDoc, ExpertDoc, ExpertLeaveDoc, PairingDoc, RovingDayDoc, SlotDoc, TeamDoc } from '../cloudfunctions/appointment/public';
import type { CheckinDoc, EventDoc, VenueDoc } from '../cloudfunctions/checkin/public';
import type { CalendarDayDoc, DemandDoc, ServiceLevelDoc } from '../cloudfunctions/demand/public';
import type { SubscriptionDoc } from '../cloudfunctions/notify/public';
import type { BranchDoc, EnterpriseDoc, LedgerChangeDoc, OrgLifeDoc, OrgLifeRulesDoc, PayoutDoc, RatingDoc, RubricDoc } from '../cloudfunctions/org/public';
import type { PartyDebriefDoc, PartyDevelopmentDoc, PartyDuesDoc, PartyPostDoc, PartyReviewDoc, PartyMemberDoc, PartyMembershipDoc, PartyTransferDoc } from '../cloudfunctions/party/public';
import type { PolicyClaimDoc, PolicyDoc, PolicyPackageDoc } from '../cloudfunctions/policy/public';
import type { RoomBookingDoc, RoomQuotaDoc } from '../cloudfunctions/room/public';
import type {
  QuizAttemptDoc,
  QuizDoc,
  QuizQuestionDoc,
  StudyActivityDoc,
  StudyChatDoc,
  StudyFileDoc,
  StudyGroupDoc,
  StudyMemberDoc,
  StudyProgressDoc,
  StudyRecordDoc,
  StudyTopicDoc,
} from '../cloudfunctions/study/public';
import type { InviteDoc, ParkDoc } from '../cloudfunctions/user/public';
import type { ActivityDoc, RegistrationDoc, VolunteerCertificateDoc, VolunteerTeamDoc } from '../cloudfunctions/volunteer/public';

export interface Collections {
  users: UserDoc;
  enterprises: EnterpriseDoc;
  branches: BranchDoc;
  invites: InviteDoc;
  audit: AuditDoc;
  venues: VenueDoc;
  events: EventDoc;
  checkins: CheckinDoc;
  teams: TeamDoc;
  park: ParkDoc;
  experts: ExpertDoc;
  slots: SlotDoc;
  bookings: BookingDoc;
  bookingCounters: BookingCounterDoc;
  pairings: PairingDoc;
  rovingDays: RovingDayDoc;
  expertLeaves: ExpertLeaveDoc;
  outbox: OutboxDoc;
  rateLimits: RateLimitDoc;
  subscriptions: SubscriptionDoc;
  importChunks: ImportChunkDoc;
  volunteerTeams: VolunteerTeamDoc;
  volunteerActivities: ActivityDoc;
  volunteerRegistrations: RegistrationDoc;
  volunteerCertificates: VolunteerCertificateDoc;
  policies: PolicyDoc;
  policyPackages: PolicyPackageDoc;
  policyClaims: PolicyClaimDoc;
  demands: DemandDoc;
  demandServiceLevels: ServiceLevelDoc;
  parkCalendar: CalendarDayDoc;
  studyGroups: StudyGroupDoc;
  studyChats: StudyChatDoc;
  studyMembers: StudyMemberDoc;
  studyTopics: StudyTopicDoc;
  studyProgress: StudyProgressDoc;
  studyRecords: StudyRecordDoc;
  studyActivity: StudyActivityDoc;
  studyFiles: StudyFileDoc;
  quizQuestions: QuizQuestionDoc;
  quizzes: QuizDoc;
  quizAttempts: QuizAttemptDoc;
  ledgerChanges: LedgerChangeDoc;
  orgLife: OrgLifeDoc;
  rubrics: RubricDoc;
  orgLifeRules: OrgLifeRulesDoc;
  ratings: RatingDoc;
  allowancePayouts: PayoutDoc;
  roomBookings: RoomBookingDoc;
  roomQuota: RoomQuotaDoc;
  partyMembers: PartyMemberDoc;
  /** Before issue 19 the stretches were documents here; read only by the one-off migration party.embedStretches. */
  partyMemberships: PartyMembershipDoc;
  partyTransfers: PartyTransferDoc;
  partyDues: PartyDuesDoc;
  partyDevelopment: PartyDevelopmentDoc;
  partyReviews: PartyReviewDoc;
  partyDebriefs: PartyDebriefDoc;
  partyPosts: PartyPostDoc;
}

/** The kernel's registry, under a name the augmentation below can extend. */
type AllCollections = Collections;

declare module './core/schema' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Collections extends AllCollections {}
}
