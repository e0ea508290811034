/**
 * Document shapes of every collection. Collections, their ACL and indexes are declared in
 * cloudbaserc.json (the emulator builds its unique indexes from there); a test checks that
 * every name here is declared.
 */
import type { Role } from './roles';

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
  createdAt: Date;
  // ---- 五清 ledger (org capability). Optional: enterprises created before the ledger, or by
  // other capabilities, simply have not been filled in yet (server/org/ledger.ts reads defaults).
  /** 营收规模, one of REVENUE_BANDS (server/org/rules.ts). */
  revenueBand?: string;
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

/** Something people sign in to with a rotating code (server/checkin/events.ts). */
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
  /** An evidence provider key (server/org/evidence.ts), or 'manual' for the assessor. */
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
  ledgerChanges: LedgerChangeDoc;
  orgLife: OrgLifeDoc;
  rubrics: RubricDoc;
  ratings: RatingDoc;
  roomBookings: RoomBookingDoc;
}

export type CollectionName = keyof Collections;
