/**
 * `npm run bench:volunteer`: one activity with 200 places, 2,000 different callers signing up,
 * 200 at a time, through the local gateway (HTTP → router → volunteer.signUp → SDK → emulator), in
 * a throw-away data folder. Prints sign-ups/s, p50/p99 latency, database calls per sign-up
 * (counted by the emulator, the caller's user record included) and checks that exactly 200 are
 * confirmed and 1,800 waitlisted, with the activity's counters equal to the rows. A benchmark, not
 * a test: numbers depend on the machine. BENCH_N / BENCH_CONCURRENCY / BENCH_PLACES change sizes.
 */
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';
import type { Gateway } from '../local/gateway';
import { latencyLine, pool, poster, runBench, timed } from './lib';

/** The burst on a running gateway; prints its figures and answers whether the counts are exact. */
export async function signUpBurst(gw: Gateway, N = 2000, CONCURRENCY = 200, PLACES = 200): Promise<boolean> {
  const post = poster(gw.url);
  const at = (min: number) => dayjs().tz(PARK_TZ).add(min, 'minute').format('YYYY-MM-DD HH:mm');
  const made = await post('volunteer', 'createActivity', { title: '压测志愿活动', teamId: 'vt-yuanzhifan', place: '党群服务中心大厅', startAt: at(3 * 24 * 60), endAt: at(3 * 24 * 60 + 120), capacity: PLACES }, 'demo-admin');
  if (!made.ok) throw new Error(JSON.stringify(made));
  const activityId = made.data.id as string;
  const callers = Array.from({ length: N }, (_, i) => `bench-vol-${String(i).padStart(5, '0')}`);

  // Warm-up, not timed: each caller's first call creates their user record (2 extra database
  // calls, once per person ever) and records their privacy consent (a sign-up requires it);
  // the figure below is the steady-state cost of a sign-up.
  await pool(N, CONCURRENCY, async (i) => {
    await post('user', 'acceptPrivacy', {}, callers[i]);
  });

  gw.emulator.stats.reset();
  const latencies: number[] = [];
  const outcome: Record<string, number> = {};
  const started = process.hrtime.bigint();
  await pool(N, CONCURRENCY, async (i) => {
    const r = await timed(latencies, () => post('volunteer', 'signUp', { activityId }, callers[i]));
    const k = r.ok ? r.data.status : `error ${r.error!.code}`;
    outcome[k] = (outcome[k] ?? 0) + 1;
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = { requests: gw.emulator.stats.requests, byAction: { ...gw.emulator.stats.byAction } };

  const [[a], confirmed, waitlisted] = await Promise.all([
    col('volunteerActivities').doc(activityId).get().then((r) => r.data),
    col('volunteerRegistrations').where({ activityId, status: 'confirmed' }).count().then((r) => r.total),
    col('volunteerRegistrations').where({ activityId, status: 'waitlisted' }).count().then((r) => r.total),
  ]);
  const errors = Object.entries(outcome).filter(([k]) => k.startsWith('error')).reduce((s, [, v]) => s + v, 0);
  const exact = confirmed === PLACES && waitlisted === N - PLACES && a.confirmed === confirmed && a.waiting === waitlisted && a.left === 0 && a.debt === 0;
  console.log(`\nvolunteer.signUp — ${N} different callers for ${PLACES} places, ${CONCURRENCY} concurrent, through the local gateway`);
  console.log(`  throughput        ${(N / seconds).toFixed(0)} sign-ups/s  (${seconds.toFixed(2)} s)`);
  console.log(`  latency           ${latencyLine(latencies)}`);
  console.log(`  database calls    ${(stats.requests / N).toFixed(2)} per sign-up  ${JSON.stringify(stats.byAction)}`);
  console.log(`  replies           ${JSON.stringify(outcome)}   errors: ${errors}`);
  console.log(`  in the database   ${confirmed} confirmed, ${waitlisted} waitlisted; counters confirmed=${a.confirmed} waiting=${a.waiting} left=${a.left} debt=${a.debt} — ${exact ? `exactly ${PLACES} + ${N - PLACES}, counters equal the rows ✓` : 'NOT as expected ✗'}\n`);
  return exact && !errors;
}

if (require.main === module) {
  runBench((gw) => signUpBurst(gw, Number(process.env.BENCH_N ?? 2000), Number(process.env.BENCH_CONCURRENCY ?? 200), Number(process.env.BENCH_PLACES ?? 200)));
}
