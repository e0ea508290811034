/**
 * Who the members of a branch are, for organisation life (attendance at its meetings, 列席 at a
 * scan, the members a secretary can tick). ONE function on purpose, and every caller follows it:
 * the Party-member roster's members of the branch in that month (party's dated stretches, so a
 * transfer or a revoked app role today never rewrites who belonged to an earlier meeting's month),
 * as the WeChat users their rows are bound to — a scan and a tick are made by users. Roster
 * members not bound to WeChat cannot scan; they still count as expected at meetings (evidence.ts).
 */
import { dayjs, PARK_TZ } from '../../server/core/time';
import { boundMembersOf, rosterOf, type RosterPerson } from '../party/public';

/** Openids of the branch's roster members in `month` (`YYYY-MM`). One aggregation. */
export async function branchMembers(branchId: string, month: string): Promise<string[]> {
  return boundMembersOf(branchId, month);
}

/**
 * The branch's roster members in `month`, bound to WeChat or not (with the ids their sign-ins carry:
 * the openid now, the pseudonym after erasure). `branchMembers` is its bound openids. One aggregation.
 */
export async function branchRoster(branchId: string, month: string): Promise<RosterPerson[]> {
  return rosterOf(branchId, month);
}

/** The park month (`YYYY-MM`) of an instant: the month whose members a meeting is counted against. */
export function parkMonth(at: Date | number | string): string {
  return dayjs(at).tz(PARK_TZ).format('YYYY-MM');
}

/**
 * The same rule joined onto a read an action makes anyway (addAttendees, issue 19): the roster rows
 * of given openids with their stretches, checked for one branch and month in code.
 */
export { rosterRowsLookup, boundInRoster } from '../party/public';
