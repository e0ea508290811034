import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { coverageRates, type CoverageCounts } from '../../server/org/rules';
import { withOrgFacts } from './shared';

/**
 * Coverage figures, computed not typed: one aggregation groups the whole ledger by industry with
 * every count the rates need (organisation, organisation-or-instructor, each form, members); the
 * park's figures are the sum of those few rows. Rates: server/org/rules.ts → coverageRates.
 */
export const coverage = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
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
      .limit(200)
      .end()) as { data: (CoverageCounts & { _id: string; full: number; instructors: number; mismatch: number })[] };

    const keys = ['enterprises', 'withOrg', 'withOrgOrInstructor', 'single', 'joint', 'attached', 'dispatched', 'members', 'full', 'instructors', 'mismatch'] as const;
    const park = Object.fromEntries(keys.map((k) => [k, data.reduce((s, r) => s + r[k], 0)])) as Record<(typeof keys)[number], number>;
    const view = (c: typeof park) => ({ counts: c, rates: coverageRates(c) });
    return {
      park: view(park),
      byIndustry: data.map((r) => ({ industry: r._id, ...view(Object.fromEntries(keys.map((k) => [k, r[k]])) as typeof park) })),
      computedAt: new Date().toISOString(),
    };
  },
});
