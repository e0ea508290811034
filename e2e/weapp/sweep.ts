/**
 * The weapp build, page by page: every page of dist/app.json opened the way WeChat opens it
 * (onLoad → onShow → onReady, in the sandbox of sim.ts) as each demo role, against the local
 * gateway's demo data (run by pages.weapp.test.ts; a second file could take some of the roles).
 *  - as any role: the page registers, renders, throws nothing, logs no console.error, navigates only
 *    to pages that exist, runs no `new Function`, and gets no INTERNAL or VALIDATION reply (those
 *    are bugs whoever asks);
 *  - as its owner (the role it is made for): real data — every reply ok, Chinese text, no error
 *    state;
 *  - as anyone: no function called twice with the same params on the first open (WeChat runs
 *    onShow right after onLoad; a second call is billed and renders twice).
 * Writes the page table to artifacts/weapp/pages.{md,json}: load result, node count and the
 * largest single setData payload per page and role.
 */
import type { WeappSim, PageRecord } from './sim';
import { bootSim, ownerOf, pageParams, problemsOf, ROLES, useWeappGateway, weappPages, writeTable, type Role, type TableRow } from './harness';

/** What a page shows when its load failed (StateView, toasts). */
const ERROR_TEXT = /加载失败|出错了|网络连接失败|服务暂时无法使用|操作未成功|系统开小差/;
const BUG_REPLY = /INTERNAL|VALIDATION|network/;

function anyRoleProblems(r: PageRecord): string[] {
  const p = problemsOf(r);
  if (r.status === 'threw' || r.status === 'blank') p.unshift(`page ${r.status}`);
  for (const c of r.cloud) if (BUG_REPLY.test(c.reply ?? '')) p.push(`${c.name}.${c.action}(${c.params}) → ${c.reply}`);
  if (r.maxSetDataBytes > 1024 * 1024) p.push(`setData of ${r.maxSetDataBytes} bytes (WeChat refuses over 1 MB)`);
  if (r.dynamic?.length) p.push(`dynamic code: ${r.dynamic.join(' | ')}`);
  return p;
}

function ownerProblems(r: PageRecord): string[] {
  const p: string[] = [];
  for (const c of r.cloud) if (c.reply !== 'ok' && !BUG_REPLY.test(c.reply ?? '')) p.push(`${c.name}.${c.action}(${c.params}) → ${c.reply}`);
  if (!r.text.some((t) => /[\u4e00-\u9fa5]/.test(t))) p.push('no Chinese text rendered');
  const err = r.text.find((t) => ERROR_TEXT.test(t));
  if (err) p.push(`shows an error state: ${err}`);
  return p;
}

/** Same function, action and params more than once in one page's first open. */
export function repeatedCalls(r: PageRecord): string[] {
  const seen = new Map<string, number>();
  for (const c of r.cloud) {
    const key = `${c.name}.${c.action}(${c.params})`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

export function sweepPages(part: string, roles: Role[]): void {
  jest.setTimeout(300_000);
  const h = useWeappGateway();
  const rows: TableRow[] = [];
  const owned = new Set<string>();
  const repeated: string[] = [];
  let params: Record<string, Record<string, string>> = {};
  const started = Date.now();

  beforeAll(async () => {
    params = await pageParams(h.gw);
  });

  afterAll(() => {
    if (!rows.length) return;
    const seconds = Math.round((Date.now() - started) / 1000);
    writeTable(part, rows, seconds);
    const bad = rows.filter((r) => !r.ok);
    // One summary line in the jest output; the whole table is in artifacts/weapp/pages.md.
    console.log(
      `weapp pages (${roles.join(', ')}): ${new Set(rows.map((r) => r.page)).size} pages × ${roles.length} roles = ${rows.length} loads, ` +
        `${bad.length} with problems, largest setData ${Math.max(...rows.map((r) => r.maxSetDataBytes))} bytes, most nodes ` +
        `${Math.max(...rows.map((r) => r.nodes))}, ${seconds} s${bad.map((r) => `\n  ${r.page} as ${r.role}: ${r.problems.join('; ').slice(0, 300)}`).join('')}`,
    );
  });

  describe.each(roles.map((r) => [r, ROLES[r]] as const))('every page as %s (%s)', (role, openid) => {
    let sim: WeappSim;
    beforeAll(async () => {
      sim = await bootSim(h.gw, openid);
    });
    afterAll(() => sim?.close());

    it('loads with no exception, console.error, bad navigation or INTERNAL reply; owned pages show real data', async () => {
      const failures: string[] = [];
      for (const route of weappPages()) {
        const r = await sim.openPage(route, params[route] ?? {});
        r.dynamic = sim.dynamicCode.splice(0).map((d) => d.body);
        const owner = ownerOf(route) === role;
        const problems = [...anyRoleProblems(r), ...(owner ? ownerProblems(r) : [])];
        delete r.instance;
        rows.push({
          page: route, role, owner, status: r.status, ok: problems.length === 0, ms: r.ms, nodes: r.nodes, setData: r.setData,
          setDataBytes: r.setDataBytes, maxSetDataBytes: r.maxSetDataBytes, calls: r.cloud.map((c) => `${c.name}.${c.action}:${c.reply}`).join(' '), problems,
        });
        if (owner) owned.add(route);
        repeated.push(...repeatedCalls(r).map((x) => `${route} as ${role}: ${x}`));
        if (problems.length) failures.push(`${route}: ${problems.join('; ')}`);
      }
      expect(failures).toEqual([]);
    });
  });

  it('no page calls the same function twice on its first open (onShow follows onLoad in WeChat)', () => {
    expect(owned.size).toBeGreaterThan(0);
    expect(repeated).toEqual([]);
  });
}

/** Every page has an owner among the roles swept. */
export function checkOwners(roles: Role[]): void {
  it('every page is opened by its owner', () => {
    expect(weappPages().filter((p) => !roles.includes(ownerOf(p)))).toEqual([]);
    expect(weappPages().length).toBeGreaterThan(80);
  });
}
