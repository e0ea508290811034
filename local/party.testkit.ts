/**
 * Helpers of the party integration tests (not shipped). Roster rows and their dated stretches are
 * written straight into the database, so the 党费 and 发展 tests stand on their own and do not
 * depend on the roster and transfer actions (built beside them).
 */
import { col } from '../server/core/db';
import { newUser } from '../server/core/caller';
import { addDays, parkDay } from '../server/core/time';
import type { Role } from '../server/core/roles';
import type { PartyStanding } from '../cloudfunctions/party/docs';
import { freshOpenid } from './testing';

let n = 0;
const tag = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

/** A user who may call as `roles` (the router reads them from the user record). */
export async function makeUser(roles: Role[], name = '测试用户'): Promise<string> {
  const openid = freshOpenid(roles.join('-') || 'visitor');
  const at = new Date();
  await col('users').add({ _id: openid, ...newUser(openid, at), roles, profile: { name }, privacyAcceptedAt: at });
  return openid;
}

/** A branch of its own (its figures are the test's alone), kept by a fresh secretary. */
export async function makeBranch(name = '测试党支部'): Promise<{ branchId: string; secretary: string; name: string }> {
  const t = tag();
  const secretary = await makeUser(['secretary', 'member'], `书记${t}`);
  const branchId = `br-test-${t}`;
  const full = `${name}${t}`;
  await col('branches').add({ _id: branchId, name: full, form: '联合组建', secretaryOpenid: secretary, enterpriseIds: [`ent-test-${t}`], createdAt: new Date() });
  return { branchId, secretary, name: full };
}

export interface MemberSpec {
  branchId: string;
  /** First day in the branch (default: two years ago). */
  from?: string;
  /** Last stretch's end (exclusive), or null (still there). */
  to?: string | null;
  standing?: PartyStanding;
  name?: string;
  openid?: string | null;
}

/** A roster row with one stretch in `branchId` from `from`. */
export async function makeMember(spec: MemberSpec): Promise<string> {
  const t = tag();
  const memberId = `pm-test-${t}`;
  const at = new Date();
  const from = spec.from ?? addDays(parkDay(), -730);
  const openid = spec.openid ?? null;
  await col('partyMembers').add({
    _id: memberId, name: spec.name ?? `党员${t}`, branchId: spec.to ? null : spec.branchId, standing: spec.standing ?? '正式',
    joinedOn: addDays(from, -365), confirmedOn: (spec.standing ?? '正式') === '正式' ? from : null, enterpriseId: null,
    relation: '已转入', relationHeldAt: null, phone: null, openid, bindKey: openid ?? `row:${memberId}`,
    state: spec.to ? 'transferredOut' : 'active', createdAt: at, updatedAt: at,
    stretches: [{ branchId: spec.branchId, from, to: spec.to ?? null, transferId: null }], pendingTransferId: null,
  });
  return memberId;
}

/** Moves a member from one branch to another on `on` (closes the open stretch, opens the next). */
export async function moveMember(memberId: string, toBranchId: string, on: string): Promise<void> {
  const [m] = (await col('partyMembers').doc(memberId).get()).data;
  const stretches = [...m.stretches.slice(0, -1), { ...m.stretches.at(-1)!, to: on }, { branchId: toBranchId, from: on, to: null, transferId: null }];
  await col('partyMembers').doc(memberId).update({ branchId: toBranchId, stretches, updatedAt: new Date() });
}

/** The member's stretches as stored on the row (oldest first). */
export async function stretchesOf(memberId: string) {
  const [m] = (await col('partyMembers').doc(memberId).get()).data;
  return m?.stretches ?? [];
}
