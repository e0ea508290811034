/**
 * Who belongs where, and who may act on a branch's ledgers — the two questions every `party`
 * action (and, through public.ts, every figure that divides by a branch's members) asks.
 *
 * Membership in a month is read from the dated stretches on the roster row
 * (`PartyMemberDoc.stretches`, issue 19), so past months keep the answer they had: a transfer
 * confirmed today closes the open stretch and appends the next from its effective day and never
 * touches an earlier month.
 */
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { PartyStretch } from './docs';

/** The first park day of a month `YYYY-MM`. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** Whether stretch `s` covers park day `day` (from inclusive, to exclusive): THE membership rule, in code. */
export function coversDay(s: Pick<PartyStretch, 'from' | 'to'>, day: string): boolean {
  return s.from <= day && (s.to === null || s.to === undefined || s.to > day);
}

/**
 * The `where` (or aggregation `match`) of the roster rows with a stretch in `branchId` (a value or
 * a command such as `_.in([...])`; undefined for any) that began as `from` says (a command: `_.lte(day)`) and is open
 * or ends after `endsAfter` — the membership rule, in the database. Two `elemMatch` under an `or`
 * because the SDK does not encode a field-level `.or` (`to: _.eq(null).or(_.gt(day))`) inside an
 * `elemMatch`: it matched nothing in the emulator, so the open and the closed stretch are asked
 * apart. Both branches use the index on `stretches.branchId` + `stretches.from`.
 */
export function withStretch(branchId: unknown, from: unknown, endsAfter: string): Record<string, unknown> {
  const _ = cmd();
  // undefined: any branch (the whole park's figures).
  const branch = branchId === undefined ? {} : { branchId };
  return _.or([
    { stretches: _.elemMatch({ ...branch, from, to: null }) },
    { stretches: _.elemMatch({ ...branch, from, to: _.gt(endsAfter) }) },
  ]);
}

/** The rows with a stretch of `branchId` covering `day`. */
const coveringDay = (branchId: unknown, day: string) => withStretch(branchId, cmd().lte(day), day);

/**
 * The roster members who belonged to `branchId` in `month` (a stretch covering its first day).
 * One query; a branch has far fewer than 1,000 members (the limit is the SDK's cap, stated, not hit).
 */
export async function membersOf(branchId: string, month: string): Promise<string[]> {
  const { data } = await col('partyMembers')
    .where(coveringDay(branchId, monthStart(month)))
    .field({ _id: true })
    .limit(1000)
    .get();
  return data.map((m) => m._id);
}

/** The branch `memberId` belonged to in `month`, or null (not in the park that month). One read: the row. */
export async function branchOf(memberId: string, month: string): Promise<string | null> {
  const day = monthStart(month);
  const { data } = await col('partyMembers').where({ _id: memberId }).field({ stretches: true }).limit(1).get();
  return (data[0]?.stretches ?? []).find((s) => coversDay(s, day))?.branchId ?? null;
}

/**
 * The branches the caller keeps ledgers for: every branch for an admin (null = all), otherwise the
 * branches whose secretary they are at the time of the call (never a list copied into a record).
 */
export async function keptBranches(caller: Caller): Promise<string[] | null> {
  if (caller.is('admin')) return null;
  const { data } = await col('branches').where({ secretaryOpenid: caller.openid }).field({ _id: true }).limit(20).get();
  return data.map((b) => b._id);
}

/** Refuses unless the caller keeps `branchId`'s ledgers (its current secretary, or an admin). */
export async function requireKeeper(caller: Caller, branchId: string): Promise<void> {
  const kept = await keptBranches(caller);
  if (kept && !kept.includes(branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
}

/** One roster member of a branch in a month, as the figures about people need them. */
export interface RosterPerson {
  memberId: string;
  /** The bound WeChat user now; null while unbound or after 删除我的数据. */
  openid: string | null;
  /**
   * The pseudonym the person's kept records moved to when they erased their data (user/erase.ts):
   * a past month's study progress is filed under it, so an erasure never un-finishes a month.
   */
  erasedAs: string | null;
  name: string;
  /** Where the row is now (null once out of the park) and its state: "still here" for reminders. */
  currentBranchId: string | null;
  active: boolean;
}

/**
 * The roster of `branchId` in `month` with each row's binding: the rows with a stretch covering the
 * month's first day — ONE query (the stretches are on the row, so nothing is joined), and the
 * figures that switched from "approved users" to the roster (org/members.ts, study completion)
 * make no extra round trip. A branch has far fewer than 1,000 members; the limit is stated, not hit.
 */
export async function rosterOf(branchId: string, month: string): Promise<RosterPerson[]> {
  return peopleOfStretches(coveringDay(branchId, monthStart(month)));
}

/**
 * The roster of `branchId` over a park year: everyone with a stretch there overlapping the year
 * (an arrival in June and a leaver in March both belonged that year), with each row's binding. ONE
 * query; a branch has far fewer than 1,000 members in a year (stated, not hit).
 */
export async function rosterOfYear(branchId: string, year: number): Promise<RosterPerson[]> {
  return peopleOfStretches(withStretch(branchId, cmd().lt(`${year + 1}-01-01`), `${year}-01-01`));
}

/** The people of the roster rows `where` selects (a `withStretch`), each once by construction: one row, one person. */
async function peopleOfStretches(where: Record<string, unknown>): Promise<RosterPerson[]> {
  const { data } = await col('partyMembers')
    .where(where)
    .field({ _id: true, openid: true, erasedAs: true, name: true, branchId: true, state: true })
    .limit(1000)
    .get();
  return data.map((r) => ({ memberId: r._id, openid: r.openid ?? null, erasedAs: r.erasedAs ?? null, name: r.name ?? '', currentBranchId: r.branchId ?? null, active: r.state === 'active' }));
}

/**
 * For a caller that joins the roster onto a read it makes anyway (org/addAttendees, issue 19): a
 * `$lookup` of the roster rows bound to `openids`, each with its dated stretches, as `as`. Check
 * it with `boundInRoster`, the same rule `rosterOf` matches in the database.
 */
export function rosterRowsLookup(openids: string[], as: string) {
  const _ = cmd();
  return {
    from: 'partyMembers',
    pipeline: _.aggregate
      .pipeline()
      .match({ openid: _.in(openids) })
      .project({ _id: 0, openid: 1, 'stretches.branchId': 1, 'stretches.from': 1, 'stretches.to': 1 })
      .limit(1000)
      .done(),
    as,
  };
}

/** Openids among `rows` (from `rosterRowsLookup`) on the roster of `branchId` in `month`: a stretch covering its first day, as `rosterOf`. */
export function boundInRoster(rows: { openid?: string | null; stretches?: Pick<PartyStretch, 'branchId' | 'from' | 'to'>[] }[], branchId: string, month: string): Set<string> {
  const day = monthStart(month);
  return new Set(rows.filter((r) => r.openid && (r.stretches ?? []).some((s) => s.branchId === branchId && coversDay(s, day))).map((r) => r.openid as string));
}

/** Openids of the roster members of `branchId` in `month` who are bound to a WeChat user (one aggregation). */
export async function boundMembersOf(branchId: string, month: string): Promise<string[]> {
  return (await rosterOf(branchId, month)).flatMap((p) => (p.openid ? [p.openid] : []));
}

/** The branch the user's roster row is in now (active rows only), or null when they have none. One query. */
export async function currentBranchOf(openid: string): Promise<string | null> {
  const { data } = await col('partyMembers').where({ openid, state: 'active' }).field({ branchId: true }).limit(1).get();
  return data[0]?.branchId ?? null;
}
