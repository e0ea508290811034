/**
 * Document shapes of the demand domain (诉求 and 代办).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
import type { ProxyMode } from '../policy/public';
import type { DemandAction, Party } from './machine';
import type { DayRule } from './calendar';
import type { ContactWay, DemandCategory, DemandKind, DemandState, ServiceClass } from './terms';

export interface DemandTimelineEntry {
  at: Date;
  /** `lapse`: closed by the timer after the enterprise did not answer a question in time (./waiting.ts). */
  action: 'submit' | DemandAction | 'callback' | 'lapse';
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
  /** Reopens (未解决) and 重办 (不满意) so far: the round of the service-level notices (once per round). */
  reopenCount: number;
  timeline: DemandTimelineEntry[];
  updatedAt: Date;
  /**
   * The service class and its deadline in working days, copied from the table (./serviceLevels.ts)
   * when the demand was filed: a later change of the table applies to new demands, not to promises
   * already made. Missing on demands filed before service levels existed (read as the defaults).
   */
  serviceClass?: ServiceClass;
  slaDays?: number;
  slaVersion?: number;
  /** The question of a pending 补充材料 request (waiting_enterprise), null otherwise. */
  question?: string | null;
  /** Why the center closed it without the enterprise: '未补充' (./waiting.ts). */
  closedReason?: string;
  /** The question (its time, ms) the enterprise was last reminded of while waiting (./waiting.ts). */
  waitRemindedFor?: number;
  /** Round (reopenCount) whose 即将到期 notice / 逾期督办 was queued: conditional updates keep each to once a round. */
  dueSoonRound?: number | null;
  escalatedRound?: number | null;
  escalatedAt?: Date | null;
  /** Rated 不满意 at least once (always called back). */
  unsatisfied?: boolean;
  /** Park month 'YYYY-MM' of the final rating: the 回访 sample is drawn per month of closing. */
  closedMonth?: string | null;
  /** The center's 回访 of a closed demand. */
  callback?: DemandCallback | null;
}

export interface DemandCallback {
  at: Date;
  by: string;
  name: string;
  /** Whether the person was reached, and when so whether they were satisfied. */
  reached: boolean;
  satisfied: boolean | null;
  note: string;
}

/** One row of the service-level table: a category's class and deadline (`_id` = the category). */
export interface ServiceLevelDoc {
  category: DemandCategory;
  serviceClass: ServiceClass;
  days: number;
  /** +1 on every change (audited with before → after); demands record the version they were filed under. */
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** An exception to the working week (`_id` = the park day 'YYYY-MM-DD'): a holiday, or a 调休 working weekend. */
export interface CalendarDayDoc {
  day: string;
  rule: DayRule;
  name: string;
  updatedAt: Date;
  updatedBy: string;
}
