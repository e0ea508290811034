/**
 * `npm run deploy`: builds the function bundles and deploys them and the database (collections,
 * ACL, indexes) to the CloudBase environment, with @cloudbase/cli (`tcb`) from devDependencies.
 *
 *   TCB_SECRET_ID / TCB_SECRET_KEY   a Tencent Cloud API key (访问管理 → API密钥管理); TCB_SESSION_TOKEN
 *                                    too when the key is a temporary one
 *   TCB_ENV_ID                       the CloudBase environment id
 *   …and every other `{{env.NAME}}` of cloudbaserc.json (admin openids, check-in secret, AppID, …);
 *   the optional ones get the defaults in scripts/deploy-config.ts.
 *
 * Order: settings (fail fast, naming every missing variable, before anything runs) → the offline
 * schema check of cloudbaserc.json → build → `tcb login --apiKeyId … --apiKey …` (non-interactive)
 * → `tcb fn deploy --all --force --yes` (code, settings, variables and timer triggers of every
 * function) → `tcb framework deploy` (the database plugin: collections, ACL ADMINONLY, indexes).
 * `--dry-run` stops after the checks and prints the commands, with the key masked.
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { buildFunctions } from './build-functions';
import { CloudbaseRc, collectionsOf, OPTIONAL_VARIABLES, placeholders, readRc } from './deploy-config';
import { appIdProblem, failOnMissing, installCrashHandlers, missing, type Need } from './release-env';

const ROOT = path.resolve(__dirname, '..');
const DRY = process.argv.includes('--dry-run');
installCrashHandlers('deploy');

/** What each variable of cloudbaserc.json is, for the message when it is missing. */
const WHAT: Record<string, Omit<Need, 'name'>> = {
  TCB_ENV_ID: { what: '云开发环境 ID，云开发控制台 → 环境 → 环境 ID' },
  REDPARK_ADMIN_OPENIDS: { what: '党务管理员的 openid，多个用英文逗号分隔' },
  REDPARK_CHECKIN_SECRET: {
    what: '签到码签名密钥，至少 32 个字符的随机串，例如 openssl rand -hex 32 的输出',
    check: (v) => (v.length >= 32 ? null : '至少需要 32 个字符。'),
  },
  REDPARK_CERT_SECRET: {
    what: '志愿时长证明验证码的签名密钥，至少 32 个字符的随机串（与签到密钥分开，轮换签到密钥不影响已打印的证明）',
    check: (v) => (v.length >= 32 ? null : '至少需要 32 个字符。'),
  },
  REDPARK_PUBLIC_URL: {
    what: '证明二维码指向的网址前缀，须与「扫普通链接二维码打开小程序」规则一致，例如 https://park.example.cn',
    check: (v) => (/^https:\/\/[^\s/]+/.test(v) ? null : '应以 https:// 开头。'),
  },
  REDPARK_WX_APPID: { what: '小程序 AppID，用于核验群聊分享', check: appIdProblem },
};

/** `{"bookingResult":"id",…}` → `bookingResult=id,…` (tcb would turn a JSON-object string into an object). */
export function templatesForCli(v: string): string {
  if (!v.trim().startsWith('{')) return v;
  const parsed = JSON.parse(v) as Record<string, unknown>;
  return Object.entries(parsed).filter(([, id]) => typeof id === 'string' && id).map(([k, id]) => `${k}=${id}`).join(',');
}

function main(): void {
  const raw = readRc();
  const parsed = CloudbaseRc.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) console.error(`[deploy] cloudbaserc.json ${i.path.join('.')}: ${i.message}`);
    process.exit(2);
  }
  const vars = placeholders(raw);
  const required = vars.filter((n) => !(n in OPTIONAL_VARIABLES));
  failOnMissing('deploy', missing([
    { name: 'TCB_SECRET_ID', what: '腾讯云 API 密钥 SecretId，访问管理 → API密钥管理' },
    { name: 'TCB_SECRET_KEY', what: '腾讯云 API 密钥 SecretKey' },
    ...required.map((name): Need => ({ name, ...(WHAT[name] ?? { what: '见 README → 生产部署' }) })),
  ]));

  // The values tcb substitutes for "{{env.NAME}}": from the environment or the defaults, escaped
  // so that a quote or backslash cannot break the JSON the substitution happens in.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of vars) {
    let v = process.env[name]?.trim() || OPTIONAL_VARIABLES[name] || '';
    if (name === 'REDPARK_SUBSCRIBE_TEMPLATES') {
      try {
        v = templatesForCli(v);
      } catch {
        failOnMissing('deploy', [`环境变量 REDPARK_SUBSCRIBE_TEMPLATES 不正确：应为 {"模板键":"模板ID",…} 或 模板键=模板ID,…`]);
      }
    }
    env[name] = JSON.stringify(v).slice(1, -1);
  }
  const envId = process.env.TCB_ENV_ID!.trim();
  const tcb = path.join(ROOT, 'node_modules/.bin/tcb');
  const login = ['login', '--apiKeyId', process.env.TCB_SECRET_ID!.trim(), '--apiKey', process.env.TCB_SECRET_KEY!.trim(),
    ...(process.env.TCB_SESSION_TOKEN ? ['--token', process.env.TCB_SESSION_TOKEN.trim()] : [])];
  const steps: Array<[string, string[]]> = [
    ['登录腾讯云', login],
    // Collections and unique indexes first: new code must never run without the indexes that
    // make its invariants hold (a missing unique index silently allows a double booking).
    ['部署数据库集合、权限与索引', ['framework', 'deploy', '-e', envId]],
    ['部署云函数（代码、配置、环境变量、定时触发器）', ['fn', 'deploy', '--all', '--force', '--yes', '-e', envId]],
  ];
  const mask = (args: string[]) => args.map((a, i) => (args[i - 1] === '--apiKey' || args[i - 1] === '--token' ? '******' : a));

  if (DRY) {
    console.log(`[deploy] 检查通过：cloudbaserc.json 有 ${parsed.data.functions.length} 个云函数、` +
      `${collectionsOf(parsed.data).length} 个集合；环境变量齐全。`);
    for (const [what, args] of steps) console.log(`[deploy] ${what}: tcb ${mask(args).join(' ')}`);
    return;
  }

  console.log('[deploy] 构建云函数…');
  buildFunctions().then((rows) => {
    for (const r of rows) console.log(`[deploy]   cloudfunctions/${r.name}/index.js ${(r.bytes / 1024).toFixed(0)} KB`);
    for (const [what, args] of steps) {
      console.log(`[deploy] ${what}: tcb ${mask(args).join(' ')}`);
      const r = spawnSync(tcb, args, { cwd: ROOT, env, stdio: 'inherit' });
      if (r.status !== 0) {
        console.error(`[deploy] 失败：${what}（tcb 退出码 ${r.status ?? r.signal}）。`);
        process.exit(1);
      }
    }
    console.log(`[deploy] 完成：环境 ${envId}。下一步：npm run upload（见 README → 生产部署）。`);
  }, (err) => {
    console.error(`[deploy] 构建失败：${(err as Error).message}`);
    process.exit(1);
  });
}

if (require.main === module) main();
