/**
 * What every weapp test file shares: the built dist/, a local gateway with the demo data, the
 * demo roles, which role owns which page, real ids for pages that need them, and the page table
 * written to artifacts/weapp/.
 */
import fs from 'fs';
import path from 'path';
import { REPO_ROOT } from '../../local/gateway';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { appPages, WeappSim, type PageRecord, type SimOptions } from './sim';

export const DIST = path.join(REPO_ROOT, 'dist');
export const ARTIFACTS = path.join(REPO_ROOT, 'artifacts', 'weapp');

/** One demo caller per role (PRODUCT.md); in WeChat the identity never changes within a session. */
export const ROLES = {
  visitor: 'demo-visitor',
  member: 'demo-member',
  secretary: 'demo-secretary',
  enterprise: 'demo-enterprise-a',
  expert: 'demo-expert-legal',
  admin: 'demo-admin',
} as const;
export type Role = keyof typeof ROLES;

/** Pages whose natural user is not the admin (every other page is opened by its owner, the admin). */
const OWNED_BY: Partial<Record<Role, string[]>> = {
  visitor: ['packages/profile/redeem/index', 'packages/volunteer/index/index'],
  secretary: ['packages/profile/pending/index', 'packages/study/manage/index'],
  enterprise: [
    'packages/policy/match/index', 'packages/policy/profile/index', 'packages/demand/mine/index', 'packages/demand/submit/index',
    'packages/demand/index/index', 'packages/appointment/book/index', 'packages/appointment/bookings/index',
    'packages/appointment/booking/index', 'packages/appointment/index/index', 'packages/appointment/slots/index',
    'packages/appointment/roving/index', 'packages/appointment/reschedule/index',
  ],
  expert: ['packages/appointment/expert/index', 'packages/appointment/leave/index', 'packages/appointment/publish/index', 'packages/appointment/profile/index', 'packages/demand/assigned/index'],
  member: [
    'packages/study/record/index', 'packages/study/material/index', 'packages/study/quizzes/index', 'packages/study/quiz/index',
    'packages/study/progress/index', 'packages/study/join/index', 'packages/volunteer/mine/index', 'packages/volunteer/hours/index',
    'packages/volunteer/certificate/index', 'packages/study/result/index',
  ],
};
export const ownerOf = (route: string): Role => (Object.entries(OWNED_BY).find(([, list]) => list!.includes(route))?.[0] as Role) ?? 'admin';

