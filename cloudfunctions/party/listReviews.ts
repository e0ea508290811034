import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { requireKeeper } from './months';
import { idParam } from './roster';
import { refuseFutureYear, yearParam } from './review';
import { branchYear } from './reviewList';

/**
 * 民主评议党员, one branch's year: every member with their ratings, result, 警示谈话 and whether
 * the row can be closed (and why not). The branch's current secretary or an admin — the rows are
 * as private as the roster (a member reads their own through myReviews).
 */
export const listReviews = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ branchId: idParam, year: yearParam }),
  async handler({ branchId, year }, { caller }) {
    refuseFutureYear(year);
    await requireKeeper(caller, branchId);
    const [[branch], lines] = await Promise.all([col('branches').doc(branchId).get().then((r) => r.data), branchYear(branchId, year)]);
    if (!branch) throw new AppError('NOT_FOUND', '没有这个党组织，请返回后刷新。');
    const count = (s: string) => lines.filter((l) => l.status === s).length;
    return {
      branchId,
      branchName: branch.name,
      year,
      members: lines,
      totals: { members: lines.length, none: count('none'), open: count('open'), closed: count('closed') },
    };
  },
});
