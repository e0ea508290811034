/**
 * The release scripts fail fast without credentials: nothing is built, nothing is sent, and each
 * missing setting is named. (With credentials they need Tencent's and WeChat's servers, which
 * this machine cannot reach; `npm run deploy -- --dry-run` shows the commands they would run.)
 */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { templatesForCli } from './deploy';
import { templateIds } from '../cloudfunctions/notify/templates';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs a script with only PATH/HOME and `env`: no credentials leak in from the developer's shell. */
async function run(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, args, {
      cwd: ROOT, env: { PATH: process.env.PATH!, HOME: os.tmpdir(), ...env }, encoding: 'utf8', timeout: 60_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const fullDeployEnv = {
  TCB_SECRET_ID: 'AKIDtest', TCB_SECRET_KEY: 'test-key', TCB_ENV_ID: 'redpark-prod-1a2b',
  REDPARK_ADMIN_OPENIDS: 'oAdmin1,oAdmin2', REDPARK_CHECKIN_SECRET: 'f'.repeat(64), REDPARK_WX_APPID: 'wx0123456789abcdef',
  REDPARK_CERT_SECRET: 'c'.repeat(64), REDPARK_PUBLIC_URL: 'https://park.example.cn',
};

test('deploy_without_credentials_exits_2_naming_every_missing_variable_and_builds_nothing', async () => {
  const before = fs.statSync(path.join(ROOT, 'cloudfunctions/user/index.js'), { throwIfNoEntry: false })?.mtimeMs;
  const r = await run(['scripts/deploy.ts']);
  expect(r.code).toBe(2);
  for (const v of ['TCB_SECRET_ID', 'TCB_SECRET_KEY', 'TCB_ENV_ID', 'REDPARK_ADMIN_OPENIDS', 'REDPARK_CHECKIN_SECRET', 'REDPARK_WX_APPID', 'REDPARK_CERT_SECRET', 'REDPARK_PUBLIC_URL']) {
    expect(r.out).toContain(`缺少环境变量 ${v}`);
  }
  expect(r.out).not.toContain('REDPARK_SUBSCRIBE_TEMPLATES'); // optional: has a default
  expect(r.out).not.toContain('构建云函数');
  expect(fs.statSync(path.join(ROOT, 'cloudfunctions/user/index.js'), { throwIfNoEntry: false })?.mtimeMs).toBe(before);
}, 60_000);

test('deploy_names_the_one_variable_left_missing_and_refuses_a_short_checkin_secret', async () => {
  const { TCB_SECRET_KEY: _, ...noKey } = fullDeployEnv;
  const r = await run(['scripts/deploy.ts'], { ...noKey, REDPARK_CHECKIN_SECRET: 'short' });
  expect(r.code).toBe(2);
  expect(r.out).toContain('缺少环境变量 TCB_SECRET_KEY');
  expect(r.out).toContain('环境变量 REDPARK_CHECKIN_SECRET 不正确');
  expect(r.out).not.toContain('缺少环境变量 TCB_SECRET_ID');
}, 60_000);

test('deploy_dry_run_with_every_setting_prints_the_tcb_commands_with_the_key_masked', async () => {
  const r = await run(['scripts/deploy.ts', '--dry-run'], fullDeployEnv);
  expect(r.code).toBe(0);
  expect(r.out).toContain('tcb login --apiKeyId AKIDtest --apiKey ******');
  expect(r.out).toContain('tcb fn deploy --all --force --yes -e redpark-prod-1a2b');
  expect(r.out).toContain('tcb framework deploy -e redpark-prod-1a2b');
  // Indexes before code (see deploy.ts).
  expect(r.out.indexOf('tcb framework deploy')).toBeLessThan(r.out.indexOf('tcb fn deploy'));
  expect(r.out).not.toContain('test-key');
}, 60_000);

test('upload_and_preview_without_appid_or_key_exit_2_naming_the_variable', async () => {
  const up = await run(['scripts/wx-release.ts', 'upload']);
  expect(up.code).toBe(2);
  expect(up.out).toContain('缺少环境变量 WX_APPID');
  expect(up.out).toContain('缺少环境变量 WX_PRIVATE_KEY_PATH');
  expect(up.out).toContain('缺少环境变量 TCB_ENV_ID');
  const pre = await run(['scripts/wx-release.ts', 'preview'], { WX_APPID: 'wx0123456789abcdef', WX_PRIVATE_KEY_PATH: '/nonexistent/private.key', TCB_ENV_ID: 'redpark-prod-1a2b' });
  expect(pre.code).toBe(2);
  expect(pre.out).toContain('WX_PRIVATE_KEY_PATH 不正确：找不到文件 /nonexistent/private.key');
  expect(pre.out).not.toContain('TCB_ENV_ID');
  expect(pre.out).not.toContain('构建小程序');
}, 60_000);

test('upload_takes_the_subscribe_templates_from_the_deployments_setting_and_refuses_the_old_id_list', async () => {
  const creds = { WX_APPID: 'wx0123456789abcdef', WX_PRIVATE_KEY_PATH: '/nonexistent/private.key', TCB_ENV_ID: 'redpark-prod-1a2b' };
  const old = await run(['scripts/wx-release.ts', 'upload'], { ...creds, TARO_APP_SUBSCRIBE_TMPL_IDS: 'a,b,c' });
  expect(old.code).toBe(2);
  expect(old.out).toContain('TARO_APP_SUBSCRIBE_TMPL_IDS 已不再使用');
  expect(old.out).toContain('REDPARK_SUBSCRIBE_TEMPLATES');
  const bad = await run(['scripts/wx-release.ts', 'preview'], { ...creds, REDPARK_SUBSCRIBE_TEMPLATES: '{"bookingResult":' });
  expect(bad.code).toBe(2);
  expect(bad.out).toContain('REDPARK_SUBSCRIBE_TEMPLATES 不正确');
  expect(bad.out).not.toContain('构建小程序');
}, 60_000);

test('subscribe_templates_in_json_reach_the_function_as_pairs_it_reads_back_the_same', () => {
  const json = '{"bookingResult":"AbC-12_x","newBooking":"ZZ9"}';
  const pairs = templatesForCli(json);
  expect(pairs).toBe('bookingResult=AbC-12_x,newBooking=ZZ9');
  expect(templateIds(pairs)).toEqual(templateIds(json));
  expect(templateIds(' a = 1 , broken, =x ')).toEqual({ a: '1' });
});

test('smoke_cloud_without_credentials_exits_2_naming_the_variables_it_needs', async () => {
  const r = await run(['scripts/smoke-cloud.ts']);
  expect(r.code).toBe(2);
  for (const v of ['TCB_SECRET_ID', 'TCB_SECRET_KEY', 'TCB_ENV_ID']) expect(r.out).toContain(`缺少环境变量 ${v}`);
});

test('smoke_cloud_dry_run_prints_the_six_checks_with_what_the_emulator_assumes_and_connects_to_nothing', async () => {
  const r = await run(['scripts/smoke-cloud.ts', '--dry-run']);
  expect(r.code).toBe(0);
  const steps = r.out.split('\n').filter((l) => /^\d\. /.test(l));
  expect(steps.map((l) => l.split('：')[0])).toEqual(['1. 事务内重复主键', '2. 聚合无 limit 的行数', '3. null 字段下写入子字段', '4. 未改变任何值的 update', '5. 批量写入中途遇到重复主键', '6. 导出单页读取行数']);
  expect(steps.every((l) => l.includes('预期'))).toBe(true);
  expect(r.out).toContain('redpark_smoke');
});
