/** 选择工作单位 (enterpriseOptions) through the local gateway against the emulator: search, paging, who may ask. */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col } from '../../server/core/db';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const options = (params: unknown, openid = 'demo-secretary') => gw.call('org', 'enterpriseOptions', params, openid);

test('a_secretary_searches_park_enterprises_by_name_and_gets_only_id_name_and_industry', async () => {
  const r = await ok(options({ q: '芯源' }));
  expect(r.total).toBeGreaterThan(0);
  expect(r.rows.length).toBe(Math.min(r.total, r.pageSize));
  for (const row of r.rows) {
    expect(row.name).toContain('芯源');
    // The picker never carries the 五清 ledger's figures to a secretary.
    expect(Object.keys(row).sort()).toEqual(['id', 'industry', 'name']);
  }
  // A name matching nothing is an empty page, not an error.
  expect(await ok(options({ q: '不存在的企业名称' }))).toMatchObject({ total: 0, rows: [] });
});

test('pages_cover_every_enterprise_once_in_name_order', async () => {
  const all = (await col('enterprises').field({ name: true }).limit(1000).get()).data;
  const first = await ok(options({}));
  expect(first.total).toBe(all.length);
  const seen: string[] = [];
  for (let page = 1; page <= Math.ceil(first.total / first.pageSize); page++) {
    const r = await ok(options({ page }));
    seen.push(...r.rows.map((x: { id: string }) => x.id));
  }
  expect(seen).toHaveLength(all.length);
  expect(new Set(seen).size).toBe(all.length);
});

test('people_who_keep_no_roster_may_not_list_enterprises_here', async () => {
  const visitor = freshOpenid('ent-options');
  await gw.call('user', 'acceptPrivacy', {}, visitor);
  expect(await codeOf(options({}, visitor))).toBe('FORBIDDEN');
  expect(await codeOf(options({ q: 'x'.repeat(31) }))).toBe('VALIDATION');
});
