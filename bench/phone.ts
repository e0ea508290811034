/**
 * Section 7 of `npm run bench` (and `npm run bench:phone` alone): pages on a phone (issue 19).
 * Every page of the built weapp (dist/, `npm run build:weapp`) opened by its owner in the sandbox
 * of e2e/weapp/sim.ts with the demo data and with ten times its rows (local/multiply.testkit.ts):
 * WXML nodes, depth, most children of one node and the largest single setData, against WeChat's
 * experience-audit limits; and the admin dashboard's database calls at 1× and 10× (they must not
 * grow). Counts, not times: the same on any machine.
 */
import fs from 'fs';
import path from 'path';
import { startTestGateway, type TestGateway } from '../local/testing';
import { multiplyRows } from '../local/multiply.testkit';
import { dayjs, parkDay } from '../server/core/time';
import { DIST, pageParams } from '../e2e/weapp/harness';
import { LIMITS, measurePages, phoneTable } from '../e2e/weapp/phone';

const TIMES = 10;

/** Database requests of one admin.dashboard call per period: the default 30 days, and a year. */
async function dashboardCalls(gw: TestGateway): Promise<number[]> {
  const out: number[] = [];
  for (const p of [{}, { from: dayjs(parkDay()).subtract(365, 'day').format('YYYY-MM-DD'), to: parkDay() }]) {
    gw.emulator.stats.reset();
    const r = await gw.call('admin', 'dashboard', p, 'demo-admin');
    if (!r.body.ok) throw new Error(`admin.dashboard: ${JSON.stringify(r.body.error)}`);
    out.push(gw.emulator.stats.requests);
  }
  return out;
}

export async function phoneSection(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    console.log('  dist/ missing: run npm run build:weapp first; section skipped');
    return;
  }
  const started = Date.now();
  const gw = await startTestGateway();
  try {
    const params = await pageParams(gw);
    const base = await measurePages(gw, 1, params);
    const dash1 = await dashboardCalls(gw);
    const rows = await multiplyRows(TIMES);
    const grown = await measurePages(gw, TIMES, params);
    const dash10 = await dashboardCalls(gw);
    const sum = (k: 'before' | 'after') => Object.values(rows).reduce((n, r) => n + r[k], 0);
    console.log(`  limits (WeChat experience audit): nodes < ${LIMITS.nodes}, depth < ${LIMITS.depth}, children of one node ≤ ${LIMITS.children}, single setData < ${LIMITS.setDataBytes / 1024} KB`);
    console.log(`  ${TIMES}×: ${Object.keys(rows).length} collections of long lists, ${sum('before')} → ${sum('after')} rows (` +
      Object.entries(rows).filter(([, r]) => r.before).map(([c, r]) => `${c} ${r.before}→${r.after}`).join(', ') + ')');
    console.log('');
    for (const line of phoneTable(base, grown)) console.log(`  ${line}`);
    console.log('');
    console.log(`  admin.dashboard database calls (default 30 days, a year): 1× ${dash1.join(', ')}; ${TIMES}× ${dash10.join(', ')} — ${dash1.join() === dash10.join() ? 'same' : 'GREW'}`);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await gw.close();
  }
}

if (require.main === module) {
  phoneSection().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
