/**
 * Database round trips of the admin / secretary taps of `user`, pinned (issue 19). Each test makes
 * its setup first, then ONE counted call (see local/roundTrips.testkit.ts): the caller already
 * exists, so the count includes the caller's user-record read and nothing of a first visit.
 * The budgets are the maxima over each action's ordinary successful paths; the heavier paths are
 * the ones counted (a roster row made, a secretary replaced, a contact moved between enterprises).
 * REDPARK_ROUNDTRIPS_TRACE=1 prints each counted call's requests (action and collection).
 * The "before" numbers were measured with this file against the actions as they were (every
 * test here failed its first pin then).
 */
import { freshOpenid, type TestGateway } from '../../local/testing';
import { ok } from '../../local/volunteer.testkit';
import { countingGateway, budgets } from '../../local/roundTrips.testkit';
import { makeBranch, makeMember, makeUser } from '../../local/party.testkit';
import { makeEnterprise } from '../../local/appointment.testkit';
import { addDays, parkDay } from '../../server/core/time';
import { col } from '../../server/core/db';

let gw: TestGateway;

const count = countingGateway((g) => (gw = g), () => pins.report());
async function counted(fn: string, action: string, params: unknown, openid: string) {
  if (!process.env.REDPARK_ROUNDTRIPS_TRACE) return count(fn, action, params, openid);
  const real = gw.emulator.handle.bind(gw.emulator);
  const seen: string[] = [];
  const spy = jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) => {
    seen.push(`${String(body?.action).replace('database.', '')} ${body?.collectionName ?? ''}`);
    return real(body);
  });
  try {
    return await count(fn, action, params, openid);
  } finally {
    spy.mockRestore();
    console.log(`${fn}.${action} ${JSON.stringify(params)}\n  ${seen.join('\n  ')}`);
  }
}

const pins = budgets({
  'user.approveMember (rejected)': 4, // 8 before
  'user.approveMember (a new roster row, by the branch secretary)': 5, // 10 before
  'user.approveMember (a new roster row, by an admin)': 5, // 9 before
  'user.approveMember (linking a row of the roster)': 5, // 10 before
  'user.grantRole (admin)': 4, // 5 before
  'user.grantRole (instructor)': 4, // 5 before
  'user.grantRole (expert)': 4, // 6 before
  'user.grantRole (enterprise, a first enterprise)': 5, // 7 before
  'user.grantRole (enterprise, moved from another)': 6, // 8 before
  'user.grantRole (member, a new roster row)': 5, // 10 before
  'user.grantRole (member, already on the branch roster)': 4, // 10 before
  'user.grantRole (secretary of a branch without one)': 5, // 8 before
  'user.grantRole (secretary, replacing the previous one)': 7, // 11 before
  'user.revokeRole (admin)': 4, // 5 before
  'user.revokeRole (member)': 4, // 5 before
  'user.revokeRole (secretary)': 5, // 6 before
  'user.revokeRole (enterprise)': 5, // 6 before
  'user.revokeRole (instructor)': 5, // 6 before
  'user.revokeRole (expert, nothing booked)': 6, // 8 before
});

const yearsAgo = (n: number) => addDays(parkDay(), -365 * n - 3);

/** A person who applied to `branchId` and waits for the secretary. */
async function applicant(branchId: string): Promise<string> {
  const openid = await makeUser([], '申请人');
  await ok(gw.call('user', 'applyMember', { branchId }, openid));
  return openid;
}

