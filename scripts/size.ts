/**
 * `npm run size` (after `npm run build:weapp`): the mini-program's package sizes against the
 * budgets. Uses miniprogram-ci's offline code analysis (the same per-package view WeChat
 * DevTools shows); falls back to summing the files under dist/ per package root.
 *
 *   main package ≤ 460 KB (the blank-Taro floor is ~303 KB), each sub-package ≤ 300 KB.
 *
 * REDPARK_SIZE_FALLBACK=1 skips miniprogram-ci and uses the file sums.
 * Exits non-zero only when a budget is exceeded (or there is no build to measure).
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

const ROOT = path.resolve(__dirname, '..');
export const DIST = path.join(ROOT, 'dist');
export const FLOOR_KB = 303;
export const MAIN_BUDGET_KB = 460;
export const SUB_BUDGET_KB = 300;

let analysing = false;

export interface Sizes {
  method: string;
  /** package name ('main' or a sub-package root) → bytes */
  packages: Map<string, number>;
}

export function subpackageRoots(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  return (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''));
}

function walk(dir: string, out: Array<{ rel: string; size: number }> = [], base = dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out, base);
    else out.push({ rel: path.relative(base, full).split(path.sep).join('/'), size: fs.statSync(full).size });
  }
  return out;
}

/** Files WeChat does not upload (project config, source maps, licence comments). */
const NOT_SHIPPED = /(^project(\.private)?\.config\.json$|\.map$|\.LICENSE\.txt$)/;

export function sumByFiles(): Sizes {
  const roots = subpackageRoots();
  const packages = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const f of walk(DIST)) {
    if (NOT_SHIPPED.test(f.rel)) continue;
    const root = roots.find((r) => f.rel === r || f.rel.startsWith(`${r}/`)) ?? 'main';
    packages.set(root, (packages.get(root) ?? 0) + f.size);
  }
  return { method: 'sum of file sizes under dist/ per package root (fallback)', packages };
}

/** The mini-program's packages as miniprogram-ci's offline analysis sees them (needs a weapp build in dist/). */
export async function analyse(): Promise<Sizes> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
  const projectConfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-size-'));
  try {
    // A throw-away key: the offline analysis needs one but never uses it to talk to WeChat.
    const { privateKey } = crypto.generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const keyPath = path.join(tmp, 'private.key');
    fs.writeFileSync(keyPath, privateKey, { mode: 0o600 });
    const project = new ci.Project({
      appid: projectConfig.appid || 'touristappid',
      type: 'miniProgram',
      projectPath: DIST,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
    });
    analysing = true;
    const result = await ci.analyseCode(project, { silent: true });
    analysing = false;
    if (!result || !Array.isArray(result.files) || result.files.length === 0) throw new Error('analyseCode returned no files');
    const roots = subpackageRoots();
    const packages = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])]);
    for (const f of result.files) {
      const name = f.subPackage ? f.subPackage.replace(/^\/+|\/+$/g, '') : 'main';
      packages.set(name, (packages.get(name) ?? 0) + f.size);
    }
    return { method: 'miniprogram-ci analyseCode (offline)', packages };
  } finally {
    analysing = false;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * `--json`: only miniprogram-ci's measurement, as `{ method, packages: { name: bytes } }`. The size
 * test runs this in a child process because analyseCode leaves a file watcher open that would keep a
 * jest process alive; the child simply exits.
 */
async function printJson(): Promise<number> {
  const sizes = await analyse();
  process.stdout.write(`${JSON.stringify({ method: sizes.method, packages: Object.fromEntries(sizes.packages) })}\n`);
  return 0;
}

const kb = (bytes: number) => bytes / 1024;
const fmt = (n: number) => n.toFixed(1).padStart(7);

async function run(): Promise<number> {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    console.error('dist/app.json 不存在：请先运行 npm run build:weapp。');
    return 1;
  }
  let sizes: Sizes;
  try {
    if (process.env.REDPARK_SIZE_FALLBACK) throw new Error('REDPARK_SIZE_FALLBACK is set');
    sizes = await analyse();
  } catch (err) {
    console.warn(`[size] analyseCode failed (${(err as Error).message}); falling back to file sizes.`);
    sizes = sumByFiles();
  }

  console.log(`\nWeChat mini-program package sizes — method: ${sizes.method}\n`);
  console.log('package                     size KB   budget KB   status');
  console.log('--------------------------  -------   ---------   ------');
  let over = false;
  let total = 0;
  for (const [name, bytes] of sizes.packages) {
    total += bytes;
    const budget = name === 'main' ? MAIN_BUDGET_KB : SUB_BUDGET_KB;
    const ok = kb(bytes) <= budget;
    if (!ok) over = true;
    const label = name === 'main' ? 'main' : `sub: ${name}`;
    console.log(`${label.padEnd(26)}  ${fmt(kb(bytes))}   ${String(budget).padStart(9)}   ${ok ? 'ok' : 'OVER BUDGET'}`);
  }
  const main = kb(sizes.packages.get('main') ?? 0);
  console.log('--------------------------  -------');
  console.log(`${'total'.padEnd(26)}  ${fmt(kb(total))}`);
  console.log(`\nmain package: ${main.toFixed(1)} KB = blank-Taro floor ${FLOOR_KB} KB + ${(main - FLOOR_KB).toFixed(1)} KB of app; ` +
    `${(MAIN_BUDGET_KB - main).toFixed(1)} KB left of the ${MAIN_BUDGET_KB} KB budget.`);
  if (over) console.error('\nA package is over its budget: move pages or heavy components into a sub-package.');
  return over ? 1 : 0;
}

if (require.main === module) {
  // miniprogram-ci can crash from a forked child (STACK-NOTES): report instead of dying silently.
  process.on('unhandledRejection', (err) => {
    console.warn(`[size] unhandled rejection${analysing ? ' in miniprogram-ci' : ''}: ${String((err as Error)?.message ?? err)}`);
  });
  process.on('uncaughtException', (err) => {
    console.warn(`[size] uncaught exception${analysing ? ' in miniprogram-ci' : ''}: ${err.message}`);
  });
  const measureOnly = process.argv.includes('--json');
  (measureOnly ? printJson() : run()).then(
    (code) => process.exit(code),
    (err) => {
      console.error('[size] failed:', err);
      process.exit(1);
    },
  );
}
