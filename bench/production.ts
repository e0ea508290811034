/**
 * Production-shaped numbers (bench/all.ts section 5; `npx tsx bench/production.ts` alone): the local
 * gateway with the emulator's production shape on (local/emulator/shape.ts, local/gateway.ts).
 *
 *  a. latency with a database round trip of RTT ms (8 unless BENCH_PROD_RTT_MS): p50/p99 of valid
 *     volunteer.signUp, checkin.scan, appointment.book and appointment.cancel calls, one at a time,
 *     and each one's ratio to the floor — two bare SDK round trips at the same delay, measured in
 *     the same run (no action that reads the caller and writes once can be faster).
 *  b. a rush: N sign-ups (500) for P places (100) arriving at random within W s (10), at each
 *     database requests-per-second cap (30 and 300), each function at most 20 instances at once.
 *     Each caller is a client that retries RATE_LIMITED with jittered exponential back-off for up
 *     to BUDGET s after it arrived, sending the same sign-up (same openid: a repeat is answered as
 *     the registration already held). Printed: time until every caller has a final answer, how
 *     many retried, and from the database: overbooked (confirmed rows over the places), duplicates
 *     (people with two active rows), lost (callers with no final answer) — each must be 0 — and
 *     the counters against the rows (a sign-up refused between its two writes leaves a ticket with
 *     no row: a place nobody holds until an admin notices).
 *
 * Numbers, never assertions on time. Knobs: BENCH_PROD_RTT_MS, BENCH_PROD_SAMPLES (30),
 * BENCH_RUSH_N (500), BENCH_RUSH_PLACES (100), BENCH_RUSH_WINDOW_S (10), BENCH_RUSH_QPS ("30,300"),
 * BENCH_RUSH_INSTANCES (20), BENCH_RUSH_BUDGET_S (120), BENCH_RUSH_QPS_WAIT_MS (1000: how long a database
 * request over the cap waits before it is refused), BENCH_SEED (1).
 */
import { makeEnterprise } from '../local/appointment.testkit';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startGateway, type Gateway } from '../local/gateway';
import { DEFAULT_QPS_MAX_WAIT_MS } from '../local/emulator/shape';
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';
import { pool, poster, timed } from './lib';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const RTT = num('BENCH_PROD_RTT_MS', 8);
const SAMPLES = num('BENCH_PROD_SAMPLES', 30);
const RUSH_N = num('BENCH_RUSH_N', 500);
const RUSH_PLACES = num('BENCH_RUSH_PLACES', 100);
const RUSH_WINDOW_MS = num('BENCH_RUSH_WINDOW_S', 10) * 1000;
const RUSH_QPS = (process.env.BENCH_RUSH_QPS ?? '30,300').split(',').map(Number).filter((n) => n > 0);
const RUSH_INSTANCES = num('BENCH_RUSH_INSTANCES', 20);
const RUSH_BUDGET_MS = num('BENCH_RUSH_BUDGET_S', 120) * 1000;
const RUSH_QPS_WAIT_MS = num('BENCH_RUSH_QPS_WAIT_MS', DEFAULT_QPS_MAX_WAIT_MS);
/** The client's back-off: a random wait in [0, min(cap, base·2^attempt)) ("full jitter"). */
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (min: number) => dayjs().tz(PARK_TZ).add(min, 'minute').format('YYYY-MM-DD HH:mm');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** A small seeded generator, so two runs draw the same arrival times and back-offs. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Post = ReturnType<typeof poster>;
type Reply = Awaited<ReturnType<Post>>;

function must(r: Reply, what: string): any {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.data;
}

/** Callers with a user record and privacy consent, made with the shape off (set-up, not traffic). */
async function consenting(post: Post, tag: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `bench-${tag}-${String(i).padStart(4, '0')}`);
  await pool(n, 50, async (i) => {
    must(await post('user', 'acceptPrivacy', {}, ids[i]), 'acceptPrivacy');
  });
  return ids;
}

async function newActivity(post: Post, places: number): Promise<string> {
  const made = await post('volunteer', 'createActivity', { title: '压测志愿活动', teamId: 'vt-yuanzhifan', place: '党群服务中心大厅', startAt: at(3 * 24 * 60), endAt: at(3 * 24 * 60 + 120), capacity: places }, 'demo-admin');
  return must(made, 'createActivity').id as string;
}

/** A new enterprise with one consenting contact (as the appointment tests make them). */
const newEnterprise = async () => (await makeEnterprise(1, '压测企业')).openids[0];

