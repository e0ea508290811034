/**
 * Document shapes of the org domain (五清 ledger entries, organisations, organisation life, star ratings).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
export interface EnterpriseDoc {
  name: string;
  industry: string;
  /** 从业人员 — also the workforce's employee count of the 五清 ledger (one fact, one field). */
  headcount: number;
  foundedAt: string;
  qualifications: string[];
  contactOpenids: string[];
  /** 统一社会信用代码, when known (set by the Excel import). */
  creditCode?: string;
  createdAt: Date;
  updatedAt?: Date;
  /** Matching fields (policy.match): annual revenue in 万元, and the park day it settled in (入园). */
  annualRevenueWan?: number | null;
  settledAt?: string | null;
  profileUpdatedAt?: Date;
  // ---- 五清 ledger (org capability), the same profile: its 营收规模 is read from annualRevenueWan
  // above. Optional: enterprises created before the ledger, or by other capabilities, simply have
  // not been filled in yet (cloudfunctions/org/ledgerFields.ts reads defaults).
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
  /** 未建立原因 (the sixth fact, findings F-13): a short reason and a note; absent until filled in. */
  noOrgReason?: { kind: '党员不足3名' | '新设立企业' | '空壳或停业' | '其他' | null; note: string } | null;
  ledgerUpdatedAt?: Date;
  ledgerUpdatedBy?: string;
  /** The ledger's revision, moved by every logged change (ledgerWrite.writeLedger decides on it). */
  ledgerRev?: number;
  /** The latest logged change, for its log row should the call have died before writing it (ledgerWrite.ts). */
  ledgerLastChange?: { rev: number; actorRole: 'admin' | 'enterprise'; changes: { field: string; label: string; before: unknown; after: unknown }[] };
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

/**
 * 民主生活会 and 组织生活会 (F-05: required systems in seed 001) are recorded like the others but have
 * no rule in the 三会一课 table (orgLifeRules.ts → RULE_KINDS) and count in no star item.
 */
export type OrgLifeKind = '支部党员大会' | '支委会' | '党小组会' | '党课' | '主题党日' | '民主生活会' | '组织生活会';

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
  /** 会议记录 (G-03), optional; absent on records made before it existed. */
  minutes?: string;
  /** Up to 9 cloud storage file ids (G-03), optional. Branch records, not personal data. */
  photos?: string[];
  /** The sign-in event (kind 'meeting'): scanned rotating codes and hand-added members land there. */
  eventId: string;
  /** Attendees without an account in the app, recorded by name. */
  guestNames: string[];
  /** Who entered the record (录入人). */
  recordedBy: string;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Whether the record counts as evidence for the star rating (orgLifeRecords.ts): 'counted', or
   * 'pending' an admin's 核实 (entered more than 7 days after the meeting, or edited after it), or
   * 'rejected' by that admin, or 'withdrawn' by the branch. Absent on records written before 核实
   * existed: those read as 'counted'.
   */
  state?: OrgLifeState;
  /** Why it waits for 核实. */
  pendingReason?: 'late' | 'edited' | null;
  /** The admin who confirmed (or rejected) it at 核实 (确认人), when, and their note. */
  confirmedBy?: string | null;
  confirmedAt?: Date | null;
  reviewNote?: string;
  /** The last edit after entry. */
  editedBy?: string | null;
  editedAt?: Date | null;
  withdrawnBy?: string | null;
  withdrawnAt?: Date | null;
  withdrawReason?: string;
}

export type OrgLifeState = 'counted' | 'pending' | 'rejected' | 'withdrawn';

/** How often a branch must hold one kind of meeting (三会一课, 主题党日): at least `min` per month or per quarter. */
export interface OrgLifeRule {
  kind: OrgLifeKind;
  per: 'month' | 'quarter';
  min: number;
}

/**
 * The rule table in force (`_id` 'current'), versioned like the rubric: the star rating's 三会一课
 * and 主题党日 items are scored against it, and the 三会一课 board reads the same table.
 */
export interface OrgLifeRulesDoc {
  version: number;
  rules: OrgLifeRule[];
  updatedBy: string;
  updatedAt: Date;
}

