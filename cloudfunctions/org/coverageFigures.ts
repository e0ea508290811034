/**
 * Coverage figures, computed not typed: one aggregation groups the whole ledger by industry with
 * every count the rates need (organisation, organisation-or-instructor, each form, members); the
 * park's figures are the sum of those few rows. Rates: ./rules.ts → coverageRates. Used by
 * `org.coverage` (the coverage page) and by the admin console (dashboard, coverage export), so
 * every place shows the same numbers.
 */
import { cmd, col } from '../../server/core/db';
import { coverageRates, type CoverageCounts } from './rules';
import { withOrgFacts } from './orgFacts';

const KEYS = ['enterprises', 'withOrg', 'withOrgOrInstructor', 'single', 'joint', 'attached', 'dispatched', 'members', 'full', 'instructors', 'mismatch'] as const;
export type CoverageKey = (typeof KEYS)[number];
export type CoverageTotals = Record<CoverageKey, number>;

const view = (c: CoverageTotals) => ({ counts: c, rates: coverageRates(c) });
export type CoverageView = ReturnType<typeof view>;

/** One database call whatever the ledger's size (at most 200 industries come back). */
export async function coverageFigures(): Promise<{ park: CoverageView; byIndustry: (CoverageView & { industry: string })[] }> {
  const $ = cmd().aggregate;
  const is = (form: string) => $.sum($.cond([{ $eq: ['$form', form] }, 1, 0]));
  const { data } = (await withOrgFacts(col('enterprises').aggregate())
    .group({
      _id: '$industry',
      enterprises: $.sum(1),
      withOrg: $.sum($.cond(['$hasOrg', 1, 0])),
      withOrgOrInstructor: $.sum($.cond([{ $or: ['$hasOrg', '$hasInstructor'] }, 1, 0])),
      single: is('单独组建'),
      joint: is('联合组建'),
      attached: is('挂靠组建'),
      dispatched: is('派驻'),
      members: $.sum('$members'),
      full: $.sum('$full'),
      instructors: $.sum($.cond(['$hasInstructor', 1, 0])),
      mismatch: $.sum($.cond(['$mismatch', 1, 0])),
    })
    .sort({ enterprises: -1, _id: 1 })
    // Industries are a closed list (cloudfunctions/policy/terms.ts INDUSTRIES, enforced by the ledger
    // and the import), so the park total summed from these groups is complete.
    .limit(200)
    .end()) as { data: (CoverageCounts & { _id: string; full: number; instructors: number; mismatch: number })[] };

  const park = Object.fromEntries(KEYS.map((k) => [k, data.reduce((s, r) => s + r[k], 0)])) as CoverageTotals;
  return {
    park: view(park),
    byIndustry: data.map((r) => ({ industry: r._id, ...view(Object.fromEntries(KEYS.map((k) => [k, r[k]])) as CoverageTotals) })),
  };
}
