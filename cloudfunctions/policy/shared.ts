import * as z from 'zod';
import { col, database, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { EnterpriseDoc } from '../org/public';
import type { PolicyDoc } from './docs';
import type { MatchProfile } from './matching';
import { periodLabel, policyStatus } from './terms';

export const idParam = z.string().trim().min(1).max(64);
export { dayParam } from '../../server/core/params';

/** The caller's enterprise id, or FORBIDDEN with the next step when they are not bound to one. */
export function enterpriseIdOf(caller: Caller): string {
  const id = caller.is('enterprise') ? caller.user.enterpriseId : null;
  if (!id) throw new AppError('FORBIDDEN', '请先用中心发放的邀请码绑定企业，再使用企业服务。');
  return id;
}

/** The enterprise id when the caller is an enterprise contact, else null (public pages add "贵企业" hints). */
export function maybeEnterpriseId(caller: Caller): string | null {
  return caller.is('enterprise') ? caller.user.enterpriseId : null;
}

export const ENTERPRISE_GONE = '所绑定的企业已不存在，请联系党群服务中心。';

export async function getEnterprise(id: string): Promise<WithId<EnterpriseDoc>> {
  const [e] = (await col('enterprises').doc(id).get()).data;
  if (!e) throw new AppError('NOT_FOUND', ENTERPRISE_GONE);
  return e;
}

export function matchProfile(e: EnterpriseDoc): MatchProfile {
  return {
    industry: e.industry ?? '',
    headcount: typeof e.headcount === 'number' ? e.headcount : null,
    annualRevenueWan: typeof e.annualRevenueWan === 'number' ? e.annualRevenueWan : null,
    foundedAt: e.foundedAt || null,
    qualifications: e.qualifications ?? [],
    settledAt: e.settledAt || null,
  };
}

/** What the enterprise's matching profile says (the page shows it above 可享政策, with 完善信息). */
export function profileView(e: WithId<EnterpriseDoc>) {
  const p = matchProfile(e);
  const missing = [
    !p.industry && '所属行业',
    p.headcount === null && '员工人数',
    p.annualRevenueWan === null && '年营业收入',
    !p.foundedAt && '成立日期',
    !p.settledAt && '入园日期',
  ].filter((x): x is string => !!x);
  return { id: e._id, name: e.name, ...p, missing };
}

/** Fields of a policy a list needs (projection), and its list item. */
export const SUMMARY_FIELDS = { title: true, issuer: true, level: true, category: true, summary: true, applyFrom: true, applyTo: true, issuedAt: true } as const;

export function policySummary(p: WithId<Pick<PolicyDoc, keyof typeof SUMMARY_FIELDS>>, today: string) {
  return {
    id: p._id,
    title: p.title,
    issuer: p.issuer,
    level: p.level,
    category: p.category,
    summary: p.summary,
    issuedAt: p.issuedAt,
    period: periodLabel(p.applyFrom, p.applyTo),
    applyTo: p.applyTo,
    status: policyStatus(p.applyFrom, p.applyTo, today),
  };
}

export type PolicySummary = ReturnType<typeof policySummary>;

/**
 * The `where` for policies not expired on `today` (no end day, or an end day not yet passed):
 * open ones and those not yet open (未开始), as 可享政策 shows both.
 */
export function activeWhere(today: string): Record<string, unknown> {
  const _ = database().command;
  return _.or([{ applyTo: null }, { applyTo: _.gte(today) }]) as unknown as Record<string, unknown>;
}

/** The `where` for policies whose application period has begun (no start day, or on or before `today`). */
export function startedWhere(today: string): Record<string, unknown> {
  const _ = database().command;
  return _.or([{ applyFrom: null }, { applyFrom: _.lte(today) }]) as unknown as Record<string, unknown>;
}

export const claimTarget = (kind: 'package' | 'policy', id: string) => `${kind}:${id}`;
