/**
 * Document shapes of the demand domain (诉求 and 代办).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
import type { ProxyMode } from '../policy/public';
import type { DemandAction, Party } from './machine';
import type { ContactWay, DemandCategory, DemandKind, DemandState } from './terms';

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
  /** `note`: what the handler should check first (a package claim flags policies the enterprise may not fit). */
  policies: { id: string; title: string; note?: string }[];
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
