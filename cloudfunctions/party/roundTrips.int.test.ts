/**
 * Database round trips of the party secretary taps, pinned beside the code (issue 19; the kit and
 * its rules in local/roundTrips.testkit.ts). Each counted call is one valid tap by a branch
 * secretary whose user record exists; the setup happens before counting. The heavier paths are the
 * ones pinned: a step that names its contacts, 预备党员 (the roster row is made), 转正 (the row is
 * written). Relative dates only.
 */
import { type TestGateway } from '../../local/testing';
import { ok } from '../../local/volunteer.testkit';
import { budgets, countingGateway } from '../../local/roundTrips.testkit';
import { makeBranch, makeMember, makeUser } from '../../local/party.testkit';
import { addDays, parkDay } from '../../server/core/time';
import { addYears } from './development';

let gw: TestGateway;
const counted = countingGateway((g) => (gw = g), () => pins.report());

const pins = budgets({
  'party.setDevelopmentContacts': 4, // 6 before: the file, the kept branches and the contacts in one aggregation
  'party.advanceDevelopment (a step naming its contacts)': 4, // 6 before
  'party.advanceDevelopment (预备党员: the roster row made)': 5, // 9 before: a transaction of two writes, now the saga of advanceDevelopment.ts
  'party.advanceDevelopment (正式党员: the roster row written)': 5, // 10 before
  'party.withdrawDevelopment': 4, // 5 before: the file, the kept branches and its roster row in one aggregation
});
type Pin = Parameters<typeof pins.within>[0];

async function pin(name: Pin, action: string, params: Record<string, unknown>, who: string) {
  const r = await counted('party', action, params, who);
  pins.within(name, r.requests);
  return r.data;
}

const ago = (days: number) => addDays(parkDay(), -days);

/** A file of a new branch (with two 正式党员 as contacts) at `stage`, the person bound to a user. */
async function fileAt(stage: '入党积极分子' | '发展对象' | '预备党员') {
  const br = await makeBranch();
  const contacts = [await makeMember({ branchId: br.branchId }), await makeMember({ branchId: br.branchId })];
  const person = await makeUser([], '发展对象');
  const { id } = await ok(gw.call('party', 'createDevelopment', { name: '申请人', branchId: br.branchId, appliedOn: ago(1500), openid: person }, br.secretary));
  const steps = [['入党积极分子', ago(1400)], ['发展对象', ago(1000)], ['预备党员', ago(400)]] as const;
  for (const [to, on] of steps.slice(0, steps.findIndex(([s]) => s === stage) + 1)) {
    await ok(gw.call('party', 'advanceDevelopment', { id, to, on, ...(to === '入党积极分子' ? { contacts } : {}) }, br.secretary));
  }
  return { ...br, contacts, id };
}

describe('party secretary taps stay within their database call budgets', () => {
  test('setting_the_contacts_stays_within_budget', async () => {
    const f = await fileAt('入党积极分子');
    const set = await pin('party.setDevelopmentContacts', 'setDevelopmentContacts', { id: f.id, contacts: [...f.contacts].reverse() }, f.secretary);
    expect(set).toEqual({ id: f.id, contacts: [...f.contacts].reverse() });
  });

  test('a_step_naming_its_contacts_stays_within_budget', async () => {
    const f = await fileAt('入党积极分子');
    const object = await pin('party.advanceDevelopment (a step naming its contacts)', 'advanceDevelopment', { id: f.id, to: '发展对象', on: ago(1000), contacts: [...f.contacts].reverse() }, f.secretary);
    expect(object).toMatchObject({ stage: '发展对象', contacts: [...f.contacts].reverse() });
  });

  test('probationary_membership_stays_within_budget', async () => {
    const f = await fileAt('发展对象');
    const joinedOn = ago(400);
    const probationary = await pin('party.advanceDevelopment (预备党员: the roster row made)', 'advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary);
    expect(probationary).toMatchObject({ stage: '预备党员', stageOn: joinedOn, memberId: `pm-dev-${f.id}` });
  });

  test('confirmation_stays_within_budget', async () => {
    const f = await fileAt('预备党员');
    const full = await pin('party.advanceDevelopment (正式党员: the roster row written)', 'advanceDevelopment', { id: f.id, to: '正式党员', on: addYears(ago(400), 1) }, f.secretary);
    expect(full).toMatchObject({ stage: '正式党员', memberId: `pm-dev-${f.id}` });
  });

  test('closing_a_file_stays_within_budget', async () => {
    const f = await fileAt('发展对象');
    expect(await pin('party.withdrawDevelopment', 'withdrawDevelopment', { id: f.id, reason: '本人调离园区' }, f.secretary)).toEqual({ id: f.id, state: 'withdrawn' });
  });
});
