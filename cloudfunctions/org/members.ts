/**
 * Who the members of a branch are, for organisation life (attendance at its meetings, 列席 at a
 * scan, the members a secretary can tick). ONE function on purpose: today it answers the approved
 * users bound to the branch (the only list there is); when the Party-member roster lands it is
 * switched to the roster's `membersOf(branchId, month)` here, and every caller follows.
 *
 * The month is asked for already so callers say which month they mean (a meeting's own month): the
 * current approach ignores it and answers today's bound members, which is what the roster fixes.
 */
import { col } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';

/** Openids of the branch's members in `month` (`YYYY-MM`). One query; a branch has far fewer than 1,000. */
export async function branchMembers(branchId: string, month: string): Promise<string[]> {
  void month;
  const { data } = await col('users').where({ branchId, memberStatus: 'approved' }).field({ _id: true }).limit(1000).get();
  return data.map((u) => u._id);
}

/** The park month (`YYYY-MM`) of an instant: the month whose members a meeting is counted against. */
export function parkMonth(at: Date | number | string): string {
  return dayjs(at).tz(PARK_TZ).format('YYYY-MM');
}
