/**
 * Document types of the `party` domain: the 党总支's member ledgers (issue 20).
 *
 * The roster is the one source every figure that divides by "the branch's members" stands on.
 * Who belonged to a branch in a month is answered by the row's dated `stretches`, never by today's
 * `partyMembers.branchId`, so a transfer in December does not rewrite October's figures.
 *
 * Dates a person states (入党日期, 介绍信日期, a step's date) are park calendar days `YYYY-MM-DD`
 * (Asia/Shanghai), kept as strings so no time zone can move them; months are `YYYY-MM`.
 */

export type PartyStanding = '正式' | '预备';
/** 组织关系: 已转入园区 (the relation sits in a park branch) or 未转入 (still elsewhere: `relationHeldAt`). */
export type RelationStatus = '已转入' | '未转入';

/**
 * 党员花名册: one Party member working in the park. Sensitive personal information (PIPL): only the
 * member (bound `openid`), the current secretary of `branchId` and admins may read a row.
 */
export interface PartyMemberDoc {
  name: string;
  /** The branch the member belongs to now; null once transferred out of the park. */
  branchId: string | null;
  standing: PartyStanding;
  /**
   * 入党日期 (admitted as 预备党员). Null only on rows made from what the app knew before the roster
   * (`migrateMembers`, an approval without dates): the app never knew the date and will not invent
   * one; the secretary completes it (listMembers `incomplete`), and every write through
   * upsertMember requires it.
   */
  joinedOn: string | null;
  /** 转正日期; null while 预备. */
  confirmedOn: string | null;
  /** Employer; names are looked up at read time (never copied, so a rename needs no sweep). */
  enterpriseId: string | null;
  relation: RelationStatus;
  /** Where the 组织关系 still sits while 未转入 (e.g. 原单位党委、户籍地街道党工委). */
  relationHeldAt: string | null;
  phone: string | null;
  /** The member's WeChat user once bound. */
  openid: string | null;
  /**
   * `openid` once bound, `row:<_id>` until then: the unique index `uniq_bind` makes one person one
   * row. (A unique index on `openid` itself would key every unbound row as null and allow only one.)
   */
  bindKey: string;
  /**
   * After 删除我的数据: the pseudonym the person's kept records (study progress among them) now
   * carry, so the months they counted in keep their answer. Absent until then.
   */
  erasedAs?: string | null;
  state: 'active' | 'transferredOut';
  /**
   * The member's belonging to park branches, oldest first (see PartyStretch). Held on the row itself
   * (issue 19) so that a transfer — closing one stretch, opening the next, moving `branchId` — is ONE
   * conditional update of one document: all-or-nothing without a transaction, and five round trips
   * where a transaction over separate stretch documents took eight to twelve. The last stretch is
   * open (`to: null`) exactly while `state` is 'active'. A member changes branch a few times in a
   * career, so the array stays tiny.
   */
  stretches: PartyStretch[];
  /**
   * The pending between-branch transfer, or null. Claimed by a conditional update (null → id) and
   * cleared by the one that decides or withdraws it: one pending transfer per member, held by the
   * row itself (a second request conflicts on this document) rather than by a read of the transfers.
   */
  pendingTransferId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One stretch of a member's belonging to a branch: from `from` (inclusive) to `to` (exclusive; null =
 * still there). A member counts for branch X in month M when a stretch of X covers M's first day —
 * so a month has one answer, a mid-month arrival counts from the next month, and a mid-month
 * leaver still counts (and owes 党费) where the month began. Kept in `PartyMemberDoc.stretches`.
 */
export interface PartyStretch {
  branchId: string;
  from: string;
  to: string | null;
  /** The transfer that opened it (null for a row registered, imported, approved or migrated). */
  transferId: string | null;
}

/**
 * The stretches as separate documents (`partyMemberships`), before issue 19 moved them onto the
 * row. Read only by the one-off migration `party.embedStretches`.
 */
export interface PartyMembershipDoc extends PartyStretch {
  memberId: string;
  createdAt: Date;
}

/** 组织关系转接: in (from outside the park), between park branches (the receiving secretary confirms), out. */
export interface PartyTransferDoc {
  memberId: string;
  kind: 'in' | 'between' | 'out';
  fromBranchId: string | null;
  toBranchId: string | null;
  /** The organisation outside the park: where an `in` comes from, where an `out` goes. */
  outsideOrg: string | null;
  /** 介绍信 number and date. */
  letterNo: string | null;
  letterDate: string | null;
  /** The day the membership changes (the stretches switch on this day). */
  effectiveOn: string;
  /** `rejected`: the receiving side said no; `cancelled`: the requester withdrew it. */
  state: 'pending' | 'confirmed' | 'rejected' | 'cancelled';
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
}

