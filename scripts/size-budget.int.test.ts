/**
 * The mini-program's size budgets, held by a test (sizes are deterministic for a given build):
 * main package ≤ 460 KB and each sub-package ≤ 300 KB, as miniprogram-ci's offline analysis measures
 * them (the per-package view WeChat DevTools shows). Needs the weapp build in dist/ — `npm test`
 * builds it first; alone: `npm run build:weapp && npx jest scripts/size-budget`.
 * (Each bundled function ≤ 1.5 MB is held where the bundles are built: build-functions.int.test.ts.)
 */
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { DIST, MAIN_BUDGET_KB, SUB_BUDGET_KB, subpackageRoots } from './size';

let sizes: { method: string; packages: Map<string, number> };

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error('dist/app.json is missing: run `npm run build:weapp` first (npm test does).');
  // scripts/size.ts's own analyse(), in a child: miniprogram-ci leaves a file watcher open.
  const root = path.resolve(__dirname, '..');
  const { stdout } = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['scripts/size.ts', '--json'], { cwd: root, encoding: 'utf8', timeout: 110_000 });
  const parsed = JSON.parse(stdout.trim().split('\n').pop()!) as { method: string; packages: Record<string, number> };
  sizes = { method: parsed.method, packages: new Map(Object.entries(parsed.packages)) };
}, 120_000);

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

test('sizes_come_from_miniprogram_ci_analysis_and_cover_every_subpackage', () => {
  // `size.ts --json` measures only with miniprogram-ci (no file-sum fallback), so the method is given.
  expect([...sizes.packages.keys()].sort()).toEqual(['main', ...subpackageRoots()].sort());
  for (const [name, bytes] of sizes.packages) expect([name, bytes > 0]).toEqual([name, true]);
});

test('main_package_is_within_460_KB', () => {
  const main = kb(sizes.packages.get('main') ?? 0);
  console.log(`main package ${main} KB (budget ${MAIN_BUDGET_KB} KB)`);
  expect(main).toBeLessThanOrEqual(MAIN_BUDGET_KB);
});

test('each_subpackage_is_within_300_KB', () => {
  const rows = [...sizes.packages].filter(([n]) => n !== 'main').map(([n, b]) => [n, kb(b)] as const);
  console.log(rows.map(([n, k]) => `${n} ${k} KB`).join('\n'));
  expect(rows.filter(([, k]) => k > SUB_BUDGET_KB)).toEqual([]);
});
