/**
 * months.ts against the emulator, on the stretches embedded in the roster row (issue 19): who
 * belonged to a branch in a month (a stretch covering its first day), the branch of a member's
 * month, a branch's roster of a month and of a year. Every date is relative to the clock.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, moveMember } from '../../local/party.testkit';
import { addMonths, thisMonth } from './duesShared';
import { branchOf, membersOf, monthStart, rosterOf, rosterOfYear } from './months';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

test('a_month_belongs_where_it_began_on_the_stretches_of_the_row', async () => {
  const a = await makeBranch('甲支部');
  const b = await makeBranch('乙支部');
  const now = thisMonth();
  const [m2ago, m1ago] = [addMonths(now, -2), addMonths(now, -1)];
  const since = monthStart(addMonths(now, -24));
  const stays = await makeMember({ branchId: a.branchId, from: since, name: '留' });
  const mover = await makeMember({ branchId: a.branchId, from: since, name: '转', openid: `oid-mover-${Date.now()}` });
  await moveMember(mover, b.branchId, day(m2ago, 15));
  const leaver = await makeMember({ branchId: a.branchId, from: since, to: monthStart(m1ago), name: '出' });
  const arrival = await makeMember({ branchId: a.branchId, from: day(m1ago, 10), name: '来' });

  const sorted = (xs: string[]) => [...xs].sort();
  // Two months ago began in 甲 for all three who were there; the arrival came later.
  expect(sorted(await membersOf(a.branchId, m2ago))).toEqual(sorted([stays, mover, leaver]));
  // Last month: the mover is in 乙 (moved mid-month before), the leaver gone, the arrival not yet (mid-month).
  expect(sorted(await membersOf(a.branchId, m1ago))).toEqual([stays]);
  expect(await membersOf(b.branchId, m1ago)).toEqual([mover]);
  expect(sorted(await membersOf(a.branchId, now))).toEqual(sorted([stays, arrival]));
  expect(await membersOf(a.branchId, addMonths(now, -30))).toEqual([]);

  expect(await branchOf(mover, m2ago)).toBe(a.branchId);
  expect(await branchOf(mover, m1ago)).toBe(b.branchId);
  expect(await branchOf(leaver, m1ago)).toBeNull();
  expect(await branchOf(arrival, m1ago)).toBeNull();
  expect(await branchOf(arrival, now)).toBe(a.branchId);
  expect(await branchOf('pm-no-such-row', now)).toBeNull();

  const roster = await rosterOf(b.branchId, now);
  expect(roster).toEqual([{ memberId: mover, openid: expect.stringMatching(/^oid-mover-/), erasedAs: null, name: '转', currentBranchId: b.branchId, active: true }]);
  expect((await rosterOf(a.branchId, m2ago)).find((p) => p.memberId === leaver)).toMatchObject({ currentBranchId: null, active: false });

  // The year: everyone with a stretch in it overlapping the year, each once.
  const year = Number(m2ago.slice(0, 4));
  const ofYear = (await rosterOfYear(a.branchId, year)).map((p) => p.memberId);
  expect(ofYear).toEqual(expect.arrayContaining([stays, mover, leaver]));
  expect(new Set(ofYear).size).toBe(ofYear.length);
  expect((await rosterOfYear(b.branchId, year)).map((p) => p.memberId)).toEqual([mover]);
  expect(await rosterOfYear(a.branchId, year - 5)).toEqual([]);
});
