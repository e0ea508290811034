/**
 * `npm run bench:checkin`: 1,000 event check-ins by 1,000 different callers, 100 at a time,
 * through the local gateway (HTTP → router → checkin.scan → SDK → emulator), in a throw-away
 * data folder. Prints check-ins/s, p50/p99 latency, database calls per check-in (counted by the
 * emulator) and checks that the check-ins in the database equal the successes. A benchmark, not a
 * test: numbers depend on the machine. BENCH_N / BENCH_CONCURRENCY change the sizes.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startGateway } from '../local/gateway';
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';

const N = Number(process.env.BENCH_N ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-bench-'));
  const gw = await startGateway({ port: 0, dataDir });
  const post = async (action: string, params: unknown, openid: string) => {
    const res = await fetch(`${gw.url}/api/checkin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': openid },
      body: JSON.stringify({ action, params }),
    });
    return (await res.json()) as { ok: boolean; data?: any; error?: { code: string } };
  };
  const pool = async (count: number, job: (i: number) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) await job(next++);
    }));
  };
  try {
    const at = (min: number) => dayjs().tz(PARK_TZ).add(min, 'minute').format('YYYY-MM-DD HH:mm');
    // A long rotation so the whole run uses one code; the rotation itself costs nothing per scan.
    const event = await post('createEvent', { title: '压测活动', venueId: 'venue-hall', startAt: at(-5), endAt: at(120), rotateSeconds: 600 }, 'demo-admin');
    const code = (await post('currentCode', { eventId: event.data.id }, 'demo-admin')).data.scene as string;
    const callers = Array.from({ length: N }, (_, i) => `bench-caller-${String(i).padStart(5, '0')}`);

    // Warm-up, not timed: each caller's first call creates their user record (2 extra database
    // calls, once per person ever); the figure below is the steady-state cost of a check-in.
    const userUrl = `${gw.url}/api/user`;
    await pool(N, async (i) => {
      await fetch(userUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': callers[i] }, body: '{"action":"me","params":{}}' });
    });

    gw.emulator.stats.reset();
    const latencies: number[] = [];
    let ok = 0;
    const failures: Record<string, number> = {};
    const started = process.hrtime.bigint();
    await pool(N, async (i) => {
      const t0 = process.hrtime.bigint();
      const r = await post('scan', { code, nonce: `bench-nonce-${i}-xxxx` }, callers[i]);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.ok && r.data.status === 'ok') ok++;
      else {
        const k = r.ok ? r.data.status : r.error!.code;
        failures[k] = (failures[k] ?? 0) + 1;
      }
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stats = { requests: gw.emulator.stats.requests, byAction: { ...gw.emulator.stats.byAction } };
    const inDb = (await col('checkins').where({ eventId: event.data.id }).count()).total;

    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
    console.log(`\ncheckin.scan — ${N} check-ins by ${N} different callers, ${CONCURRENCY} concurrent, through the local gateway`);
    console.log(`  throughput        ${(N / seconds).toFixed(0)} check-ins/s  (${seconds.toFixed(2)} s)`);
    console.log(`  latency           p50 ${pct(50).toFixed(1)} ms   p99 ${pct(99).toFixed(1)} ms   max ${latencies[latencies.length - 1].toFixed(1)} ms`);
    console.log(`  database calls    ${(stats.requests / N).toFixed(2)} per check-in  ${JSON.stringify(stats.byAction)}`);
    console.log(`  successes         ${ok}${Object.keys(failures).length ? `   other: ${JSON.stringify(failures)}` : ''}`);
    console.log(`  in the database   ${inDb} check-ins for the event — ${inDb === ok ? 'equals the successes ✓' : 'DOES NOT equal the successes ✗'}\n`);
    if (inDb !== ok) process.exitCode = 1;
  } finally {
    await gw.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
