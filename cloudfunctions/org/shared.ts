/** Pieces the org actions share: params, loaders, access checks, the ledger's aggregation stages. */
import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { BranchDoc, EnterpriseDoc } from './docs';
import { NO_ORG_REASONS, ORG_FORMS } from './rules';
import { INDUSTRIES, QUALIFICATIONS } from '../policy/public';
import { QUARTER_RE } from './scoring';
import { headcountParam } from './enterpriseLimits';

import { dayParam } from '../../server/core/params';

export { dayParam, parkTimeParam } from '../../server/core/params';

export const idParam = z.string().trim().min(1).max(64);
export const openidParam = z.string().trim().min(1).max(128);
export const quarterParam = z.string().regex(QUARTER_RE, '季度格式应为 2026Q4');
export const formParam = z.enum(ORG_FORMS);
const count = (max: number) => z.number().int().min(0).max(max);
const personParam = z.strictObject({ name: z.string().trim().max(20), isPartyMember: z.boolean() });

/** Fields of the 五清 ledger a caller may send (each optional: only what changed). */
/** Operations facts share the profile's vocabularies with policy matching (cloudfunctions/policy/terms.ts). */
export const ledgerPatchShape = {
  industry: z.enum(INDUSTRIES).optional(),
  building: z.string().trim().max(20).optional(),
  foundedAt: dayParam.optional(),
  headcount: headcountParam.optional(),
  annualRevenueWan: z.number().min(0).max(100_000_000).nullable().optional(),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).optional(),
  workforce: z.strictObject({ activists: count(10000), applicants: count(10000) }).optional(),
  partyMembers: z.strictObject({ full: count(10000), probationary: count(10000), registeredInPark: count(10000) }).optional(),
  legalPerson: personParam.optional(),
  investor: personParam.optional(),
  /** 未建立原因 (F-13): kind null clears it. */
  noOrgReason: z.strictObject({ kind: z.enum(NO_ORG_REASONS).nullable(), note: z.string().trim().max(60, '说明请控制在 60 字以内') }).optional(),
};

export const MISSING_ENTERPRISE = '企业不存在，请返回台账刷新后重试。';

export async function getEnterprise(id: string): Promise<WithId<EnterpriseDoc>> {
  const [e] = (await col('enterprises').doc(id).get()).data;
  if (!e) throw new AppError('NOT_FOUND', MISSING_ENTERPRISE);
  return e;
}

export async function getBranch(id: string): Promise<WithId<BranchDoc>> {
  const [b] = (await col('branches').doc(id).get()).data;
  if (!b) throw new AppError('NOT_FOUND', '党组织不存在，请刷新后重试。');
  return b;
}

/** Admins act on any branch; a secretary only on the branches they lead. */
export async function branchForCaller(caller: Caller, branchId: string): Promise<WithId<BranchDoc>> {
  const branch = await getBranch(branchId);
  if (!caller.is('admin') && branch.secretaryOpenid !== caller.openid) {
    throw new AppError('FORBIDDEN', '只能查看和记录本支部的组织生活。');
  }
  return branch;
}

/** Branches a secretary leads (all for an admin: null). */
export async function ledBranchIds(caller: Caller): Promise<string[] | null> {
  if (caller.is('admin')) return null;
  const { data } = await col('branches').where({ secretaryOpenid: caller.openid }).field({ _id: true }).limit(100).get();
  return data.map((b) => b._id);
}

export { withOrgFacts, type LedgerRow } from './orgFacts';

/** Names of users by openid, one read. */
export async function namesOf(openids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(openids.filter((o): o is string => !!o))];
  if (ids.length === 0) return new Map();
  const { data } = await col('users').where({ _id: cmd().in(ids) }).field({ profile: true }).limit(1000).get();
  return new Map(data.map((u) => [u._id, u.profile?.name ?? '']));
}
