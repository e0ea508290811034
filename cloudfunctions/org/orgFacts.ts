/**
 * The Party-organisation facts of every enterprise, computed in the database: shared by the org
 * function's ledger list, coverage and organisation list, and by the admin console's dashboard and
 * exports, so the console's figures and the 五清 ledger page cannot drift apart.
 */
import type { BranchDoc } from './docs';
import { mismatchExpr } from './rules';

/**
 * Stages that give every enterprise its Party-organisation facts, computed in the database: the
 * organisation covering it (branches.enterpriseIds), member counts with defaults, whether an
 * instructor is assigned, and the rule check (cloudfunctions/org/rules.ts) as `mismatch`.
 */
export function withOrgFacts(agg: any): any {
  return agg
    .lookup({ from: 'branches', localField: '_id', foreignField: 'enterpriseIds', as: 'org' })
    .addFields({
      full: { $ifNull: ['$partyMembers.full', 0] },
      probationary: { $ifNull: ['$partyMembers.probationary', 0] },
      form: { $ifNull: [{ $arrayElemAt: ['$org.form', 0] }, null] },
      branchId: { $ifNull: [{ $arrayElemAt: ['$org._id', 0] }, null] },
      branchName: { $ifNull: [{ $arrayElemAt: ['$org.name', 0] }, null] },
      hasInstructor: { $ne: [{ $ifNull: ['$instructor.openid', null] }, null] },
    })
    .addFields({
      members: { $add: ['$full', '$probationary'] },
      hasOrg: { $ne: ['$form', null] },
      mismatch: mismatchExpr('$full', '$form', '$hasInstructor'),
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
