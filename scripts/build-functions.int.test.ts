/**
 * The shipped artefact: each function folder holds one bundled index.js (with its package.json
 * and config.json), loads with no node_modules, and takes its caller from the platform's
 * environment (WX_OPENID) — never from the event.
 */
import { execFile } from 'child_process';
import { promisify } from 'util';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { buildFunctions, functionNames } from './build-functions';
import { sdkFor, startTestEmulator, type TestEmulator } from '../local/emulator/testing';
import { functions } from '../server/functions';
import { isLocalOnlyVariable, variablesReadBy } from './deploy-config';

const root = path.resolve(__dirname, '..');
let db: TestEmulator;
let built: { name: string; bytes: number }[];

beforeAll(async () => {
  built = await buildFunctions();
  db = await startTestEmulator();
}, 120_000);
afterAll(async () => {
  await db.close();
});

test('every_function_in_the_registry_has_a_folder', () => {
  // Folders ↔ cloudbaserc.json (and each folder's package.json) are checked offline in deploy-config.test.ts.
  expect(functionNames()).toEqual(Object.keys(functions).sort());
});

test('each_function_ships_index_js_and_config_json_with_permissions_under_1_5_MB', () => {
  for (const { name, bytes } of built) {
    const dir = path.join(root, 'cloudfunctions', name);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toHaveProperty('permissions');
    expect(bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  }
});

test('every_deployment_variable_a_bundle_reads_is_declared_in_its_cloudbaserc_envVariables', () => {
  // A variable read but not declared is simply undefined in the cloud (a deploy replaces the
  // function's variables with the file's): e.g. an unsigned check-in code or no admins at all.
  const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'));
  for (const { name } of built) {
    const declared = Object.keys(rc.functions.find((f: { name: string }) => f.name === name).envVariables ?? {});
    const read = variablesReadBy(fs.readFileSync(path.join(root, 'cloudfunctions', name, 'index.js'), 'utf8'));
    expect(read).toContain('REDPARK_ADMIN_OPENIDS');
    expect([name, read.filter((v) => !isLocalOnlyVariable(name, v) && !declared.includes(v))]).toEqual([name, []]);
  }
});

test('bundled_main_runs_alone_and_takes_the_caller_from_the_platform_not_the_event', async () => {
  // A copy outside the repo proves the bundle needs no node_modules.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-fn-'));
  fs.copyFileSync(path.join(root, 'cloudfunctions/user/index.js'), path.join(dir, 'index.js'));
  // Asynchronous: the emulator answering the child lives in this very process.
  const run = async (env: Record<string, string>, context: unknown = {}) => {
    const script = `
      const { main } = require(${JSON.stringify(path.join(dir, 'index.js'))});
      main({ action: 'me', params: {}, userInfo: { openId: 'demo-admin' }, openid: 'demo-admin' }, ${JSON.stringify(context)})
        .then((r) => process.stdout.write(JSON.stringify(r)));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: dir,
      env: { PATH: process.env.PATH, REDPARK_TCB_SERVICE_URL: db.url, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return JSON.parse(stdout);
  };
  // Older runtimes: the platform lists the identity variables in WX_CONTEXT_KEYS.
  const fromEnv = await run({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'platform-user-1', WX_APPID: 'wx-test' });
  expect(fromEnv).toMatchObject({ ok: true, data: { openid: 'platform-user-1', roles: ['visitor'] } });
  // Newer runtimes: the same variables arrive in context.environment.
  const fromContext = await run({}, { environment: JSON.stringify({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'platform-user-2' }) });
  expect(fromContext).toMatchObject({ ok: true, data: { openid: 'platform-user-2' } });
  // No platform identity: the forged event.userInfo does not help.
  expect(await run({})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});

test('bundled_sdk_still_does_queries_updates_and_transactions_with_unused_parts_stubbed', async () => {
  const sdk = sdkFor(db.url).database();
  await sdk.collection('enterprises').add({ _id: 'ent-bundle', name: '打包测试企业', industry: '软件', headcount: 3, foundedAt: '2020-01-01', qualifications: [], contactOpenids: [], createdAt: new Date() });
  await sdk.collection('invites').add({ _id: 'BUNDLE88', enterpriseId: 'ent-bundle', maxUses: 1, uses: 0, expiresAt: new Date(Date.now() + 86400_000), createdBy: 't', createdAt: new Date() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-fn-'));
  fs.copyFileSync(path.join(root, 'cloudfunctions/user/index.js'), path.join(dir, 'index.js'));
  const calls = [
    { action: 'acceptPrivacy', params: {} }, // doc update
    { action: 'listBranches', params: {} }, // where/orderBy/field query
    { action: 'redeemInvite', params: { code: 'BUNDLE88' } }, // transaction
    { action: 'me', params: {} },
  ];
  const script = `
    const { main } = require(${JSON.stringify(path.join(dir, 'index.js'))});
    (async () => { const out = []; for (const c of ${JSON.stringify(calls)}) out.push(await main(c, {})); process.stdout.write(JSON.stringify(out)); })();`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd: dir,
    env: { PATH: process.env.PATH, REDPARK_TCB_SERVICE_URL: db.url, WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'bundle-user' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const [accepted, branches, redeemed, me] = JSON.parse(stdout);
  expect(accepted.ok).toBe(true);
  expect(branches).toEqual({ ok: true, data: [] });
  expect(redeemed).toEqual({ ok: true, data: { enterprise: { id: 'ent-bundle', name: '打包测试企业' } } });
  expect(me.data).toMatchObject({ privacyAccepted: true, enterprise: { id: 'ent-bundle' }, roles: ['visitor', 'enterprise'] });
});

test('function_code_imports_zod_so_that_esbuild_can_drop_what_is_unused', () => {
  // `import { z } from 'zod'` materialises zod's whole namespace (every locale included):
  // measured 446 KB of each bundle instead of about 90 KB with `import * as z from 'zod'`.
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && /import\s*\{\s*z\s*\}\s*from\s*'zod'/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(root, p));
    }
  };
  walk(path.join(root, 'server'));
  walk(path.join(root, 'cloudfunctions'));
  expect(offenders).toEqual([]);
});
