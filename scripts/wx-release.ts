/**
 * `npm run upload` / `npm run preview`: builds the weapp and sends dist/ to WeChat with miniprogram-ci.
 *
 *   TCB_ENV_ID            the CloudBase environment the app calls (or TARO_APP_CLOUD_ENV)
 *   REDPARK_SUBSCRIBE_TEMPLATES  optional: the same template pairs as `npm run deploy` (JSON or key=id,…);
 *                         built into the app (TARO_APP_SUBSCRIBE_TEMPLATES) so it asks for those ids at
 *                         its moments (src/domain/subscribe.ts)
 *   WX_APPID              the mini-program's AppID (微信公众平台 → 开发管理 → 开发设置)
 *   WX_PRIVATE_KEY_PATH   path of the 代码上传密钥 downloaded from the same page (keep it out of git)
 *   WX_VERSION            upload only: version shown in 版本管理 (default: package.json version)
 *   WX_DESC               optional description (default: "RedPark <version> <git commit>")
 *   WX_ROBOT              optional CI robot 1–30 (default 1)
 *   WX_SKIP_BUILD=1       reuse an existing dist/ (default: build first)
 *
 * Upload puts a 开发版 in 版本管理 to submit for review; preview prints and saves a QR code
 * (artifacts/preview-qrcode.jpg) valid for 25 minutes. Both need WeChat's servers and the IP of
 * this machine in the key's 上传IP白名单 (or the whitelist turned off).
 */
import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { appIdProblem, failOnMissing, fileExists, installCrashHandlers, missing } from './release-env';
import { templatesForCli } from './deploy';

const ROOT = path.resolve(__dirname, '..');
const mode = process.argv[2];
if (mode !== 'upload' && mode !== 'preview') {
  console.error('用法：tsx scripts/wx-release.ts upload|preview');
  process.exit(2);
}
const script = mode;
installCrashHandlers(script);

// The build writes the environment id into the app (wx.cloud.init, src/api/transport.ts) and the
// subscribe-message template ids it asks for: the deployment's own REDPARK_SUBSCRIBE_TEMPLATES, the
// one source of the key → id pairs, as TARO_APP_SUBSCRIBE_TEMPLATES (`key=id,…`; optional).
const cloudEnv = process.env.TARO_APP_CLOUD_ENV?.trim() || process.env.TCB_ENV_ID?.trim() || '';
let subscribeTemplates = '';
const templateProblems: string[] = [];
if (process.env.TARO_APP_SUBSCRIBE_TMPL_IDS?.trim()) {
  templateProblems.push('环境变量 TARO_APP_SUBSCRIBE_TMPL_IDS 已不再使用：请改用与部署相同的 REDPARK_SUBSCRIBE_TEMPLATES（模板键=模板ID,…），小程序按场景申请对应模板。');
}
try {
  subscribeTemplates = templatesForCli(process.env.REDPARK_SUBSCRIBE_TEMPLATES?.trim() || process.env.TARO_APP_SUBSCRIBE_TEMPLATES?.trim() || '');
} catch {
  templateProblems.push('环境变量 REDPARK_SUBSCRIBE_TEMPLATES 不正确：应为 {"模板键":"模板ID",…} 或 模板键=模板ID,…');
}
failOnMissing(script, [
  ...templateProblems,
  ...(cloudEnv || process.env.WX_SKIP_BUILD ? [] : ['缺少环境变量 TCB_ENV_ID（云开发环境 ID，构建时写入小程序供 wx.cloud.init 使用；也可用 TARO_APP_CLOUD_ENV）。']),
  ...missing([
  { name: 'WX_APPID', what: '小程序 AppID，形如 wx0123456789abcdef', check: appIdProblem },
  { name: 'WX_PRIVATE_KEY_PATH', what: '代码上传密钥文件的路径，在 微信公众平台 → 开发管理 → 开发设置 下载', check: fileExists },
  ]),
]);

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const version = process.env.WX_VERSION?.trim() || pkg.version;
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  commit = 'no-git';
}
const desc = process.env.WX_DESC?.trim() || `RedPark ${version} ${commit}`;
const robot = Number(process.env.WX_ROBOT ?? 1);

async function main() {
  if (!process.env.WX_SKIP_BUILD) {
    console.log(`[${script}] 构建小程序（npm run build:weapp）…`);
    const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TARO_APP_CLOUD_ENV: cloudEnv, TARO_APP_SUBSCRIBE_TEMPLATES: subscribeTemplates } });
    if (r.status !== 0) throw new Error('build:weapp 失败');
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/app.json'))) throw new Error('dist/app.json 不存在：构建没有产出小程序。');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
  const project = new ci.Project({
    appid: process.env.WX_APPID!.trim(),
    type: 'miniProgram',
    projectPath: path.join(ROOT, 'dist'),
    privateKeyPath: path.resolve(process.env.WX_PRIVATE_KEY_PATH!.trim()),
    ignores: ['node_modules/**/*'],
  });
  // Taro already transpiled and minified: compiling again would only cost time (and es6 → es5
  // would grow the main package past its budget).
  const setting = { es6: false, es7: false, minify: false, autoPrefixWXSS: false };
  const onProgressUpdate = (t: unknown) => {
    const m = typeof t === 'string' ? t : (t as { _msg?: string; message?: string })?._msg ?? '';
    if (m) console.log(`[${script}] ${m}`);
  };
  if (mode === 'upload') {
    const result = await ci.upload({ project, version, desc, setting, robot, onProgressUpdate });
    console.log(`[upload] 已上传开发版 ${version}（${desc}）。到 微信公众平台 → 管理 → 版本管理 选为体验版或提交审核。`);
    console.log(JSON.stringify(result.subPackageInfo ?? result, null, 2));
  } else {
    const dest = path.join(ROOT, 'artifacts/preview-qrcode.jpg');
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    await ci.preview({ project, version, desc, setting, robot, qrcodeFormat: 'image', qrcodeOutputDest: dest, onProgressUpdate });
    console.log(`[preview] 预览二维码已保存到 ${path.relative(ROOT, dest)}，用微信扫码（25 分钟内有效）。`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[${script}] 失败：${(err as Error).message}`);
    process.exit(1);
  },
);
