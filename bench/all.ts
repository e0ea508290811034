/**
 * `npm run bench`: the launch numbers in one run (numbers, not assertions — they depend on the machine):
 *
 *  1. database calls per action, for every write action: the integration tests are the scenario —
 *     they call every action through the gateway with valid params — run with REDPARK_CALL_STATS so
 *     that each `gw.call` records the emulator's counters (local/testing.ts). A call that wrote
 *     anything marks its action as a write action; calls that overlapped another are left out. Actions
 *     with no successful, non-overlapping call are listed as not measured, never hidden.
 *  2. the sign-up and check-in bursts (bench/volunteer.ts, bench/checkin.ts, smaller than their own
 *     defaults so the whole run takes a few minutes; BENCH_SCALE=2 doubles them).
 *  3. cold `require` of each built function (a fresh node process each time, median of 5) against a
 *     bundle of the bare @cloudbase/node-sdk made with the same esbuild settings.
 *  4. h5 first-load JS and CSS gzipped (what dist-h5/index.html loads) against the blank-Taro floor.
 *  5. production-shaped (bench/production.ts): latency with an 8 ms database round trip against two
 *     bare round trips, and a rush of 500 sign-ups for 100 places at 30 and 300 database requests/s
 *     with 20 instances per function, clients retrying RATE_LIMITED (about 2 minutes).
 *  7. pages on a phone (bench/phone.ts, also `npm run bench:phone`): per page of the built weapp,
 *     nodes, depth, widest node and largest setData at 1× and 10× the demo rows, and the admin
 *     dashboard's database calls at 1× and 10× (needs dist/: npm run build:weapp).
 *
 * BENCH_SKIP=calls,bursts,cold,h5,production,phone skips sections.
 */
import { execFileSync, spawnSync } from 'child_process';
import { build } from 'esbuild';
import { EventEmitter } from 'events';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { startGateway } from '../local/gateway';
import { functions } from '../server/functions';
import { BUNDLE_OPTIONS, buildFunctions, functionNames } from '../scripts/build-functions';
import { checkinBurst } from './checkin';
import { phoneSection } from './phone';
import { productionShaped } from './production';
import { signUpBurst } from './volunteer';

const ROOT = path.resolve(__dirname, '..');
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
/** From /work/shared/STACK-NOTES.md: a blank 2-page Taro 4.2.1 app's h5 build, measured on this kind of machine. */
const BLANK_TARO_H5_GZIP_KB = 106;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const heading = (t: string) => console.log(`\n== ${t} ${'='.repeat(Math.max(0, 96 - t.length))}`);

interface Sample { fn: string; action: string; ok: boolean; overlapped: boolean; requests: number; writes: number; byAction: Record<string, number> }

const SHORT: Record<string, string> = {
  'database.getDocument': 'get', 'database.calculateDocument': 'count', 'database.insertDocument': 'insert',
  'database.modifyDocument': 'update', 'database.removeDocument': 'remove', 'database.aggregateDocuments': 'aggregate',
  'database.startTransaction': 'txStart', 'database.commitTransaction': 'txCommit', 'database.abortTransaction': 'txAbort',
  'database.modifyAndReturnDoc': 'updateAndReturn',
};