async function latencies(gw: Gateway): Promise<void> {
  const post = poster(gw.url);
  console.log(`\n  a. one call at a time, database round trip ${RTT} ms, ${SAMPLES} valid calls each`);

  // Set-up with the shape off.
  gw.setShape({});
  const volunteers = await consenting(post, 'lat-vol', SAMPLES + 1);
  const activityId = await newActivity(post, SAMPLES + 10);
  const scanners = await consenting(post, 'lat-scan', SAMPLES + 1);
  const event = must(await post('checkin', 'createEvent', { title: '压测签到', venueId: 'venue-hall', startAt: at(-5), endAt: at(120), rotateSeconds: 60 }, 'demo-admin'), 'createEvent');
  const contact = await newEnterprise();
  must(await post('user', 'me', {}, contact), 'me');
  const slots = (must(await post('appointment', 'listSlots', { teamId: 'team-legal' }, contact), 'listSlots') as any[]).filter((s) => s.bookable);
  if (!slots.length) throw new Error('no bookable slot in the demo data');

  gw.setShape({ rttMs: RTT });
  const rows: [string, number[], number][] = [];
  const measure = async (name: string, run: (i: number) => Promise<unknown>) => {
    await run(SAMPLES); // one untimed call first (the last index): code paths warm
    gw.emulator.stats.reset();
    const ms: number[] = [];
    for (let i = 0; i < SAMPLES; i++) await timed(ms, () => run(i));
    rows.push([name, ms, gw.emulator.stats.requests / SAMPLES]);
  };
  await measure('floor: 2 bare SDK round trips', async () => {
    await col('users').doc('demo-member').get();
    await col('users').doc('demo-member').get();
  });
  await measure('volunteer.signUp', async (i) => must(await post('volunteer', 'signUp', { activityId }, volunteers[i]), 'signUp'));
  // Read just before the scans (the code rotates every minute; the scans take a few seconds).
  const code = must(await post('checkin', 'currentCode', { eventId: event.id }, 'demo-admin'), 'currentCode').scene as string;
  await measure('checkin.scan', async (i) => must(await post('checkin', 'scan', { code, nonce: `bench-lat-${i}-nonce` }, scanners[i]), 'scan'));
  // book and cancel alternate on the same slots (an enterprise's cancel opens the slot again),
  // so the enterprise never reaches its open-booking limit.
  const booked: string[] = [];
  const bookMs: number[] = [];
  const cancelMs: number[] = [];
  let bookCalls = 0;
  let cancelCalls = 0;
  for (let i = 0; i <= SAMPLES; i++) {
    const slot = slots[i % Math.min(slots.length, 5)];
    gw.emulator.stats.reset();
    const b = must(await timed(bookMs, () => post('appointment', 'book', { slotId: slot.id, topic: '劳动合同条款咨询' }, contact)), 'book');
    bookCalls += gw.emulator.stats.requests;
    booked.push(b.id);
    gw.emulator.stats.reset();
    must(await timed(cancelMs, () => post('appointment', 'cancel', { bookingId: b.id }, contact)), 'cancel');
    cancelCalls += gw.emulator.stats.requests;
  }
  // The first of each was the untimed warm-up.
  rows.push(['appointment.book', bookMs.slice(1), bookCalls / (SAMPLES + 1)], ['appointment.cancel', cancelMs.slice(1), cancelCalls / (SAMPLES + 1)]);
  gw.setShape({});

  const floor = rows[0][1];
  console.log(`  ${'call'.padEnd(32)} ${'db calls'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}   ×floor p50 / p99`);
  for (const [name, ms, calls] of rows) {
    const ratio = name.startsWith('floor') ? '—' : `${(pct(ms, 50) / pct(floor, 50)).toFixed(1)} / ${(pct(ms, 99) / pct(floor, 99)).toFixed(1)}`;
    console.log(`  ${name.padEnd(32)} ${calls.toFixed(1).padStart(8)} ${pct(ms, 50).toFixed(1).padStart(8)} ${pct(ms, 99).toFixed(1).padStart(8)}   ${ratio}`);
  }
}

interface Caller {
  openid: string;
  arriveAt: number;
  attempts: number;
  retried: boolean;
  final: Reply | null;
  answeredAt: number;
}

