/**
 * Coverage figures, computed not typed: one aggregation groups the whole ledger by industry with
 * every count the rates need (counted organisation — the 3-member rule on the roster, findings G-12 —,
 * organisation-or-instructor, each form, members); the park's figures are the sum of those few rows.
 * Rates: ./rules.ts → coverageRates. Used by `org.coverage` (the coverage page) and by the admin console (dashboard, coverage export), so
 * every place shows the same numbers.
 */
import { cmd, col } from '../../server/core/db';
import { COVERAGE_DEFINITIONS, coverageRates, MIN_FULL_MEMBERS, type CoverageCounts, type OrgForm } from './rules';
import { withOrgFacts } from './orgFacts';

const KEYS = ['enterprises', 'withOrg', 'withOrgOrInstructor', 'single', 'joint', 'attached', 'dispatched', 'members', 'full', 'instructors', 'mismatch', 'belowThree', 'noReason'] as const;
export type CoverageKey = (typeof KEYS)[number];
export type CoverageTotals = Record<CoverageKey, number>;

const view = (c: CoverageTotals) => ({ counts: c, rates: coverageRates(c) });
export type CoverageView = ReturnType<typeof view>;

/** A 单独组建 / 联合组建 organisation and its 正式党员 on the roster now. */
export interface BuiltOrg {
  id: string;
  name: string;
  form: OrgForm;
  full: number;
}

/** One database call whatever the ledger's size (at most 200 industries come back). */
export async function coverageFigures(): Promise<{
  park: CoverageView;
  byIndustry: (CoverageView & { industry: string })[];
  /** 单独组建 / 联合组建 organisations below the 3-member rule: shown, not counted. */
  belowThree: BuiltOrg[];
  minFull: number;
  definitions: readonly string[];
}> {
  const $ = cmd().aggregate;
  // `orgCounts`: 挂靠组建, or a 单独/联合组建 organisation meeting the 3-member rule (orgFacts.ts).
  const orgCounts = '$orgCounts';
  const below = { $and: ['$builtForm', { $not: ['$orgCounts'] }] };
  const is = (form: string) => $.sum($.cond([{ $eq: ['$form', form] }, 1, 0]));
  const countedAs = (form: string) => $.sum($.cond([{ $and: [{ $eq: ['$form', form] }, orgCounts] }, 1, 0]));
  const { data } = (await withOrgFacts(col('enterprises').aggregate(), { roster: true })
    .group({
      _id: '$industry',
      enterprises: $.sum(1),
      withOrg: $.sum($.cond([orgCounts, 1, 0])),
      withOrgOrInstructor: $.sum($.cond([{ $or: ['$hasOrg', '$hasInstructor'] }, 1, 0])),
      single: countedAs('单独组建'),
      joint: countedAs('联合组建'),
      attached: is('挂靠组建'),
      dispatched: is('派驻'),
      members: $.sum('$members'),
      full: $.sum('$full'),
      instructors: $.sum($.cond(['$hasInstructor', 1, 0])),
      mismatch: $.sum($.cond(['$mismatch', 1, 0])),
      belowThree: $.sum($.cond([below, 1, 0])),
      belowOrgs: $.addToSet($.cond([below, { id: '$branchId', name: '$branchName', form: '$form', full: '$orgFull' }, null])),
      // 未建立原因未填 (F-13): 派驻, or an instructor without any organisation, must say why none was set up.
      noReason: $.sum($.cond([{ $and: [{ $or: [{ $eq: ['$form', '派驻'] }, { $and: [{ $eq: ['$form', null] }, '$hasInstructor'] }] }, { $eq: ['$noOrgReasonKind', null] }] }, 1, 0])),
    })
    .sort({ enterprises: -1, _id: 1 })
    // Industries are a closed list (cloudfunctions/policy/terms.ts INDUSTRIES, enforced by the ledger
    // and the import), so the park total summed from these groups is complete.
    .limit(200)
    .end()) as { data: (CoverageCounts & { _id: string; full: number; instructors: number; mismatch: number; noReason: number; belowOrgs: (BuiltOrg | null)[] })[] };

  const park = Object.fromEntries(KEYS.map((k) => [k, data.reduce((s, r) => s + r[k], 0)])) as CoverageTotals;
  return {
    park: view(park),
    byIndustry: data.map((r) => ({ industry: r._id, ...view(Object.fromEntries(KEYS.map((k) => [k, r[k]])) as CoverageTotals) })),
    // A joint organisation spans industries: listed once.
    belowThree: [...new Map(data.flatMap((r) => r.belowOrgs).filter((o): o is BuiltOrg => !!o).map((o) => [o.id, o])).values()]
      .sort((a, b) => a.full - b.full || a.name.localeCompare(b.name, 'zh')),
    minFull: MIN_FULL_MEMBERS,
    definitions: COVERAGE_DEFINITIONS,
  };
}
