/** `volunteer.listActivities` paging and search through the local gateway (integration tier). */
import { randomBytes } from 'crypto';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeActivity, ok, people, seedPastActivities as seedPast } from '../../local/volunteer.testkit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

type Item = { id: string; title: string; startAt: string; mine: { status: string } | null };
type Reply = { items: Item[]; total: number; page: number; hasMore: boolean };

const list = (params: Record<string, unknown>, who = 'demo-visitor'): Promise<Reply> => ok(gw.call('volunteer', 'listActivities', params, who));

async function allPages(params: Record<string, unknown>): Promise<Reply[]> {
  const pages: Reply[] = [];
  for (let page = 1; ; page++) {
    const r = await list({ ...params, page });
    pages.push(r);
    if (!r.hasMore) return pages;
  }
}

test('past_activities_beyond_the_fifty_newest_are_reached_page_by_page_latest_first', async () => {
  const teamId = `vt-test-${randomBytes(4).toString('hex')}`;
  const ids = await seedPast(teamId, Array.from({ length: 65 }, (_, i) => `往期科普活动第${i + 1}场`));

  const pages = await allPages({ scope: 'past', teamId });
  expect(pages.map((p) => p.items.length)).toEqual([20, 20, 20, 5]);
  expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
  expect(pages.map((p) => p.hasMore)).toEqual([true, true, true, false]);
  expect(pages.every((p) => p.total === 65)).toBe(true);
  const seen = pages.flatMap((p) => p.items.map((a) => a.id));
  // Every one exactly once, newest first — including the oldest fifteen the old 50-item cap hid.
  expect(seen).toEqual([...ids].reverse());
  expect(seen.slice(50)).toEqual(ids.slice(0, 15).reverse());

  // A page past the end is empty, not an error.
  expect(await list({ scope: 'past', teamId, page: 5 })).toEqual({ items: [], total: 65, page: 5, hasMore: false });
  // Without the team filter the same activities are still all there among the park's past ones.
  const everyPast = (await allPages({ scope: 'past' })).flatMap((p) => p.items.map((a) => a.id));
  expect(everyPast.length).toBeGreaterThanOrEqual(65);
  expect(new Set(everyPast).size).toBe(everyPast.length);
  expect(everyPast).toEqual(expect.arrayContaining(ids));
});

test('a_search_finds_activities_by_title_case_insensitively_and_pages_the_matches', async () => {
  const teamId = `vt-test-${randomBytes(4).toString('hex')}`;
  const tag = randomBytes(3).toString('hex');
  const titles = [
    ...Array.from({ length: 23 }, (_, i) => `垃圾分类进社区 Eco${tag} 第${i + 1}期`),
    `送党课进企业 ${tag}`,
    `科技扶贫下乡 ${tag}`,
  ];
  const ids = await seedPast(teamId, titles);

  const pages = await allPages({ scope: 'past', q: `eco${tag.toUpperCase()}` });
  expect(pages.map((p) => p.items.length)).toEqual([20, 3]);
  expect(pages[0].total).toBe(23);
  const found = pages.flatMap((p) => p.items);
  expect(found.every((a) => a.title.startsWith('垃圾分类进社区'))).toBe(true);
  expect(found.map((a) => a.id)).toEqual(ids.slice(0, 23).reverse());

  const one = await list({ scope: 'past', q: `送党课进企业 ${tag}` });
  expect(one).toMatchObject({ total: 1, hasMore: false, items: [{ id: ids[23], title: `送党课进企业 ${tag}` }] });
  // Search and the other filters combine: the right words in another team's list find nothing.
  expect((await list({ scope: 'past', q: tag, teamId: 'vt-yuanzhifan' })).total).toBe(0);
  expect((await list({ scope: 'past', q: tag, teamId })).total).toBe(25);
  // Blank text is no filter at all.
  expect((await list({ scope: 'past', q: '   ', teamId })).total).toBe(25);
});