async function rush(gw: Gateway, qps: number, seed: number): Promise<void> {
  const post = poster(gw.url);
  gw.setShape({});
  const openids = await consenting(post, `rush${qps}`, RUSH_N);
  const activityId = await newActivity(post, RUSH_PLACES);
  const rand = mulberry32(seed);
  const callers: Caller[] = openids.map((openid) => ({ openid, arriveAt: Math.floor(rand() * RUSH_WINDOW_MS), attempts: 0, retried: false, final: null, answeredAt: 0 }));

  gw.setShape({ rttMs: RTT, qps, qpsMaxWaitMs: RUSH_QPS_WAIT_MS, fnConcurrency: RUSH_INSTANCES });
  gw.emulator.stats.reset();
  let replies429 = 0;
  const t0 = Date.now();
  await Promise.all(
    callers.map(async (c) => {
      await sleep(c.arriveAt);
      const giveUpAt = t0 + c.arriveAt + RUSH_BUDGET_MS;
      for (;;) {
        c.attempts++;
        let r: Reply | null = null;
        try {
          r = await post('volunteer', 'signUp', { activityId }, c.openid);
        } catch {
          r = null; // the connection failed: as unanswered as a 429, and retried the same way
        }
        if (r && (r.ok || r.error?.code !== 'RATE_LIMITED')) {
          c.final = r;
          c.answeredAt = Date.now() - t0;
          return;
        }
        if (r) replies429++;
        c.retried = true;
        const wait = rand() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(c.attempts - 1, 10));
        if (Date.now() + wait > giveUpAt) return;
        await sleep(wait);
      }
    }),
  );
  const throttled = gw.emulator.stats.throttled;
  const dbRequests = gw.emulator.stats.requests;
  gw.setShape({});

  // What the database holds, read with the shape off.
  const rows: { openid: string; status: string; duplicate?: boolean }[] = [];
  for (let page = 0; ; page++) {
    const got = (await col('volunteerRegistrations').where({ activityId }).skip(page * 1000).limit(1000).get()).data as any[];
    rows.push(...got);
    if (got.length < 1000) break;
  }
  const [a] = (await col('volunteerActivities').doc(activityId).get()).data as any[];
  const active = rows.filter((r) => r.status === 'confirmed' || r.status === 'waitlisted');
  const confirmed = active.filter((r) => r.status === 'confirmed').length;
  const waitlisted = active.length - confirmed;
  const perPerson = new Map<string, number>();
  for (const r of active) perPerson.set(r.openid, (perPerson.get(r.openid) ?? 0) + 1);
  const duplicates = [...perPerson.values()].filter((n) => n > 1).length;
  const lost = callers.filter((c) => !c.final);
  const answers: Record<string, number> = {};
  for (const c of callers) {
    const k = !c.final ? 'no final answer' : c.final.ok ? c.final.data.status : `error ${c.final.error!.code}`;
    answers[k] = (answers[k] ?? 0) + 1;
  }
  // Every answer matches that person's row.
  const byOpenid = new Map(active.map((r) => [r.openid, r.status]));
  const mismatched = callers.filter((c) => c.final?.ok && byOpenid.get(c.openid) !== c.final.data.status).length;
  const done = Math.max(0, ...callers.map((c) => c.answeredAt));
  const waits = callers.filter((c) => c.final).map((c) => c.answeredAt - c.arriveAt);

  // The client's idempotency: the same person signing up again is answered with what they hold.
  const again = callers.filter((c) => c.final?.ok).slice(0, 20);
  let sameAnswer = 0;
  for (const c of again) {
    const r = await post('volunteer', 'signUp', { activityId }, c.openid);
    if (r.ok && r.data.already === true && r.data.status === c.final!.data.status && r.data.registrationId === c.final!.data.registrationId) sameAnswer++;
  }

  console.log(`\n  b. rush at ${qps} database requests/s (bounded wait ${RUSH_QPS_WAIT_MS} ms), ${RUSH_INSTANCES} instances per function, round trip ${RTT} ms: ` +
    `${RUSH_N} sign-ups for ${RUSH_PLACES} places arriving within ${RUSH_WINDOW_MS / 1000} s`);
  console.log(`     every caller answered after   ${(done / 1000).toFixed(1)} s   (per caller, arrival → final answer: p50 ${(pct(waits, 50) / 1000).toFixed(1)} s, p99 ${(pct(waits, 99) / 1000).toFixed(1)} s)`);
  console.log(`     retried                        ${callers.filter((c) => c.retried).length} callers; ${replies429} RATE_LIMITED replies (${throttled} database requests refused over the QPS cap, the rest over the instance cap); ${callers.reduce((s, c) => s + c.attempts, 0)} attempts, ${dbRequests} database requests`);
  console.log(`     final answers                  ${JSON.stringify(answers)}`);
  console.log(`     overbooked                     ${Math.max(0, confirmed - RUSH_PLACES)}   (${confirmed} confirmed rows for ${RUSH_PLACES} places, ${waitlisted} waitlisted)`);
  console.log(`     duplicates                     ${duplicates}   (people with two active registrations)`);
  console.log(`     lost                           ${lost.length}   (callers with no final answer after ${RUSH_BUDGET_MS / 1000} s of retrying)`);
  console.log(`     answers that disagree with the rows: ${mismatched}; repeated sign-up answered as already held: ${sameAnswer}/${again.length}`);
  console.log(`     counters vs rows               confirmed ${a.confirmed} vs ${confirmed}, waiting ${a.waiting} vs ${waitlisted}, left ${a.left}` +
    `${a.confirmed !== confirmed || a.waiting !== waitlisted ? '  ← tickets with no row: a sign-up refused between its counter update and its insert' : ''}`);
}

/** The whole section on a throw-away gateway. */
export async function productionShaped(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-bench-prod-'));
  const gw = await startGateway({ port: 0, dataDir, timers: false, shape: {} });
  // Hundreds of callers waiting at once trip the SDK's "longer than 3s" warning: counted, not printed.
  const warn = console.warn;
  let slow = 0;
  console.warn = (...args: unknown[]) => (String(args[0]).includes('longer than 3s') ? slow++ : warn(...args));
  try {
    await latencies(gw);
    for (const [i, qps] of RUSH_QPS.entries()) await rush(gw, qps, num('BENCH_SEED', 1) + i);
    if (slow) console.log(`  (${slow} SDK warnings "request longer than 3s", not printed)`);
  } finally {
    console.warn = warn;
    await gw.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  productionShaped().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