function callsPerAction(): void {
  heading('1. Database calls per write action (each call is one network round trip in production)');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-calls-')), 'calls.jsonl');
  fs.writeFileSync(file, '');
  const started = Date.now();
  console.log('running the integration tests as the scenario (every action, valid params, through the gateway)…');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/jest'),
    ['--ci', '--silent', '--maxWorkers=2', '--testPathPatterns', '(cloudfunctions|server|local)/.*\\.int\\.test\\.ts$'],
    { cwd: ROOT, env: { ...process.env, REDPARK_CALL_STATS: file }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const summary = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^Tests:/.test(l)).pop() ?? '(no jest summary)';
  console.log(`  ${summary.trim()}  — ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const samples: Sample[] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });

  const by = new Map<string, Sample[]>();
  for (const s of samples) {
    const k = `${s.fn}.${s.action}`;
    by.set(k, [...(by.get(k) ?? []), s]);
  }
  const writes: string[] = [];
  const reads: string[] = [];
  const unmeasured: string[] = [];
  const rows: string[] = [];
  for (const [fn, table] of Object.entries(functions)) {
    for (const action of Object.keys(table)) {
      const k = `${fn}.${action}`;
      const clean = (by.get(k) ?? []).filter((s) => s.ok && !s.overlapped);
      if (!clean.length) {
        unmeasured.push(k);
        continue;
      }
      const writing = clean.filter((s) => s.writes > 0);
      if (!writing.length) {
        reads.push(k);
        continue;
      }
      writes.push(k);
      const calls = writing.map((s) => s.requests);
      // The mix of the median call, e.g. "get 2, update 1, insert 1".
      const typical = writing.reduce((best, s) => (Math.abs(s.requests - median(calls)) < Math.abs(best.requests - median(calls)) ? s : best));
      const mix = Object.entries(typical.byAction).map(([a, n]) => `${SHORT[a] ?? a} ${n}`).join(', ');
      const range = Math.min(...calls) === Math.max(...calls) ? '' : `  (${Math.min(...calls)}–${Math.max(...calls)} over ${calls.length} calls)`;
      rows.push(`  ${k.padEnd(44)} ${String(median(calls)).padStart(4)}   ${mix}${range}`);
    }
  }
  console.log(`\n  ${'fn.action'.padEnd(44)} calls  (median of its successful writing calls; includes reading the caller's user record, excludes creating it on a first call)`);
  for (const row of rows) console.log(row);
  console.log(`\n  write actions measured: ${writes.length}; read-only actions seen: ${reads.length}; ` +
    `actions without a successful isolated call in the tests (not measured, read or write unknown): ${unmeasured.length}`);
  if (unmeasured.length) console.log(`  not measured: ${unmeasured.join(', ')}`);
}

async function bursts(): Promise<void> {
  heading('2. Bursts (local gateway + emulator on this machine)');
  // Hundreds of concurrent SDK requests in one process add more than 10 'connect' listeners to a
  // socket: expected here, not a leak; without this Node prints a warning per socket.
  EventEmitter.defaultMaxListeners = 1000;
  for (const [name, run] of [
    ['sign-up', (gw: Awaited<ReturnType<typeof startGateway>>) => signUpBurst(gw, 1000 * SCALE, 200, 100 * SCALE)],
    ['check-in', (gw: Awaited<ReturnType<typeof startGateway>>) => checkinBurst(gw, 500 * SCALE, 100)],
  ] as const) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `redpark-bench-${name}-`));
    const gw = await startGateway({ port: 0, dataDir, timers: false });
    // The SDK warns on every request slower than 3 s, which a burst of hundreds produces on a loaded
    // machine: count those lines instead of printing them (the latency line already tells).
    const warn = console.warn;
    let slow = 0;
    console.warn = (...args: unknown[]) => (String(args[0]).includes('longer than 3s') ? slow++ : warn(...args));
    try {
      await run(gw);
      if (slow) console.log(`  (${slow} SDK warnings "request longer than 3s" during the ${name} burst, not printed)`);
    } finally {
      console.warn = warn;
      await gw.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

function coldRequireMs(file: string, runs = 5): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A clean environment: no REDPARK_TCB_SERVICE_URL, as in the cloud.
    times.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: path.dirname(file), env: { PATH: process.env.PATH }, encoding: 'utf8' })));
  }
  return median(times);
}