describe('the user domain taps stay within their database round trips', () => {
  test('approving_or_rejecting_an_application_stays_within_its_budget', async () => {
    const { branchId, secretary } = await makeBranch();
    const rejected = await counted('user', 'approveMember', { openid: await applicant(branchId), approve: false }, secretary);
    pins.within('user.approveMember (rejected)', rejected.requests);

    const made = await counted('user', 'approveMember', { openid: await applicant(branchId), approve: true, standing: '正式', joinedOn: yearsAgo(6), confirmedOn: yearsAgo(5) }, secretary);
    expect(made.data.memberId).toEqual(expect.any(String));
    pins.within('user.approveMember (a new roster row, by the branch secretary)', made.requests);

    const byAdmin = await counted('user', 'approveMember', { openid: await applicant(branchId), approve: true }, 'demo-admin');
    pins.within('user.approveMember (a new roster row, by an admin)', byAdmin.requests);

    const memberId = await makeMember({ branchId });
    const linked = await counted('user', 'approveMember', { openid: await applicant(branchId), approve: true, memberId }, secretary);
    expect(linked.data.memberId).toBe(memberId);
    pins.within('user.approveMember (linking a row of the roster)', linked.requests);
  });

  test('granting_each_role_stays_within_its_budget', async () => {
    const who = () => makeUser([], '被授权人');
    pins.within('user.grantRole (admin)', (await counted('user', 'grantRole', { openid: await who(), role: 'admin' }, 'demo-admin')).requests);
    pins.within('user.grantRole (instructor)', (await counted('user', 'grantRole', { openid: await who(), role: 'instructor' }, 'demo-admin')).requests);
    pins.within('user.grantRole (expert)', (await counted('user', 'grantRole', { openid: await who(), role: 'expert', teamId: 'team-legal' }, 'demo-admin')).requests);

    const [a, b] = [await makeEnterprise(0), await makeEnterprise(0)];
    const contact = await who();
    pins.within('user.grantRole (enterprise, a first enterprise)', (await counted('user', 'grantRole', { openid: contact, role: 'enterprise', enterpriseId: a.id }, 'demo-admin')).requests);
    pins.within('user.grantRole (enterprise, moved from another)', (await counted('user', 'grantRole', { openid: contact, role: 'enterprise', enterpriseId: b.id }, 'demo-admin')).requests);
    expect((await col('enterprises').doc(a.id).get()).data[0].contactOpenids).toEqual([]);
    expect((await col('enterprises').doc(b.id).get()).data[0].contactOpenids).toEqual([contact]);

    const { branchId } = await makeBranch();
    const member = await who();
    pins.within('user.grantRole (member, a new roster row)', (await counted('user', 'grantRole', { openid: member, role: 'member', branchId }, 'demo-admin')).requests);
    const rostered = await who();
    await makeMember({ branchId, openid: rostered });
    pins.within('user.grantRole (member, already on the branch roster)', (await counted('user', 'grantRole', { openid: rostered, role: 'member', branchId }, 'demo-admin')).requests);
  });

  test('naming_a_branch_secretary_stays_within_its_budget_with_or_without_a_predecessor', async () => {
    const t = freshOpenid('br').slice(-8);
    const bare = `br-rt-${t}`;
    await col('branches').add({ _id: bare, name: `无书记支部${t}`, form: '联合组建', secretaryOpenid: null, enterpriseIds: [], createdAt: new Date() });
    const first = await makeUser([], '新书记');
    pins.within('user.grantRole (secretary of a branch without one)', (await counted('user', 'grantRole', { openid: first, role: 'secretary', branchId: bare }, 'demo-admin')).requests);

    const { branchId, secretary } = await makeBranch();
    await col('studyGroups').add({ name: `学习组${t}`, branchId, ownerOpenid: secretary, createdAt: new Date(), updatedAt: new Date() });
    const next = await makeUser([], '接任书记');
    const r = await counted('user', 'grantRole', { openid: next, role: 'secretary', branchId }, 'demo-admin');
    pins.within('user.grantRole (secretary, replacing the previous one)', r.requests);
    expect((await col('users').doc(secretary).get()).data[0].roles).not.toContain('secretary');
    expect((await col('studyGroups').where({ branchId }).get()).data.map((g) => g.ownerOpenid)).toEqual([next]);
  });

  test('revoking_each_role_stays_within_its_budget', async () => {
    const holder = async (role: string, extra: Record<string, unknown> = {}) => {
      const openid = await makeUser([], '持有人');
      await ok(gw.call('user', 'grantRole', { openid, role, ...extra }, 'demo-admin'));
      return openid;
    };
    const revoke = async (name: Parameters<typeof pins.within>[0], role: string, openid: string) =>
      pins.within(name, (await counted('user', 'revokeRole', { openid, role }, 'demo-admin')).requests);
    await revoke('user.revokeRole (admin)', 'admin', await holder('admin'));
    const { branchId } = await makeBranch();
    await revoke('user.revokeRole (member)', 'member', await holder('member', { branchId }));
    await revoke('user.revokeRole (secretary)', 'secretary', await holder('secretary', { branchId }));
    await revoke('user.revokeRole (enterprise)', 'enterprise', await holder('enterprise', { enterpriseId: (await makeEnterprise(0)).id }));
    await revoke('user.revokeRole (instructor)', 'instructor', await holder('instructor'));
    await revoke('user.revokeRole (expert, nothing booked)', 'expert', await holder('expert', { teamId: 'team-legal' }));
  });
});
