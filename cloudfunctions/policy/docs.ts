/**
 * Document shapes of the policy domain (policies, 惠企礼包, claims).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
import type { PolicyCriteria } from './matching';
import type { PolicyCategory, PolicyLevel } from './terms';

/**
 * A 惠企政策. Application days are park calendar days ('YYYY-MM-DD'), not instants: a deadline is "the
 * 31st in Suzhou" wherever the server runs, ISO days compare correctly as strings, and 未开始 / 有效 /
 * 已过期 is derived from `applyFrom` / `applyTo` against today's park day (server/core/time.ts → parkDay),
 * never stored.
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
  /**
   * Which notices the policy timer has queued (notices.ts): `matched` once, and per deadline stage the
   * applyTo it was queued for (a moved deadline makes the stage due again). Saves later runs the
   * work; the outbox's fixed ids are what make each message once.
   */
  notices?: { matched?: true; d7?: string; d1?: string };
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
  /**
   * 'package:<id>' or 'policy:<id>' while the demand is open (unique per enterprise); once the
   * demand closes, 'closed:<demandId>' (demand/claims.ts), which frees the key for a new request.
   */
  target: string;
  kind: 'package' | 'policy';
  refId: string;
  demandId: string;
  claimedBy: string;
  claimedAt: Date;
  /** When its demand closed (rated or withdrawn); null while the claim holds. */
  releasedAt?: Date | null;
}
