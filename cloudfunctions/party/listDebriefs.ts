import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { keptBranches } from './months';
import { debriefId, refuseFutureYear, yearParam } from './review';

/**
 * 书记述职评议, one year: every branch (admins) or the caller's own branches (secretaries) with its
 * 述职 or 未提交, the rating and what the caller may do. Three round trips whatever the park's size.
 */
export const listDebriefs = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ year: yearParam }),
  async handler({ year }, { caller }) {
    refuseFutureYear(year);
    const _ = cmd();
    const kept = await keptBranches(caller);
    const admin = kept === null;
    if (kept && !kept.length) return { year, branches: [] };
    const { data: branches } = await col('branches')
      .where(kept ? { _id: _.in(kept) } : {})
      .field({ name: true, secretaryOpenid: true })
      .limit(1000)
      .get();
    const { data: rows } = branches.length
      ? await col('partyDebriefs').where({ _id: _.in(branches.map((b) => debriefId(year, b._id))) }).limit(1000).get()
      : { data: [] };
    const byBranch = new Map(rows.map((r) => [r.branchId, r]));
    return {
      year,
      branches: branches
        .map((b) => {
          const d = byBranch.get(b._id) ?? null;
          return {
            branchId: b._id,
            branchName: b.name,
            submitted: !!d,
            text: d?.text ?? null,
            link: d?.link ?? null,
            submittedAt: d?.submittedAt ?? null,
            rating: d?.rating ?? null,
            comment: d?.comment ?? null,
            canSubmit: b.secretaryOpenid === caller.openid && !d?.rating,
            canRate: admin && !!d,
          };
        })
        .sort((a, b) => Number(a.submitted) - Number(b.submitted) || a.branchName.localeCompare(b.branchName, 'zh-CN')),
    };
  },
});
