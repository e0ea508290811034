/**
 * Coverage counts only organisations that meet the 3-member rule, and 派驻 only as work coverage
 * (findings G-12 in ../shared/findings/party.md). Each test makes its own enterprises and compares
 * the park's counts before and after, so the seed's figures do not matter here.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeMember } from '../../local/party.testkit';
import { addDays, parkDay } from '../../server/core/time';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const admin = (action: string, params: unknown = {}) => gw.call('org', action, params, 'demo-admin');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
let seq = 0;
const tag = () => `${Date.now().toString(36)}${++seq}`;

async function enterprise(full = 0) {
  const founded = addDays(parkDay(), -900);
  return ok(await admin('createEnterprise', { name: `覆盖测试${tag()}科技有限公司`, industry: '人工智能', foundedAt: founded, headcount: 30, partyMembers: { full, probationary: 0, registeredInPark: full } })).id as string;
}

async function org(form: string, enterpriseIds: string[]) {
  return ok(await admin('upsertBranch', { name: `覆盖测试${tag()}党支部`, form, enterpriseIds })).id as string;
}

const counts = async () => ok(await admin('coverage')).park.counts;

test('a_single_built_organisation_without_members_does_not_raise_organisation_coverage', async () => {
  const before = await counts();
  const branchId = await org('单独组建', [await enterprise(0)]);
  const after = await counts();
  expect(after.enterprises).toBe(before.enterprises + 1);
  expect([after.withOrg, after.single]).toEqual([before.withOrg, before.single]);
  // Still work coverage: the organisation exists and carries the Party's work.
  expect(after.withOrgOrInstructor).toBe(before.withOrgOrInstructor + 1);
  expect(after.belowThree).toBe((before.belowThree ?? 0) + 1);
  const page = ok(await admin('coverage'));
  expect(page.belowThree).toEqual(expect.arrayContaining([expect.objectContaining({ id: branchId, form: '单独组建', full: 0 })]));
  expect(page.minFull).toBe(3);
});

test('a_joint_organisation_of_two_empty_enterprises_is_not_organisation_coverage', async () => {
  const before = await counts();
  await org('联合组建', [await enterprise(0), await enterprise(0)]);
  const after = await counts();
  expect([after.withOrg, after.joint]).toEqual([before.withOrg, before.joint]);
  expect(after.withOrgOrInstructor).toBe(before.withOrgOrInstructor + 2);
});

test('a_dispatched_organisation_raises_work_coverage_but_never_organisation_coverage', async () => {
  const before = await counts();
  const branchId = await org('派驻', [await enterprise(0)]);
  // Members on a 派驻 roster do not make it an organisation of the enterprise either.
  for (let i = 0; i < 3; i++) await makeMember({ branchId, standing: '正式' });
  const after = await counts();
  expect(after.withOrg).toBe(before.withOrg);
  expect(after.withOrgOrInstructor).toBe(before.withOrgOrInstructor + 1);
  expect(after.dispatched).toBe(before.dispatched + 1);
});

test('three_full_members_on_the_roster_make_it_count_and_probationary_members_do_not', async () => {
  const before = await counts();
  const ent = await enterprise(3);
  const branchId = await org('单独组建', [ent]);
  await makeMember({ branchId, standing: '正式' });
  await makeMember({ branchId, standing: '正式' });
  // Two 预备党员 and a member who already left: not 正式党员 on the roster now.
  await makeMember({ branchId, standing: '预备' });
  await makeMember({ branchId, standing: '预备' });
  await makeMember({ branchId, standing: '正式', from: addDays(parkDay(), -700), to: addDays(parkDay(), -30) });
  expect([(await counts()).withOrg, (await counts()).single]).toEqual([before.withOrg, before.single]);
  // The third 正式党员 transfers in with a 介绍信: now the organisation counts.
  const letter = { outsideOrg: '无锡市梁溪区人才市场党委', letterNo: `覆盖〔${tag()}〕号`, letterDate: addDays(parkDay(), -3) };
  ok(await gw.call('party', 'transferIn', {
    name: '覆盖测试党员', standing: '正式', joinedOn: addDays(parkDay(), -2000), confirmedOn: addDays(parkDay(), -1600), enterpriseId: ent,
    branchId, ...letter, effectiveOn: parkDay(),
  }, 'demo-admin'));
  const after = await counts();
  expect([after.withOrg, after.single]).toEqual([before.withOrg + 1, before.single + 1]);
  expect(after.belowThree).toBe(before.belowThree);
  const page = ok(await admin('coverage'));
  expect(page.belowThree.map((b: any) => b.id)).not.toContain(branchId);
  // The rates divide by every enterprise of the ledger.
  expect(page.park.rates.singleRate).toBeCloseTo(after.single / after.enterprises, 4);
  expect(page.park.rates.orgCoverage).toBeCloseTo(after.withOrg / after.enterprises, 4);
  expect(page.definitions.join('')).toContain('分母：企业台账中的全部园区企业');
});

describe('未建立原因, the sixth ledger fact (F-13)', () => {
  test('a_dispatched_enterprise_without_a_reason_is_counted_until_the_reason_is_filled_in_logged_and_exported', async () => {
    const ent = await enterprise(0);
    const before = await counts();
    await org('派驻', [ent]);
    expect((await counts()).noReason).toBe(before.noReason + 1);
    // 「其他」 needs a note; a reason is one of the listed ones.
    expect((await admin('updateEnterprise', { id: ent, noOrgReason: { kind: '其他', note: '' } })).body.error.code).toBe('VALIDATION');
    expect((await admin('updateEnterprise', { id: ent, noOrgReason: { kind: '没人管', note: '' } })).body.error.code).toBe('VALIDATION');
    expect(ok(await admin('updateEnterprise', { id: ent, noOrgReason: { kind: '新设立企业', note: '今年入园' } })).changed).toBe(2);
    expect((await counts()).noReason).toBe(before.noReason);
    const entry = ok(await admin('getEnterprise', { id: ent }));
    expect(entry.noOrgReason).toEqual({ kind: '新设立企业', note: '今年入园' });
    expect(entry.changes[0].changes.map((c: any) => c.label).sort()).toEqual(['未建立原因', '未建立原因说明'].sort());
    // In the 五清 export, beside the other facts.
    const r = ok(await gw.call('admin', 'exportLedger', { key: 'enterprises' }, 'demo-admin'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Workbook = require('exceljs/lib/doc/workbook');
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64'));
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    const col = headers.indexOf('未建立原因') + 1;
    expect(col).toBeGreaterThan(0);
    let found = '';
    ws.eachRow((row: any) => {
      if (row.getCell(1).value === entry.name) found = String(row.getCell(col).value);
    });
    expect(found).toBe('新设立企业（今年入园）');
  });
});
