/**
 * Document shapes of every collection. Collections, their ACL and indexes are declared in
 * cloudbaserc.json (the emulator builds its unique indexes from there); a test checks that
 * every name here is declared.
 */
import type { Role } from './roles';
import type { PolicyCriteria } from '../../cloudfunctions/policy/matching';
import type { PolicyCategory, PolicyLevel, ProxyMode } from '../../cloudfunctions/policy/terms';
import type { ContactWay, DemandCategory, DemandKind, DemandState } from '../../cloudfunctions/demand/terms';
import type { DemandAction, Party } from '../../cloudfunctions/demand/machine';

export interface Profile {
  name?: string;
  phone?: string;
  /** 工作单位 as typed by the person; enterprise contacts are linked through enterpriseId instead. */
  organisation?: string;
  avatarUrl?: string;
}

export type MemberStatus = 'none' | 'pending' | 'approved' | 'rejected';

export interface UserDoc {
  openid: string;
  /** Roles granted in the database; 'visitor' is implicit and admins may also come from config. */
  roles: Role[];
  profile: Profile;
  enterpriseId: string | null;
  branchId: string | null;
  memberStatus: MemberStatus;
  expertTeamId: string | null;
  privacyAcceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnterpriseDoc {
  name: string;
  industry: string;
  /** 从业人员 — also the workforce's employee count of the 五清 ledger (one fact, one field). */
  headcount: number;
  foundedAt: string;
  qualifications: string[];
  contactOpenids: string[];
  /** 统一社会信用代码, when known (set by the Excel import). */
  creditCode?: string;
  createdAt: Date;
  updatedAt?: Date;
  /** Matching fields (policy.match): annual revenue in 万元, and the park day it settled in (入园). */
  annualRevenueWan?: number | null;
  settledAt?: string | null;
  profileUpdatedAt?: Date;
  // ---- 五清 ledger (org capability), the same profile: its 营收规模 is read from annualRevenueWan
  // above. Optional: enterprises created before the ledger, or by other capabilities, simply have
  // not been filled in yet (cloudfunctions/org/ledgerFields.ts reads defaults).
  /** 楼宇, e.g. 'A2 栋': what "nearby" means when suggesting a joint organisation. */
  building?: string;
  /** 从业人员 beyond the headcount: 入党积极分子 and 入党申请人. */
  workforce?: { activists: number; applicants: number };
  /** 党员: full (正式) and probationary (预备) members; how many have their 组织关系 in the park. */
  partyMembers?: { full: number; probationary: number; registeredInPark: number };
  /** 法定代表人 and 主要出资人, and whether each is a Party member. */
  legalPerson?: { name: string; isPartyMember: boolean };
  investor?: { name: string; isPartyMember: boolean };
  /** 党建指导员 assigned by an admin (a user holding the 'instructor' role). */
  instructor?: { openid: string; name: string } | null;
  ledgerUpdatedAt?: Date;
  ledgerUpdatedBy?: string;
}

export interface BranchDoc {
  name: string;
  form: '单独组建' | '联合组建' | '挂靠组建' | '派驻';
  secretaryOpenid: string | null;
  /**
   * Enterprises the organisation covers: never empty, and an enterprise is in at most one
   * organisation (unique multikey index `uniq_enterprise`).
   */
  enterpriseIds: string[];
  createdAt: Date;
  /** For 挂靠组建: the organisation it is attached to (free text, e.g. 园区综合党委). */
  attachedTo?: string;
  updatedAt?: Date;
}

export interface InviteDoc {
  enterpriseId: string;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
}

export interface AuditDoc {
  actor: string;
  fn: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: Date;
}

export interface VenueDoc {
  name: string;
  address: string;
  description: string;
  order: number;
  createdAt: Date;
  // ---- room booking (党群组织生活馆, "一室多用"): a bookable venue is a room.
  bookable?: boolean;
  capacity?: number;
  equipment?: string[];
  /** Bookable hours of the day in park time, 'HH:mm' on the half hour. */
  opensAt?: string;
  closesAt?: string;
}

/** Something people sign in to with a rotating code (cloudfunctions/checkin/events.ts). */
export interface EventDoc {
  kind: 'generic' | 'lecture' | 'study' | 'volunteer' | 'meeting';
  /** The volunteer activity / lecture / study session this event belongs to; null for generic ones. */
  refId: string | null;
  title: string;
  venueId: string | null;
  /** Where, as shown to people (the venue's name at creation, or a free-text place). */
  place: string;
  startAt: Date;
  endAt: Date;
  rotateSeconds: number;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
}

/**
 * One check-in: who, where, when — nothing else (no location). `key` and `nonce` are what make
 * it exactly-once (unique indexes in cloudbaserc.json), not personal data.
 */
export interface CheckinDoc {
  /** `e:<eventId>:<openid>` (once per event) or `v:<venueId>:<openid>:<day>` (once per venue a day). */
  key: string;
  openid: string;
  /** The client's retry key (pretix's nonce); the key itself when the client sent none. */
  nonce: string;
  kind: 'venue' | 'event';
  venueId: string | null;
  eventId: string | null;
  /** Park calendar day (Asia/Shanghai), the key of the per-day figures. */
  day: string;
  at: Date;
  /** Set when someone other than the person recorded the attendance (a secretary, by hand). */
  recordedBy?: string;
}

export interface TeamDoc {
  name: string;
  kind: 'legal' | 'accounting' | 'technology' | 'finance' | 'talent';
  description: string;
  order: number;
  createdAt: Date;
}

export interface ParkDoc {
  name: string;
  address: string;
  centerName: string;
  phone: string;
  services: { key: string; title: string; description: string }[];
}

// ---- appointment (发展服务团预约) ----

/** An expert's public profile; `_id` is the expert's openid. */
export interface ExpertDoc {
  teamId: string;
  name: string;
  organisation: string;
  title: string;
  specialities: string[];
  intro: string;
  /** Bookings of this expert are confirmed at once instead of waiting for the expert. */
  autoConfirm: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type SlotState = 'open' | 'held' | 'closed';

/**
 * One bookable period of one expert. `cells` lists every 5-minute grid cell the slot covers
 * (`<expertId>|<minute since epoch>`); its unique multikey index makes two overlapping slots
 * of one expert impossible to store, whatever their lengths.
 */
export interface SlotDoc {
  expertId: string;
  teamId: string;
  startAt: Date;
  endAt: Date;
  mode: 'online' | 'venue';
  venueId: string | null;
  place: string;
  kind: 'bookable' | 'roving';
  rovingDayId: string | null;
  state: SlotState;
  bookingId: string | null;
  /** How many times the slot has been taken; with the slot id it keys the booking (`slotTurn`). */
  holds: number;
  cells: string[];
  /** Until then only `priorityEnterpriseIds` (the expert's paired enterprises) may book it. */
  priorityUntil: Date | null;
  priorityEnterpriseIds: string[];
  createdAt: Date;
}

export type BookingState = 'requested' | 'confirmed' | 'served' | 'rated' | 'cancelled' | 'no_show';

export interface BookingEvent {
  state: BookingState;
  at: Date;
  by: string;
  role: 'enterprise' | 'expert' | 'admin' | 'system';
  note?: string;
}

export interface BookingDoc {
  slotId: string;
  /** `<slotId>#<holds>`: unique, so one taking of a slot can never produce two bookings. */
  slotTurn: string;
  expertId: string;
  expertName: string;
  teamId: string;
  teamName: string;
  enterpriseId: string;
  enterpriseName: string;
  bookedBy: string;
  bookedByName: string;
  startAt: Date;
  endAt: Date;
  mode: 'online' | 'venue';
  place: string;
  kind: 'bookable' | 'roving';
  rovingDayId: string | null;
  topic: string;
  note: string;
  state: BookingState;
  history: BookingEvent[];
  serviceRecord: string | null;
  score: number | null;
  comment: string | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Open (requested + confirmed) bookings of one enterprise with one team; `_id` = `<enterpriseId>_<teamId>`. */
export interface BookingCounterDoc {
  enterpriseId: string;
  teamId: string;
  open: number;
  updatedAt: Date;
}

/** 结对式: an enterprise paired with an expert for a period; `_id` = `<enterpriseId>_<expertId>`. */
export interface PairingDoc {
  enterpriseId: string;
  enterpriseName: string;
  expertId: string;
  expertName: string;
  teamId: string;
  from: Date;
  until: Date;
  note: string;
  endedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

/** 巡回式: a team's service day at the park; its sessions are `roving` slots. */
export interface RovingDayDoc {
  teamId: string;
  /** Park calendar day, e.g. '2026-12-02'. */
  date: string;
  title: string;
  venueId: string;
  place: string;
  blocks: { startAt: Date; endAt: Date }[];
  expertIds: string[];
  note: string;
  createdBy: string;
  createdAt: Date;
}

/**
 * A message waiting to go out (a WeChat subscribe message in production). Written in the same
 * transaction as the change it announces; delivered by the reminders capability.
 */
export interface OutboxDoc {
  type: string;
  toOpenid: string;
  /** Template key; the sender maps it to a subscribe-message template id from its config. */
  template: string;
  data: Record<string, string>;
  /** Mini-program page the message opens. */
  page: string;
  dueAt: Date;
  /** `sending` while one delivery run holds it (cloudfunctions/notify/deliver.ts). */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  claimedBy?: string;
  claimedAt?: Date;
  /** 'inbox' locally, 'wechat' for a subscribe message. */
  channel?: string;
  sentAt?: Date;
  lastError?: string;
  failedReason?: string;
  finishedAt?: Date;
  /** When the person opened it in 消息中心. */
  readAt?: Date | null;
  /** What the message is about, e.g. `bookings/<id>`. */
  ref: string;
  createdAt: Date;
}

// ---- org (五清台账, organisation life, star ratings) ----

/** One edit of an enterprise's ledger entry: who, when, which fields from what to what. */
export interface LedgerChangeDoc {
  enterpriseId: string;
  actor: string;
  actorName: string;
  /** The capacity the edit was made in. */
  actorRole: 'admin' | 'enterprise';
  changes: { field: string; label: string; before: unknown; after: unknown }[];
  at: Date;
}

export type OrgLifeKind = '支部党员大会' | '支委会' | '党小组会' | '党课' | '主题党日';

/** One meeting of a branch (三会一课, 主题党日). Attendees are the check-ins of its event. */
export interface OrgLifeDoc {
  branchId: string;
  kind: OrgLifeKind;
  topic: string;
  startAt: Date;
  endAt: Date;
  venueId: string | null;
  place: string;
  summary: string;
  /** The sign-in event (kind 'meeting'): scanned rotating codes and hand-added members land there. */
  eventId: string;
  /** Attendees without an account in the app, recorded by name. */
  guestNames: string[];
  recordedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RubricItem {
  key: string;
  label: string;
  points: number;
  /** An evidence provider key (cloudfunctions/org/evidence.ts), or 'manual' for the assessor. */
  source: string;
  /** Evidence amount that earns full points (points scale linearly below it). */
  target: number;
  guide: string;
}

export interface StarBand {
  stars: number;
  minScore: number;
  /** 红星津贴 per quarter, yuan. */
  allowance: number;
}

/** The scoring rubric in force (`_id` 'current'); each finalised rating keeps its own copy. */
export interface RubricDoc {
  version: number;
  items: RubricItem[];
  bands: StarBand[];
  updatedBy: string;
  updatedAt: Date;
}

export interface RatingItem {
  key: string;
  label: string;
  max: number;
  source: string;
  /** Filled from evidence (true) or by the assessor (false). */
  auto: boolean;
  value: number | null;
  unit: string;
  detail: string;
  points: number | null;
  note: string;
  scoredBy: string | null;
  scoredAt: Date | null;
}

/** A branch's star rating for a quarter; `_id` = `<quarter>_<branchId>`. */
export interface RatingDoc {
  quarter: string;
  branchId: string;
  branchName: string;
  rubricVersion: number;
  items: RatingItem[];
  total: number;
  stars: number;
  allowance: number;
  status: 'draft' | 'final';
  /** Every score given, in order: who scored which item how, and why. */
  log: { at: Date; by: string; byName: string; itemKey: string; points: number; note: string }[];
  finalizedBy: string | null;
  finalizedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

// ---- room booking ----

export type RoomBookingState = 'booked' | 'checked_in' | 'cancelled' | 'released';

/**
 * A room booked by the half hour. `cells` lists `<venueId>|<half-hour index>` for every cell the
 * booking covers while it holds the room; its unique multikey index makes two overlapping live
 * bookings impossible to store. A cancelled or released booking gives its cells up (they become
 * the one tombstone `free|<bookingId>`, unique per booking).
 */
export interface RoomBookingDoc {
  venueId: string;
  venueName: string;
  day: string;
  startAt: Date;
  endAt: Date;
  cells: string[];
  /** Who the room is for. */
  holder: { kind: 'branch' | 'enterprise' | 'center'; id: string; name: string };
  purpose: string;
  attendees: number;
  bookedBy: string;
  bookedByName: string;
  /** People whose scan of the room's code checks the booking in (booker, holder's contacts/secretary). */
  owners: string[];
  /** Not checked in by then → released. */
  checkinDeadline: Date;
  state: RoomBookingState;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  endedAt: Date | null;
  endedBy: string | null;
  createdAt: Date;
}

/** Subscribe-message grants a person gave (one message each); `_id` = `<openid>:<tmplId>`. */
export interface SubscriptionDoc {
  openid: string;
  tmplId: string;
  remaining: number;
  updatedAt: Date;
  usedAt?: Date;
}

/** One piece of an uploaded import file (admin console); `_id` = `<uploadId>:<index>`. */
export interface ImportChunkDoc {
  uploadId: string;
  index: number;
  count: number;
  data: string;
  createdBy: string;
  createdAt: Date;
}

// ---- volunteer (志愿服务) ----

/** A volunteer team (志愿服务队), e.g. 园之帆志愿服务队. */
export interface VolunteerTeamDoc {
  name: string;
  description: string;
  order: number;
  createdAt: Date;
}

export type ActivityStatus = 'open' | 'closed' | 'cancelled';
export type Eligibility = 'all' | 'members';

/**
 * A volunteer activity. Besides what people read, it holds the counters the sign-up protocol
 * (cloudfunctions/volunteer/seats.ts) moves with atomic single-document updates:
 * `confirmed + left = capacity` always; `waiting` counts waitlist tickets; `seq` issues tickets
 * (sign-up order); `debt` balances a waitlist cancel that raced a promotion (see seats.ts).
 */
export interface ActivityDoc {
  title: string;
  description: string;
  category: string;
  tags: string[];
  teamId: string;
  teamName: string;
  place: string;
  startAt: Date;
  endAt: Date;
  signupOpensAt: Date;
  signupClosesAt: Date;
  /** Confirmed volunteers may cancel until then (waitlisted ones until the start). */
  cancelClosesAt: Date;
  eligibility: Eligibility;
  status: ActivityStatus;
  /** The check-in event volunteers sign in and out of with its rotating code. */
  eventId: string;
  capacity: number;
  confirmed: number;
  left: number;
  waiting: number;
  seq: number;
  debt: number;
  noShowsMarkedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type RegStatus = 'confirmed' | 'waitlisted' | 'cancelled';
/** none: not signed in; open: signed in, not out; auto: signed out; confirmed/fixed: by the organiser. */
export type HoursState = 'none' | 'open' | 'auto' | 'confirmed' | 'fixed';

/**
 * One sign-up of one person for one activity. `activeKey` is `<activityId>:<openid>` while the
 * registration is active and `x:<_id>` once cancelled: its unique index is what makes "one
 * active registration per person per activity" a fact of the database.
 */
export interface RegistrationDoc {
  activityId: string;
  openid: string;
  activeKey: string;
  status: RegStatus;
  /** Sign-up order (the activity's `seq` when this person signed up): the waitlist's order. */
  ticket: number;
  teamId: string;
  /** Copied from the activity so lists and hour totals need no join. */
  title: string;
  startAt: Date;
  endAt: Date;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  /** Credited volunteer minutes (integer); 0 until signed out or settled by the organiser. */
  minutes: number;
  hours: HoursState;
  noShow: boolean;
  promotedAt: Date | null;
  cancelledAt: Date | null;
  /** The void row of a repeated sign-up's ticket (it never held anything); hidden from lists. */
  duplicate?: true;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * An issued 志愿服务时长证明: a snapshot of the figures when it was issued, so later changes (a
 * corrected hour, a new activity) never alter a certificate already printed. `_id` is
 * `<openid>:<from>:<to>`, so issuing the same period twice finds the same certificate; `code` (the
 * verification code, cloudfunctions/volunteer/certificate.ts) has the unique index `uniq_code`.
 */
export interface VolunteerCertificateDoc {
  code: string;
  openid: string;
  name: string;
  minutes: number;
  activities: number;
  /** Park days 'YYYY-MM-DD', both included. */
  periodFrom: string;
  periodTo: string;
  issuer: string;
  issuedAt: Date;
}

/**
 * A 惠企政策. Application days are park calendar days ('YYYY-MM-DD'), not instants: a deadline is "the
 * 31st in Suzhou" wherever the server runs, ISO days compare correctly as strings, and 有效 / 已过期 is
 * derived from `applyTo` against today's park day (server/core/time.ts → parkDay), never stored.
 */
export interface PolicyDoc {
  title: string;
  /** 发文单位 */
  issuer: string;
  /** 文号 */
  docNo: string;
  level: PolicyLevel;
  category: PolicyCategory;
  summary: string;
  /** 支持内容 */
  benefits: string;
  /** 申报条件 as written in the document; `criteria` is the part the matcher checks. */
  conditions: string;
  criteria: PolicyCriteria;
  applyFrom: string | null;
  applyTo: string | null;
  /** 发布日期 'YYYY-MM-DD' */
  issuedAt: string;
  sourceUrl: string;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** A 惠企礼包: a curated bundle of policies for one kind of enterprise. */
export interface PolicyPackageDoc {
  title: string;
  description: string;
  /** 适用对象 */
  audience: string;
  policyIds: string[];
  order: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * One 代办 request per enterprise per package or policy: the unique index (enterpriseId, target)
 * makes a second claim fail in the database, however fast two contacts tap. A separate collection
 * because a unique index on demands themselves would also collide on every demand WITHOUT a package
 * (CloudBase's unique indexes are not sparse: a missing field is one shared null key).
 */
export interface PolicyClaimDoc {
  enterpriseId: string;
  /** 'package:<id>' or 'policy:<id>' */
  target: string;
  kind: 'package' | 'policy';
  refId: string;
  demandId: string;
  claimedBy: string;
  claimedAt: Date;
}

export interface DemandTimelineEntry {
  at: Date;
  action: 'submit' | DemandAction;
  /** openid of who acted, and their name at the time. */
  by: string;
  name: string;
  party: Party;
  note: string | null;
  /** State after this step. */
  state: DemandState;
}

/** An enterprise demand (诉求) or a 代办 request; see cloudfunctions/demand/machine.ts for its states. */
export interface DemandDoc {
  kind: DemandKind;
  category: DemandCategory;
  title: string;
  description: string;
  contactWay: ContactWay | null;
  contactPhone: string | null;
  proxyMode: ProxyMode | null;
  /** Policies attached (a 代办 of a policy or package, or a 政策咨询 about one). */
  policies: { id: string; title: string }[];
  packageId: string | null;
  packageTitle: string | null;
  enterpriseId: string;
  enterpriseName: string;
  submittedBy: string;
  submitterName: string;
  state: DemandState;
  handlerOpenid: string | null;
  handlerName: string | null;
  /** Due park day 'YYYY-MM-DD'; open past it = overdue. */
  dueDate: string | null;
  submittedAt: Date;
  /** Park month of submission 'YYYY-MM': the figures group by it without time-zone arithmetic in the database. */
  month: string;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  /** Latest resolution (cleared by reopen), so time to resolve is submission → final resolution. */
  resolvedAt: Date | null;
  resolution: string | null;
  ratedAt: Date | null;
  score: number | null;
  comment: string | null;
  cancelledAt: Date | null;
  reopenCount: number;
  timeline: DemandTimelineEntry[];
  updatedAt: Date;
}

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
  outbox: OutboxDoc;
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
  ratings: RatingDoc;
  roomBookings: RoomBookingDoc;
}

export type CollectionName = keyof Collections;

// ---- study (党员学习) ----

/** A study group: a branch's own group or a topic group (e.g. 青年党员学习小组). */
export interface StudyGroupDoc {
  name: string;
  kind: 'branch' | 'topic';
  /** The branch of a branch group; null for topic groups. */
  branchId: string | null;
  description: string;
  /** The secretary (or admin) who runs the group; managers are this person, the branch's secretary and admins. */
  ownerOpenid: string;
  /** Join code (unique index); typed by hand, so no 0/O/1/I. */
  inviteCode: string;
  /** WeChat chats bound to the group (the bindings themselves are `studyChats`). */
  chatCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A WeChat group chat bound to a study group; `_id` = `chat:<openGId>`, so a chat binds to one group only. */
export interface StudyChatDoc {
  groupId: string;
  openGId: string;
  boundBy: string;
  boundAt: Date;
}

/** Membership; `_id` = `<groupId>:<openid>` and a unique index on (groupId, openid). */
export interface StudyMemberDoc {
  groupId: string;
  openid: string;
  via: 'share' | 'code' | 'owner' | 'added';
  joinedAt: Date;
}

export interface StudyMaterial {
  /** Stable within the topic, so 已学 marks survive edits of other materials. */
  id: string;
  kind: 'text' | 'link' | 'video';
  title: string;
  /** Reading text (text), or a short note (link / video). */
  body: string;
  /** The article or video address (link / video); '' for text. */
  url: string;
}

/** 一月一专题: one topic per group and park month; `_id` = `<groupId>:<YYYY-MM>`. */
export interface StudyTopicDoc {
  groupId: string;
  month: string;
  title: string;
  intro: string;
  materials: StudyMaterial[];
  /** Minimum length of this month's 自学记录, in characters. */
  minRecordChars: number;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One member's month in one group: materials marked read and whether the 自学记录 is written.
 * `_id` = `<groupId>:<month>:<openid>`. Completion figures are aggregated from these rows.
 */
export interface StudyProgressDoc {
  groupId: string;
  month: string;
  openid: string;
  readIds: string[];
  recordChars: number;
  recordAt: Date | null;
  updatedAt: Date;
}

/** 自学记录: `_id` = `<groupId>:<month>:<openid>`, unique (groupId, month, openid). */
export interface StudyRecordDoc {
  groupId: string;
  month: string;
  openid: string;
  content: string;
  chars: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A park week (its Monday, `YYYY-MM-DD`) in which a person studied; `_id` = `<openid>:<week>`. Feeds the streak. */
export interface StudyActivityDoc {
  openid: string;
  week: string;
  at: Date;
}

/**
 * An uploaded image kept apart from the documents that are listed often (the WeChat group's own
 * QR code). `image` is a `cloud://` file id in production or a small data URL locally.
 */
export interface StudyFileDoc {
  groupId: string;
  kind: 'chatQr';
  image: string;
  bytes: number;
  expiresAt: Date;
  uploadedBy: string;
  uploadedAt: Date;
}

export type QuizQuestionType = 'single' | 'multiple' | 'judge';

/** A question of the bank. `answer` (option indexes) and `explanation` never leave the server before a submit. */
export interface QuizQuestionDoc {
  bank: string;
  type: QuizQuestionType;
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
  active: boolean;
  createdAt: Date;
}

/** 党建知识竞赛: draws `questionCount` questions from `bank` for each attempt. */
export interface QuizDoc {
  title: string;
  description: string;
  /** Open to the members of this group; null = every Party member. */
  groupId: string | null;
  bank: string;
  questionCount: number;
  timeLimitSeconds: number;
  maxAttempts: number;
  opensAt: Date;
  closesAt: Date;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
}

/**
 * One attempt; `_id` = `<quizId>:<openid>:<attemptNo>` with a unique index on the three, so no
 * more than `maxAttempts` attempts can exist. Submitted by a conditional update on
 * `submittedAt: null` and the deadline.
 */
export interface QuizAttemptDoc {
  quizId: string;
  openid: string;
  attemptNo: number;
  questionIds: string[];
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  answers: { questionId: string; choice: number[] }[] | null;
  correct: number | null;
  total: number;
  score: number | null;
}
