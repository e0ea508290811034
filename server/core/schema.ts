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
  headcount: number;
  foundedAt: string;
  qualifications: string[];
  contactOpenids: string[];
  createdAt: Date;
  /** Matching fields (policy.match): annual revenue in 万元, and the park day it settled in (入园). */
  annualRevenueWan?: number | null;
  settledAt?: string | null;
  profileUpdatedAt?: Date;
}

export interface BranchDoc {
  name: string;
  form: '单独组建' | '联合组建' | '挂靠组建' | '派驻';
  secretaryOpenid: string | null;
  enterpriseIds: string[];
  createdAt: Date;
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
}

/** Something people sign in to with a rotating code (server/checkin/events.ts). */
export interface EventDoc {
  kind: 'generic' | 'lecture' | 'study' | 'volunteer';
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
  /** `sending` while one delivery run holds it (server/notify/deliver.ts). */
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

/** Subscribe-message grants a person gave (one message each); `_id` = `<openid>:<tmplId>`. */
export interface SubscriptionDoc {
  openid: string;
  tmplId: string;
  remaining: number;
  updatedAt: Date;
  usedAt?: Date;
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
  volunteerTeams: VolunteerTeamDoc;
  volunteerActivities: ActivityDoc;
  volunteerRegistrations: RegistrationDoc;
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
