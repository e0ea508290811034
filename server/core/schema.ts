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
  teams: TeamDoc;
  park: ParkDoc;
  policies: PolicyDoc;
  policyPackages: PolicyPackageDoc;
  policyClaims: PolicyClaimDoc;
  demands: DemandDoc;
}

export type CollectionName = keyof Collections;