test('regex_metacharacters_in_the_search_are_matched_literally', async () => {
  const teamId = `vt-test-${randomBytes(4).toString('hex')}`;
  const tag = randomBytes(3).toString('hex');
  const [paren, plus, dot] = await seedPast(teamId, [`党史学习(第1期)${tag}`, `C++ 编程科普 ${tag}`, `急救培训 1.5 小时 ${tag}`, `队列训练 1x5 方阵 ${tag}`]);
  const search = async (q: string) => (await list({ scope: 'past', teamId, q })).items.map((a) => a.id);

  expect(await search('(第1期)')).toEqual([paren]);
  expect(await search('c++')).toEqual([plus]);
  // As a pattern '1.5' would also match '1x5'.
  expect(await search('1.5')).toEqual([dot]);
  // As patterns these would match everything ('.*', '|', '^', '$'), match '科普' ('科+普') or any
  // letter ('[a-z]'), or fail to compile ('((', '[[', '\\', '?'): as text they match nothing.
  for (const q of ['.*', '|', '^', '$', '科+普', '[a-z]', '((', '[[', '\\', '?']) {
    const r = await gw.call('volunteer', 'listActivities', { scope: 'past', teamId, q }, 'demo-visitor');
    expect({ q, body: r.body }).toMatchObject({ q, body: { ok: true, data: { total: 0, items: [] } } });
  }
});

test('each_item_carries_the_callers_own_registration_also_on_later_pages', async () => {
  const team = await ok(gw.call('volunteer', 'createTeam', { name: `分页测试服务队${randomBytes(3).toString('hex')}` }, 'demo-admin'));
  // 22 upcoming activities a day apart: the last one lands on page 2.
  const ids: string[] = [];
  for (let i = 0; i < 22; i++) ids.push(await makeActivity(gw, { teamId: team.id, title: `社区服务第${i + 1}场`, capacity: 1 }, (3 + i) * 24 * 60));
  const [me, other, waiting] = await people(gw, 3);
  expect((await ok(gw.call('volunteer', 'signUp', { activityId: ids[0] }, me))).status).toBe('confirmed');
  expect((await ok(gw.call('volunteer', 'signUp', { activityId: ids[21] }, other))).status).toBe('confirmed');
  expect((await ok(gw.call('volunteer', 'signUp', { activityId: ids[21] }, me))).status).toBe('waitlisted');
  expect((await ok(gw.call('volunteer', 'signUp', { activityId: ids[20] }, waiting))).status).toBe('confirmed');

  const [p1, p2] = [await list({ teamId: team.id, page: 1 }, me), await list({ teamId: team.id, page: 2 }, me)];
  expect([p1.items.length, p2.items.length, p1.total, p1.hasMore, p2.hasMore]).toEqual([20, 2, 22, true, false]);
  const mine = new Map([...p1.items, ...p2.items].map((a) => [a.id, a.mine?.status ?? null]));
  expect([...mine.keys()]).toEqual(ids);
  // Only the caller's own rows: ids[20] is someone else's place, not "mine".
  expect(Object.fromEntries([...mine].filter(([, s]) => s))).toEqual({ [ids[0]]: 'confirmed', [ids[21]]: 'waitlisted' });

  // The same page for the other person shows their registration, not the first caller's.
  const theirs = await list({ teamId: team.id, page: 2 }, other);
  expect(theirs.items.map((a) => a.mine?.status ?? null)).toEqual([null, 'confirmed']);
  // A searched list keeps the registration too.
  const searched = await list({ teamId: team.id, q: '社区服务第22场' }, me);
  expect(searched.items).toMatchObject([{ id: ids[21], mine: { status: 'waitlisted' } }]);
});

test('a_page_costs_the_same_few_database_calls_however_many_items_it_holds', async () => {
  const teamId = `vt-test-${randomBytes(4).toString('hex')}`;
  await seedPast(teamId, Array.from({ length: 45 }, (_, i) => `往期培训第${i + 1}期`));
  const calls = async (params: Record<string, unknown>) => {
    gw.emulator.stats.reset();
    const r = await list(params, 'demo-member');
    return [r.items.length, gw.emulator.stats.requests];
  };
  // The caller's user record, the count and the page (in parallel), the caller's registrations for the page.
  expect(await calls({ scope: 'past', teamId, page: 1 })).toEqual([20, 4]);
  expect(await calls({ scope: 'past', teamId, page: 3 })).toEqual([5, 4]);
  expect(await calls({ scope: 'upcoming', q: '送党课进企业' })).toEqual([1, 4]);
  // Nothing on the page: no registrations to look up.
  expect(await calls({ scope: 'past', q: '没有这样的活动' })).toEqual([0, 3]);
});
