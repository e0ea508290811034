/**
 * Document shapes of the kernel's own collections (users, audit, outbox) and the typed registry
 * `Collections` (collection name → document type) that db.ts types every read and write with.
 * Here it names only the kernel's collections; server/collections.ts, the composition, adds
 * every domain's (each domain keeps its document types in its own docs.ts).
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

export interface AuditDoc {
  actor: string;
  fn: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: Date;
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
  /** `sending` while one delivery run holds it (the notify domain's deliver.ts). */
  /** `fanned`: a role row (`toRole`) whose per-person copies are queued; it is never sent itself. */
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'fanned';
  attempts: number;
  claimedBy?: string;
  claimedAt?: Date;
  /** 'inbox' locally, 'wechat' for a subscribe message. */
  channel?: string;
  sentAt?: Date;
  lastError?: string;
  failedReason?: string;
  /** A code for a failure outside WeChat (notify/deliver.ts FANOUT_*, SEND_THREW); the texts beside it are for people. */
  errorCode?: string;
  finishedAt?: Date;
  /** When the person opened it in 消息中心. */
  readAt?: Date | null;
  /** What the message is about, e.g. `bookings/<id>`. */
  ref: string;
  /**
   * Fields the document named by `ref` must still have when the row is sent (e.g. a reminder:
   * `{ state: 'confirmed' }`); otherwise the deliverer cancels the row unsent.
   */
  sendIf?: Record<string, string>;
  /**
   * Addressed to everyone holding this role at delivery time (`toOpenid` is then `role:<role>`):
   * the deliverer fans it out into one row per person (server/core/outbox.ts `toAdmins`).
   */
  toRole?: 'admin';
  /** On a fanned role row: how many per-person rows it was fanned into. */
  fannedOut?: number;
  createdAt: Date;
}

/** Attempts of one person at one guess-prone action in one window (./rateLimit.ts); `_id` = scope:openid:windowStart. */
export interface RateLimitDoc {
  openid: string;
  scope: string;
  count: number;
  windowEnd: Date;
}

/**
 * Collection name → document type. The kernel declares its own; server/collections.ts augments
 * this interface with every domain's collections (the core imports no domain).
 */
export interface Collections {
  users: UserDoc;
  audit: AuditDoc;
  outbox: OutboxDoc;
  rateLimits: RateLimitDoc;
}

export type CollectionName = keyof Collections;