/**
 * 党费收缴登记: one member, one month. `_id` is `${memberId}:${month}` so a month is recorded once.
 * `branchId` is the branch the member belonged to in that month (from the stretches, when recorded).
 * RedPark records what the secretary enters; it computes no pay and handles no payment.
 */
export interface PartyDuesDoc {
  memberId: string;
  month: string;
  branchId: string;
  /** 应缴, in fen (integer): the standard depends on income, entered by the secretary. */
  amountFen: number;
  /** The day it was paid; null = unpaid. */
  paidOn: string | null;
  recordedBy: string;
  markedBy: string | null;
  updatedAt: Date;
}

export type DevelopmentStage = '入党申请人' | '入党积极分子' | '发展对象' | '预备党员' | '正式党员';

/** 发展党员档案: one person's way from application to full membership, as dated steps. */
export interface PartyDevelopmentDoc {
  name: string;
  branchId: string;
  openid: string | null;
  enterpriseId: string | null;
  /** The current stage; advanced only by a conditional update on the stage it had. */
  stage: DevelopmentStage;
  /**
   * The day the current stage began (= the last step's `on`), kept beside `stage` so "积极分子 since
   * before D" is one indexed query (developmentDue, the reminders) instead of an unwind of `steps`.
   */
  stageOn: string;
  steps: { stage: DevelopmentStage; on: string; by: string; at: Date; note: string | null }[];
  /** 培养联系人: two roster members (memberIds). */
  contacts: string[];
  /** The roster row created when the person became 预备党员. */
  memberId: string | null;
  state: 'active' | 'withdrawn';
  /** Why the file was closed (e.g. 本人撤回申请、调离园区), by whom and when; null while active. */
  withdrawal: { reason: string; by: string; at: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** 民主评议党员 grades (the ratings and the result use the same scale). */
export type ReviewGrade = '优秀' | '合格' | '基本合格' | '不合格';

/**
 * 民主评议党员 (三评议, seed 001: 企业领导评议、企业职工评议、党支部评议, once a year): one member, one
 * year. `_id` is `${year}:${memberId}` and the unique index `uniq_year_member` backs it, so a year is
 * reviewed once. `branchId` is the branch the member belonged to when the review was entered
 * (review.ts → reviewBranchOf); its current secretary keeps the row.
 */
export interface PartyReviewDoc {
  year: number;
  memberId: string;
  branchId: string;
  /** 企业领导评议, 职工评议, 支部评议; null until given. */
  leader: ReviewGrade | null;
  staff: ReviewGrade | null;
  branch: ReviewGrade | null;
  /** 评议结果, set by the secretary from the three. */
  result: ReviewGrade | null;
  /** 警示谈话 — required before a 基本合格 / 不合格 row is closed. */
  talk: { on: string; by: string; note: string } | null;
  /** Closed rows are final: every write is conditional on `closedAt: null`. */
  closedAt: Date | null;
  closedBy: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export type DebriefRating = '好' | '较好' | '一般' | '差';

/**
 * 书记述职评议 (seed 002: 年底组织园区党组织书记对抓基层党建工作进行述职评议): one branch, one year,
 * `_id` `${year}:${branchId}` (unique index `uniq_year_branch`). The text is the secretary's; the
 * rating the admins'. Once rated, the text is frozen (the rating was given on it).
 */
export interface PartyDebriefDoc {
  year: number;
  branchId: string;
  text: string;
  link: string | null;
  submittedBy: string;
  submittedAt: Date;
  rating: DebriefRating | null;
  comment: string | null;
  ratedBy: string | null;
  ratedAt: Date | null;
}

export type PostKind = '先锋岗' | '示范岗';

/**
 * 党员先锋岗 / 示范岗 (seeds 000–002): a designation of one member for one year, `_id`
 * `${year}:${memberId}:${kind}` (unique index `uniq_year_member_kind`). Shown publicly on the
 * branch page with the member's name, title and enterprise only.
 */
export interface PartyPostDoc {
  year: number;
  memberId: string;
  branchId: string;
  kind: PostKind;
  title: string;
  enterpriseId: string | null;
  setBy: string;
  updatedAt: Date;
}