async function coldRequire(): Promise<void> {
  heading('3. Cold require of each bundled function vs the bare SDK (fresh node process each, median of 5)');
  const built = await buildFunctions();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-sdk-'));
  const sdkBundle = path.join(tmp, 'index.js');
  const entry = path.join(tmp, 'entry.js');
  fs.writeFileSync(entry, `module.exports = require(${JSON.stringify(require.resolve('@cloudbase/node-sdk'))});\n`);
  await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile: sdkBundle, nodePaths: [path.join(ROOT, 'node_modules')] });
  const sdkMs = coldRequireMs(sdkBundle);
  const sdkRaw = coldRequireMs(require.resolve('@cloudbase/node-sdk'));
  console.log(`  ${'bundle'.padEnd(44)} ${'size KB'.padStart(8)} ${'require ms'.padStart(11)}  vs bare-SDK bundle`);
  console.log(`  ${'@cloudbase/node-sdk, same esbuild settings'.padEnd(44)} ${(fs.statSync(sdkBundle).size / 1024).toFixed(0).padStart(8)} ${sdkMs.toFixed(0).padStart(11)}  —`);
  console.log(`  ${'@cloudbase/node-sdk from node_modules'.padEnd(44)} ${'—'.padStart(8)} ${sdkRaw.toFixed(0).padStart(11)}  ${(sdkRaw - sdkMs >= 0 ? '+' : '') + (sdkRaw - sdkMs).toFixed(0)} ms`);
  for (const { name, bytes } of built) {
    const ms = coldRequireMs(path.join(ROOT, 'cloudfunctions', name, 'index.js'));
    console.log(`  ${`cloudfunctions/${name}`.padEnd(44)} ${(bytes / 1024).toFixed(0).padStart(8)} ${ms.toFixed(0).padStart(11)}  ${(ms - sdkMs >= 0 ? '+' : '') + (ms - sdkMs).toFixed(0)} ms`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (built.length !== functionNames().length) console.log('  (some functions did not build)');
}

function h5FirstLoad(): void {
  heading('4. h5 first load: the JS and CSS dist-h5/index.html loads, gzipped');
  const dist = path.join(ROOT, 'dist-h5');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    console.log('  dist-h5/ missing: building it (npm run build:h5)…');
    const r = spawnSync('npm', ['run', '--silent', 'build:h5'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) {
      console.log('  build:h5 failed; section skipped');
      return;
    }
  }
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"/g)].map((m) => m[1] ?? m[2]),
  ].filter((u) => !/^(https?:)?\/\//.test(u));
  let raw = 0;
  let gz = 0;
  let js = 0;
  for (const ref of refs) {
    const file = path.join(dist, ref.replace(/^\.?\//, '').split('?')[0]);
    const buf = fs.readFileSync(file);
    const g = zlib.gzipSync(buf, { level: 6 }).length;
    raw += buf.length;
    gz += g;
    if (file.endsWith('.js')) js += g;
    console.log(`  ${ref.padEnd(40)} ${(buf.length / 1024).toFixed(1).padStart(8)} KB raw ${(g / 1024).toFixed(1).padStart(8)} KB gzip`);
  }
  console.log(`  ${'first load total'.padEnd(40)} ${(raw / 1024).toFixed(1).padStart(8)} KB raw ${(gz / 1024).toFixed(1).padStart(8)} KB gzip (JS ${(js / 1024).toFixed(1)} KB)`);
  console.log(`  blank Taro 4.2.1 h5 floor: ~${BLANK_TARO_H5_GZIP_KB} KB gzip (STACK-NOTES, measured on this kind of machine) → app adds ${(gz / 1024 - BLANK_TARO_H5_GZIP_KB).toFixed(1)} KB`);
}

(async () => {
  const t0 = Date.now();
  console.log(`RedPark bench — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  if (!SKIP.has('calls')) callsPerAction();
  if (!SKIP.has('bursts')) await bursts();
  if (!SKIP.has('cold')) await coldRequire();
  if (!SKIP.has('h5')) h5FirstLoad();
  if (!SKIP.has('production')) {
    heading('5. Production-shaped: database round trip, requests-per-second quota, instances per function');
    await productionShaped();
  }
  if (!SKIP.has('phone')) {
    heading('7. Pages on a phone: WXML nodes, depth, widest node, largest setData at 1× and 10× data; dashboard calls');
    await phoneSection();
  }
  console.log(`\nbench finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