export function weappPages(): string[] {
  return appPages(JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')));
}

/** Query parameters of pages that open one thing, looked up on the gateway as their owner would. */
export async function pageParams(gw: TestGateway): Promise<Record<string, Record<string, string>>> {
  const get = async (openid: string, fn: string, action: string, params: unknown = {}): Promise<any> => {
    const r = await gw.call(fn, action, params, openid);
    return r.body?.ok ? r.body.data : null;
  };
  const [acts, slots, bookings, pol, pkgs, demA, home, quizzes, branches, ledger, life, rooms, venues] = await Promise.all([
    get('demo-admin', 'volunteer', 'listActivities'),
    get('demo-enterprise-a', 'appointment', 'listSlots'),
    get('demo-enterprise-a', 'appointment', 'myBookings'),
    get('demo-admin', 'policy', 'list'),
    get('demo-admin', 'policy', 'listPackages'),
    get('demo-enterprise-a', 'demand', 'mine'),
    get('demo-member', 'study', 'home'),
    get('demo-member', 'study', 'listQuizzes'),
    get('demo-admin', 'org', 'listOrgBranches'),
    get('demo-admin', 'org', 'ledgerList'),
    get('demo-admin', 'org', 'listOrgLife', { branchId: 'branch-joint' }),
    get('demo-admin', 'room', 'listRooms'),
    get('demo-admin', 'checkin', 'listVenues'),
  ]);
  // A submitted quiz attempt of the member, for 答题结果.
  const attempt = quizzes?.[0] ? await get('demo-member', 'study', 'startAttempt', { quizId: quizzes[0].id }) : null;
  if (attempt) await get('demo-member', 'study', 'submitAttempt', { attemptId: attempt.attemptId, answers: [] });
  // 支部工作: a roster row of the joint branch, and a 发展 file (none is seeded: made once per gateway, dated today).
  const members = await get('demo-admin', 'party', 'listMembers', { branchId: 'branch-joint' });
  const devs = await get('demo-admin', 'party', 'listDevelopment', { branchId: 'branch-joint' });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const devId = devs?.items?.[0]?.id ?? (await get('demo-admin', 'party', 'createDevelopment', { name: '页面巡检', branchId: 'branch-joint', appliedOn: today }))?.id;
  const groupId = home?.groups?.[0]?.id;
  const group = groupId ? await get('demo-member', 'study', 'getGroup', { id: groupId }) : null;
  const first = (x: any) => (Array.isArray(x) ? x[0] : (x?.items ?? x?.rows)?.[0]);
  const actId = first(acts)?.id;
  const branchId = branches?.branches?.[0]?.id;
  const P: Record<string, Record<string, string | undefined>> = {
    'packages/volunteer/detail/index': { id: actId },
    'packages/volunteer/edit/index': { id: actId },
    'packages/volunteer/roster/index': { id: actId },
    'packages/appointment/slots/index': { teamId: 'team-legal' },
    'packages/appointment/book/index': { slotId: first(slots)?.id },
    'packages/appointment/booking/index': { id: first(bookings)?.id },
    'packages/appointment/reschedule/index': { id: first(bookings)?.id },
    'packages/policy/detail/index': { id: first(pol)?.id },
    'packages/policy/edit/index': { id: first(pol)?.id },
    'packages/policy/package/index': { id: first(pkgs)?.id },
    'packages/policy/package-edit/index': { id: first(pkgs)?.id },
    'packages/demand/detail/index': { id: first(demA)?.id },
    'packages/study/group/index': { id: groupId },
    'packages/study/join/index': { groupId },
    'packages/study/material/index': { groupId, id: group?.topic?.materials?.[0]?.id },
    'packages/study/record/index': { groupId },
    'packages/study/manage/index': { groupId },
    'packages/study/topic/index': { groupId, month: home?.month },
    'packages/study/quiz/index': { id: first(quizzes)?.id },
    'packages/study/result/index': { attemptId: attempt?.attemptId },
    'packages/org/enterprise/index': { id: first(ledger)?.id },
    'packages/org/branch/index': { id: branchId },
    'packages/org/orglife/index': { branchId },
    'packages/org/meeting/index': { id: first(life)?.id },
    'packages/org/rating-branch/index': { branchId },
    'packages/rooms/book/index': { venueId: first(rooms)?.id },
    'packages/checkin/kiosk/index': { venueId: first(venues)?.id },
    'packages/branch/member/index': { id: first(members)?.id },
    'packages/branch/member-edit/index': { id: first(members)?.id },
    'packages/branch/move/index': { memberId: first(members)?.id, mode: 'between' },
    'packages/branch/transfer-in/index': { branchId: 'branch-joint' },
    'packages/branch/dev-file/index': { id: devId },
  };
  const out: Record<string, Record<string, string>> = {};
  for (const [route, q] of Object.entries(P)) {
    out[route] = {};
    for (const [k, v] of Object.entries(q)) {
      if (v === undefined || v === null) throw new Error(`no seeded id for ${route} ${k}: did the demo data change?`);
      out[route][k] = String(v);
    }
  }
  return out;
}

/** A gateway with fresh demo data for the file's tests (closed after them); dist/ must be built. */
export function useWeappGateway(): { gw: TestGateway } {
  const h = {} as { gw: TestGateway };
  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error('dist/ is missing: run npm run build:weapp (npm test does it)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    h.gw = await startTestGateway();
  });
  afterAll(async () => {
    await h.gw?.close();
  });
  return h;
}

