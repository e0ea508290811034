/**
 * A new demand document, as filed by an enterprise contact: used by demand.submit and by the
 * policy function's 代办 requests (claimPackage, requestProxy), so every demand starts the same way.
 */
import type { Caller } from '../../server/core/caller';
import { requirePrivacyConsent } from '../../server/core/consent';
import type { DemandDoc } from './docs';
import { inPark } from '../../server/core/time';
import type { ProxyMode } from '../policy/public';
import type { ContactWay, DemandCategory, DemandKind } from './terms';
import { defaultLevel, type ServiceLevel } from './serviceLevels';

export interface NewDemand {
  kind: DemandKind;
  category: DemandCategory;
  title: string;
  description: string;
  contactWay?: ContactWay | null;
  contactPhone?: string | null;
  proxyMode?: ProxyMode | null;
  policies?: { id: string; title: string; note?: string }[];
  package?: { id: string; title: string } | null;
  /** The service level it is filed under (serviceLevels.ts levelFor); the default of its category when absent. */
  level?: ServiceLevel;
}

/** Demands carry the contact's name (and maybe phone): taken only after privacy consent, as in `user`. */
export function requireConsent(caller: Caller): void {
  requirePrivacyConsent(caller, '提交诉求或代办申请');
}

export function callerName(caller: Caller, fallback: string): string {
  return caller.user.profile?.name?.trim() || fallback;
}

export function newDemand(input: NewDemand, caller: Caller, enterprise: { id: string; name: string }, at = new Date()): DemandDoc {
  const name = callerName(caller, input.kind === '投诉建议' ? '来访群众' : '企业联系人');
  const level = input.level ?? defaultLevel(input.category);
  return {
    kind: input.kind,
    category: input.category,
    title: input.title,
    description: input.description,
    contactWay: input.contactWay ?? null,
    contactPhone: input.contactPhone ?? null,
    proxyMode: input.proxyMode ?? null,
    policies: input.policies ?? [],
    packageId: input.package?.id ?? null,
    packageTitle: input.package?.title ?? null,
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    submittedBy: caller.openid,
    submitterName: name,
    state: 'submitted',
    handlerOpenid: null,
    handlerName: null,
    dueDate: null,
    submittedAt: at,
    month: inPark(at).format('YYYY-MM'),
    assignedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    resolution: null,
    ratedAt: null,
    score: null,
    comment: null,
    cancelledAt: null,
    reopenCount: 0,
    timeline: [{ at, action: 'submit', by: caller.openid, name, party: 'owner', note: null, state: 'submitted' }],
    updatedAt: at,
    serviceClass: level.serviceClass,
    slaDays: level.days,
    slaVersion: level.version,
    question: null,
    dueSoonRound: null,
    escalatedRound: null,
    escalatedAt: null,
    unsatisfied: false,
    closedMonth: null,
    callback: null,
  };
}
