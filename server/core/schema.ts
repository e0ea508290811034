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
  headcount: number;
  foundedAt: string;
  qualifications: string[];
  contactOpenids: string[];
  createdAt: Date;
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
}

export type CollectionName = keyof Collections;
