/**
 * The Party-organisation facts of every enterprise, computed in the database: shared by the org
 * function's ledger list, coverage and organisation list, and by the admin console's dashboard and
 * exports, so the console's figures and the 五清 ledger page cannot drift apart.
 */
import type { BranchDoc } from './docs';
import { BUILT_FORMS, MIN_FULL_MEMBERS, mismatchExpr } from './rules';

/**
 * Stages that give every enterprise its Party-organisation facts, computed in the database: the
 * organisation covering it (branches.enterpriseIds), member counts with defaults, whether an
 * instructor is assigned, and the rule check (cloudfunctions/org/rules.ts) as `mismatch`.
 */
export function withOrgFacts(agg: any, opts: { roster?: boolean } = {}): any {
  const facts = agg
    .lookup({ from: 'branches', localField: '_id', foreignField: 'enterpriseIds', as: 'org' })
    .addFields({
      full: { $ifNull: ['$partyMembers.full', 0] },
      probationary: { $ifNull: ['$partyMembers.probationary', 0] },
      form: { $ifNull: [{ $arrayElemAt: ['$org.form', 0] }, null] },
      branchId: { $ifNull: [{ $arrayElemAt: ['$org._id', 0] }, null] },
      branchName: { $ifNull: [{ $arrayElemAt: ['$org.name', 0] }, null] },
      hasInstructor: { $ne: [{ $ifNull: ['$instructor.openid', null] }, null] },
      /** 未建立原因 (the sixth fact), null while not filled in. */
      noOrgReasonKind: { $ifNull: ['$noOrgReason.kind', null] },
    })
    .addFields({
      members: { $add: ['$full', '$probationary'] },
      hasOrg: { $ne: ['$form', null] },
      mismatch: mismatchExpr('$full', '$form', '$hasInstructor'),
    });
  return opts.roster ? withRosterCount(facts) : facts;
}

/**
 * With `roster` (the coverage figures): the organisation's 正式党员 on the 花名册 now (row active, in
 * the branch, 组织关系已转入; 预备党员 and relations still elsewhere do not count) as `orgFull`, and
 * whether the organisation counts for 组织覆盖 (`orgCounts`, findings G-12): 挂靠组建, or 单独/联合组建
 * with at least MIN_FULL_MEMBERS. Counted in the database, in the same aggregation. An enterprise
 * without an organisation joins on '' (no roster row has that branch), never on the null branch of
 * rows transferred out of the park.
 */
function withRosterCount(agg: any): any {
  return agg
    .addFields({ rosterKey: { $ifNull: ['$branchId', ''] } })
    .lookup({ from: 'partyMembers', localField: 'rosterKey', foreignField: 'branchId', as: 'roster' })
    .addFields({
      orgFull: {
        $size: {
          $filter: {
            input: '$roster',
            as: 'm',
            cond: { $and: [{ $eq: ['$$m.state', 'active'] }, { $eq: ['$$m.standing', '正式'] }, { $eq: ['$$m.relation', '已转入'] }] },
          },
        },
      },
    })
    .addFields({
      builtForm: { $in: ['$form', [...BUILT_FORMS]] },
    })
    .addFields({
      orgCounts: { $or: [{ $eq: ['$form', '挂靠组建'] }, { $and: ['$builtForm', { $gte: ['$orgFull', MIN_FULL_MEMBERS] }] }] },
    });
}

export interface LedgerRow {
  _id: string;
  name: string;
  industry: string;
  building?: string;
  headcount: number;
  full: number;
  probationary: number;
  members: number;
  form: BranchDoc['form'] | null;
  branchId: string | null;
  branchName: string | null;
  hasInstructor: boolean;
  instructor?: { openid: string; name: string } | null;
  mismatch: boolean;
  hasOrg: boolean;
  qualifications?: string[];
  annualRevenueWan?: number | null;
}
