/**
 * Every page stays inside WeChat's experience-audit limits with ten times the demo data: fewer
 * than 1,000 nodes, depth under 30, at most 60 children of one node, no single setData of 256 KB
 * (issue 19). Counts, not times: they do not depend on the machine. The table, at 1× and 10×, goes
 * to artifacts/weapp/phone.md (and into `npm run bench`, section 7).
 */
import { bootSim, problemsOf, ROLES, useWeappGateway } from './harness';
import { measureAtScales, overLimits, phoneTable, writePhoneTable, type PhoneRow } from './phone';

jest.setTimeout(600_000);
const h = useWeappGateway();
let base: PhoneRow[] = [];
let grown: PhoneRow[] = [];

beforeAll(async () => {
  ({ base, grown } = await measureAtScales(h.gw, 10));
  writePhoneTable(base, grown);
  console.log(phoneTable(base, grown).join('\n'));
});

it('every page is measured at 1× and at 10× as its owner, and renders at both', () => {
  expect(base.length).toBeGreaterThan(80);
  expect(grown.map((r) => r.page)).toEqual(base.map((r) => r.page));
  expect([...base, ...grown].filter((r) => r.status === 'threw' || r.status === 'blank').map((r) => `${r.page} ×${r.scale}: ${r.status} ${r.problems.join('; ')}`)).toEqual([]);
});

it('every_page_stays_inside_the_wechat_audit_limits_with_ten_times_the_demo_data', () => {
  expect(grown.filter((r) => overLimits(r).length).map((r) => `${r.page}: ${overLimits(r).join(', ')}`)).toEqual([]);
});

it('every_page_stays_inside_the_wechat_audit_limits_with_the_demo_data', () => {
  expect(base.filter((r) => overLimits(r).length).map((r) => `${r.page}: ${overLimits(r).join(', ')}`)).toEqual([]);
});

it('a_long_list_shows_ten_more_rows_on_load_more_and_on_reaching_the_bottom', async () => {
  const sim = await bootSim(h.gw, ROLES.admin);
  try {
    const r = await sim.openPage('packages/org/branches/index');
    // The second list of the page, 党组织 (the first is the enterprises with members and no organisation).
    const foot = () => r.text.find((t) => /已显示 \d+ \/ 210/.test(t));
    expect(foot()).toBe('加载更多（已显示 10 / 210）');
    expect(await sim.tapText(r, '加载更多', { nth: -1 })).toBe(true);
    expect(foot()).toBe('加载更多（已显示 20 / 210）');
    expect(await sim.pageEvent(r, 'onReachBottom')).toBe(true);
    expect(foot()).toBe('加载更多（已显示 30 / 210）');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});
