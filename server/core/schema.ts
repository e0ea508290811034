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
  teams: TeamDoc;
  park: ParkDoc;
}

export type CollectionName = keyof Collections;