/** A booted simulator as `openid`; throws with the app's own errors when app.js fails. */
export async function bootSim(gw: TestGateway, openid: string, extra: Partial<SimOptions> = {}): Promise<WeappSim> {
  const sim = new WeappSim({ dist: DIST, gateway: gw.url, openid, ...extra });
  if (!(await sim.boot())) {
    sim.close();
    throw new Error(`app.js failed in the weapp sandbox: ${JSON.stringify(sim.appRecord.errors)}`);
  }
  return sim;
}

/** Problems worth failing a test for, in one readable line each. */
export function problemsOf(r: PageRecord): string[] {
  return [
    ...r.errors.map((e) => `${e.kind}: ${e.message}${e.stack ? `\n${e.stack}` : ''}`),
    ...r.console.filter((c) => c.level === 'error').map((c) => `console.error: ${c.msg}`),
    ...r.nav.filter((n) => !n.ok).map((n) => `${n.api} ${n.url}: ${n.problem}`),
    ...r.cloud.filter((c) => !c.shapeOk).map((c) => `callFunction ${c.name} without { action, params }`),
    ...r.cloud.filter((c) => c.beforeInit).map((c) => `${c.name}.${c.action} called before wx.cloud.init`),
  ];
}

export interface TableRow {
  page: string;
  role: Role;
  owner: boolean;
  status: string;
  ok: boolean;
  ms: number;
  nodes: number;
  setData: number;
  setDataBytes: number;
  maxSetDataBytes: number;
  calls: string;
  problems: string[];
}

/**
 * Writes this file's part of the page table (artifacts/weapp/pages.<part>.json), then the whole
 * table from every part of this run: artifacts/weapp/pages.md and pages.json (issue 19 reads them).
 */
export function writeTable(part: string, rows: TableRow[], seconds: number): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, `pages.${part}.json`), JSON.stringify({ at: new Date().toISOString(), seconds, rows }, null, 1));
  // Parts older than an hour belong to an earlier run.
  const parts = fs
    .readdirSync(ARTIFACTS)
    .filter((f) => /^pages\..+\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(ARTIFACTS, f), 'utf8')) as { at: string; seconds: number; rows: TableRow[] })
    .filter((p) => Date.now() - Date.parse(p.at) < 3600_000);
  const all = parts.flatMap((p) => p.rows);
  fs.writeFileSync(path.join(ARTIFACTS, 'pages.json'), JSON.stringify({ at: new Date().toISOString(), rows: all }, null, 1));
  const roles = (Object.keys(ROLES) as Role[]).filter((r) => all.some((x) => x.role === r));
  const pages = [...new Set(all.map((r) => r.page))];
  const kb = (b: number) => (b / 1024).toFixed(1);
  const cell = (r: TableRow | undefined) => (!r ? '' : `${r.ok ? 'ok' : `**${r.status === 'ok' ? 'fail' : r.status}**`} ${r.nodes} · ${kb(r.maxSetDataBytes)}`);
  const failed = all.filter((r) => !r.ok);
  const lines = [
    `# weapp pages × roles (${new Date().toISOString()})`,
    '',
    `${pages.length} pages × ${roles.length} roles = ${all.length} loads, ${failed.length} with problems. Each cell: result, nodes in the`,
    'rendered tree · largest single setData payload in KB (WeChat refuses 1 MB). Owner: the role the page is made for (strict checks).',
    '',
    `| page | owner | ${roles.join(' | ')} |`,
    `|---|---|${roles.map(() => '---').join('|')}|`,
    ...pages.map((p) => {
      const of = all.filter((r) => r.page === p);
      return `| ${p} | ${of.find((r) => r.owner)?.role ?? ''} | ${roles.map((role) => cell(of.find((r) => r.role === role))).join(' | ')} |`;
    }),
  ];
  if (failed.length) lines.push('', '## Problems', '', ...failed.map((r) => `- ${r.page} as ${r.role}: ${r.problems.join('; ').slice(0, 600)}`));
  const md = lines.join('\n');
  fs.writeFileSync(path.join(ARTIFACTS, 'pages.md'), `${md}\n`);
  return md;
}