export interface RubricItem {
  key: string;
  label: string;
  points: number;
  /** An evidence provider key (cloudfunctions/org/evidence.ts), or 'manual' for the assessor. */
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

/**
 * A 一票否决 rule (seed 001 「实行“一票否决”」, finding F-13): a named condition under which a branch
 * gets no star and no allowance for the quarter whatever its score.
 */
export interface VetoRule {
  key: string;
  label: string;
}

/** The scoring rubric in force (`_id` 'current'); each finalised rating keeps its own copy. */
export interface RubricDoc {
  version: number;
  items: RubricItem[];
  bands: StarBand[];
  /** Absent on rubrics saved before veto rules existed: read as DEFAULT_VETO_RULES (scoring.ts). */
  vetoRules?: VetoRule[];
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
  /**
   * The records the figure was computed from (issue 21), so a finalised sheet can be traced item by
   * item after the records change: at most EVIDENCE_REF_CAP per item, `refsTotal` says how many there
   * were. Absent on items scored by hand and on sheets finalised before the trace existed.
   */
  refs?: EvidenceRef[];
  refsTotal?: number;
  /** Set when an admin accepted an appeal with a corrected score: what the item had before, and why. */
  adjusted?: { from: number | null; note: string; appealId: string } | null;
}

/** One record behind an item's figure: its collection and id, a line to read, and the rows under it it counted. */
export interface EvidenceRef {
  col: string;
  id: string;
  label: string;
  /** Rows counted under this record (the sign-ins of a meeting), capped; `rowsTotal` is the full number. */
  rows?: string[];
  rowsTotal?: number;
}

/** A recorded 一票否决 of a branch for a quarter. */
export interface RatingVeto {
  ruleKey: string;
  ruleLabel: string;
  reason: string;
  by: string;
  byName: string;
  at: Date;
}

/** A corrected score an admin gave when accepting an appeal against an evidence-scored item. */
export interface RatingAdjustment {
  points: number;
  note: string;
  appealId: string;
  by: string;
  at: Date;
}

/**
 * An appeal (申诉) the branch's secretary files against one item (`itemKey`) or the whole sheet
 * ('*') before the quarter is finalised. Kept on the rating document itself, so filing, answering
 * and finalising are each one transaction on one document and can never interleave.
 */
export interface RatingAppeal {
  id: string;
  itemKey: string;
  reason: string;
  state: 'open' | 'accepted' | 'rejected';
  filedBy: string;
  filedByName: string;
  filedAt: Date;
  answeredBy: string | null;
  answeredByName: string;
  answeredAt: Date | null;
  answer: string;
  /** Accepted: the item adjusted and its corrected points. */
  adjustedItem: string | null;
  adjustedPoints: number | null;
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
  /** 一票否决 in force (null or absent: none). A vetoed rating keeps its total but has 0 stars and no allowance. */
  veto?: RatingVeto | null;
  /** Veto records and removals, in order (audited too). */
  vetoLog?: { at: Date; by: string; byName: string; op: 'veto' | 'revoke'; ruleLabel: string; reason: string }[];
  appeals?: RatingAppeal[];
  /** Item keys ('*' for the sheet) with an open appeal: the condition that keeps one open appeal per item. */
  openAppealKeys?: string[];
  /** Corrected scores from accepted appeals, by item key: they replace the evidence's points. */
  adjustments?: Record<string, RatingAdjustment>;
}

/** 待审批 → 已审批 → 已发放, or 已撤销 (before 已发放). */
export type PayoutState = 'pending' | 'approved' | 'paid' | 'withdrawn';

/**
 * One 红星津贴 payout (F-08): one 党务工作者 of one branch for one finalised quarter. One row per
 * (quarter, branchId, personKey) — the unique index `uniq_payout`. `stars` and `amount` are copied
 * from the finalised rating when the row is made and never recomputed: a later rubric or a re-read
 * of the evidence cannot change what was approved or paid.
 */
export interface PayoutDoc {
  quarter: string;
  branchId: string;
  /** The branch's name when the rating was finalised (the rating's own copy). */
  branchName: string;
  /** The person: their openid, or `pm:<memberId>` for a roster member not bound to a WeChat user. */
  personKey: string;
  openid: string | null;
  /** The roster row (党员花名册) when added from it; null for the secretary proposed by the system. */
  memberId: string | null;
  /** 'secretary': proposed from the branch's secretary at generation; 'roster': added by an admin. */
  source: 'secretary' | 'roster';
  /** Why an admin added the person (null for the proposed secretary). */
  addReason: string | null;
  stars: number;
  /** 元, from the finalised rating's allowance. */
  amount: number;
  state: PayoutState;
  approvedBy: string | null;
  approvedAt: Date | null;
  /** Park day of the approval: the payment cannot be dated before it. */
  approvedOn: string | null;
  /** Park day the money was paid, who recorded it, when. */
  paidOn: string | null;
  paidBy: string | null;
  paidAt: Date | null;
  withdrawnBy: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}
