/**
 * `npm run bench:checkin`: 1,000 event check-ins by 1,000 different callers, 100 at a time,
 * through the local gateway (HTTP → router → checkin.scan → SDK → emulator), in a throw-away
 * data folder. Prints check-ins/s, p50/p99 latency, database calls per check-in (counted by the
 * emulator) and checks that the check-ins in the database equal the successes. A benchmark, not a
 * test: numbers depend on the machine. BENCH_N / BENCH_CONCURRENCY change the sizes.
 */
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';
import type { Gateway } from '../local/gateway';
import { latencyLine, pool, poster, runBench, timed } from './lib';

/** The burst on a running gateway; prints its figures and answers whether the database agrees. */
export async function checkinBurst(gw: Gateway, N = 1000, CONCURRENCY = 100): Promise<boolean> {
  const call = poster(gw.url);
  const post = (action: string, params: unknown, openid: string) => call('checkin', action, params, openid);
  const at = (min: number) => dayjs().tz(PARK_TZ).add(min, 'minute').format('YYYY-MM-DD HH:mm');
  // The longest rotation allowed (60 s, L-26): a code is accepted in its window and the next, so one
  // code read just before the burst serves the whole burst; the rotation itself costs nothing per scan.
  const event = await post('createEvent', { title: '压测活动', venueId: 'venue-hall', startAt: at(-5), endAt: at(120), rotateSeconds: 60 }, 'demo-admin');
  const code = (await post('currentCode', { eventId: event.data.id }, 'demo-admin')).data.scene as string;
  const callers = Array.from({ length: N }, (_, i) => `bench-caller-${String(i).padStart(5, '0')}`);

  // Warm-up, not timed: each caller's first call creates their user record (2 extra database
  // calls, once per person ever) and records their privacy consent (a check-in requires it);
  // the figure below is the steady-state cost of a check-in.
  await pool(N, CONCURRENCY, async (i) => {
    await call('user', 'acceptPrivacy', {}, callers[i]);
  });

  gw.emulator.stats.reset();
  const latencies: number[] = [];
  let ok = 0;
  const failures: Record<string, number> = {};
  const started = process.hrtime.bigint();
  await pool(N, CONCURRENCY, async (i) => {
    const r = await timed(latencies, () => post('scan', { code, nonce: `bench-nonce-${i}-xxxx` }, callers[i]));
    if (r.ok && r.data.status === 'ok') ok++;
    else {
      const k = r.ok ? r.data.status : r.error!.code;
      failures[k] = (failures[k] ?? 0) + 1;
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = { requests: gw.emulator.stats.requests, byAction: { ...gw.emulator.stats.byAction } };
  const inDb = (await col('checkins').where({ eventId: event.data.id }).count()).total;

  console.log(`\ncheckin.scan — ${N} check-ins by ${N} different callers, ${CONCURRENCY} concurrent, through the local gateway`);
  console.log(`  throughput        ${(N / seconds).toFixed(0)} check-ins/s  (${seconds.toFixed(2)} s)`);
  console.log(`  latency           ${latencyLine(latencies)}`);
  console.log(`  database calls    ${(stats.requests / N).toFixed(2)} per check-in  ${JSON.stringify(stats.byAction)}`);
  console.log(`  successes         ${ok}${Object.keys(failures).length ? `   other: ${JSON.stringify(failures)}` : ''}`);
  console.log(`  in the database   ${inDb} check-ins for the event — ${inDb === ok ? 'equals the successes ✓' : 'DOES NOT equal the successes ✗'}\n`);
  return inDb === ok;
}

if (require.main === module) {
  runBench((gw) => checkinBurst(gw, Number(process.env.BENCH_N ?? 1000), Number(process.env.BENCH_CONCURRENCY ?? 100)));
}
