import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import { revenueBand } from './rules';
import { withOrgFacts, type LedgerRow } from './shared';

const PAGE_SIZE = 20;
const FLAGS = ['all', 'noInstructor', 'mismatch', 'noOrg'] as const;


/**
 * The 五清 ledger, a page at a time, with search (name), industry and the flags "no instructor",
 * "form does not match the rule" and "no organisation". Two aggregations in parallel: the page,
 * and counts per industry (which give the chips their numbers) — the flags are computed in the
 * database (shared.ts → withOrgFacts), the function never loads the whole ledger.
 */
export const ledgerList = action({
  // An instructor sees the enterprises assigned to them (the same list, filtered).
  roles: ['admin', 'instructor'],
  params: z.strictObject({
    q: z.string().trim().max(30).optional(),
    industry: z.string().trim().max(20).optional(),
    flag: z.enum(FLAGS).default('all'),
    page: z.number().int().min(1).max(500).default(1),
  }),
  async handler({ q, industry, flag, page }, { caller }) {
    const _ = cmd();
    const $ = _.aggregate;
    const search: Record<string, unknown> = q ? { name: contains(q) } : {};
    if (!caller.is('admin')) search['instructor.openid'] = caller.openid;
    const rowsMatch: Record<string, unknown> = { ...(industry ? { industry } : {}) };
    if (flag === 'noInstructor') rowsMatch.hasInstructor = false;
    if (flag === 'mismatch') rowsMatch.mismatch = true;
    if (flag === 'noOrg') rowsMatch.hasOrg = false;

    const base = () => withOrgFacts(col('enterprises').aggregate().match(search));
    const [rows, groups] = (await Promise.all([
      base()
        .match(rowsMatch)
        .sort({ industry: 1, name: 1 })
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .project({ name: 1, industry: 1, building: 1, headcount: 1, full: 1, probationary: 1, members: 1, form: 1, branchId: 1, branchName: 1, hasInstructor: 1, instructor: 1, mismatch: 1, hasOrg: 1, qualifications: 1, annualRevenueWan: 1 })
        .limit(PAGE_SIZE) // the last stage: CloudBase may cap a pipeline not ending in $limit at 20 rows
        .end(),
      base()
        .group({
          _id: '$industry',
          all: $.sum(1),
          noInstructor: $.sum($.cond(['$hasInstructor', 0, 1])),
          mismatch: $.sum($.cond(['$mismatch', 1, 0])),
          noOrg: $.sum($.cond(['$hasOrg', 0, 1])),
        })
        .sort({ all: -1, _id: 1 })
        .limit(200)
        .end(),
    ])) as [{ data: LedgerRow[] }, { data: ({ _id: string } & Record<(typeof FLAGS)[number], number>)[] }];

    const counted = industry ? groups.data.filter((g) => g._id === industry) : groups.data;
    const counts = Object.fromEntries(FLAGS.map((f) => [f, counted.reduce((s, g) => s + g[f], 0)])) as Record<(typeof FLAGS)[number], number>;
    return {
      page,
      pageSize: PAGE_SIZE,
      total: counts[flag],
      counts,
      industries: groups.data.map((g) => ({ industry: g._id, count: g.all })),
      rows: rows.data.map((r) => ({
        id: r._id,
        name: r.name,
        industry: r.industry,
        building: r.building ?? '',
        headcount: r.headcount,
        full: r.full,
        probationary: r.probationary,
        form: r.form,
        branchName: r.branchName,
        instructorName: r.hasInstructor ? (r.instructor?.name ?? '') : null,
        mismatch: r.mismatch,
        qualifications: r.qualifications ?? [],
        revenueBand: revenueBand(r.annualRevenueWan),
      })),
    };
  },
});
