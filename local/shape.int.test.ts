/**
 * The production-shaped gateway (gateway.ts → ProductionShape): what a caller gets when the
 * database is over its requests-per-second quota, or a function over its concurrency.
 */
import { BUSY_MESSAGE } from '../server/core/errors';
import { shapeFromEnv } from './gateway';
import { startTestGateway, type TestGateway } from './testing';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => gw.setShape({}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a_database_call_over_the_qps_quota_reaches_the_caller_as_RATE_LIMITED_429_with_no_database_text', async () => {
  await gw.call('user', 'me', {}, 'demo-member'); // the caller's record exists: each call below is 2–4 reads
  gw.setShape({ qps: 10, qpsMaxWaitMs: 0 });
  const replies = await Promise.all(Array.from({ length: 16 }, () => gw.call('user', 'me', {}, 'demo-member')));
  const limited = replies.filter((r) => r.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  for (const r of limited) {
    expect(r.body).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: BUSY_MESSAGE } });
    expect(JSON.stringify(r.body)).not.toMatch(/EXCEED|RATELIMIT|database|quota|at /i);
  }
  expect(gw.emulator.stats.throttled).toBeGreaterThanOrEqual(limited.length);
  // Served again once the second is over.
  await sleep(1100);
  expect((await gw.call('user', 'me', {}, 'demo-member')).status).toBe(200);
});

test('a_function_over_its_concurrency_cap_answers_RATE_LIMITED_429_and_the_next_call_after_one_finishes_is_served', async () => {
  await gw.call('user', 'me', {}, 'demo-member');
  gw.setShape({ fnConcurrency: 1 });
  // Hold the first execution inside its first database call until the test lets it go.
  const handle = gw.emulator.handle;
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  gw.emulator.handle = async (body: unknown) => {
    entered();
    await held;
    return handle.call(gw.emulator, body);
  };
  try {
    const first = gw.call('user', 'me', {}, 'demo-member');
    await inside;
    const refused = await gw.call('user', 'me', {}, 'demo-visitor');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '当前访问人数较多，请稍后重试。' } });
    release();
    expect((await first).status).toBe(200);
  } finally {
    gw.emulator.handle = handle;
    release();
  }
  // The instance is free again: the next call is served.
  expect((await gw.call('user', 'me', {}, 'demo-visitor')).status).toBe(200);
});

test('the_concurrency_cap_counts_each_function_separately', async () => {
  gw.setShape({ fnConcurrency: 1 });
  const handle = gw.emulator.handle;
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let holding = true;
  gw.emulator.handle = async (body: unknown) => {
    if (holding) {
      holding = false;
      entered();
      await held;
    }
    return handle.call(gw.emulator, body);
  };
  try {
    const first = gw.call('user', 'me', {}, 'demo-member');
    await inside;
    expect((await gw.call('volunteer', 'listActivities', {}, 'demo-member')).status).toBe(200);
    release();
    expect((await first).status).toBe(200);
  } finally {
    gw.emulator.handle = handle;
    release();
  }
});

test('the_production_shape_is_read_from_REDPARK_env_and_is_off_when_unset', () => {
  expect(shapeFromEnv({})).toEqual({});
  expect(shapeFromEnv({ REDPARK_DB_RTT_MS: '8', REDPARK_DB_QPS: '30', REDPARK_DB_QPS_WAIT_MS: '500', REDPARK_FN_CONCURRENCY: '20' }))
    .toEqual({ rttMs: 8, qps: 30, qpsMaxWaitMs: 500, fnConcurrency: 20 });
  expect(() => shapeFromEnv({ REDPARK_DB_QPS: 'thirty' })).toThrow(/REDPARK_DB_QPS/);
  expect(() => shapeFromEnv({ REDPARK_DB_RTT_MS: '-1' })).toThrow(/REDPARK_DB_RTT_MS/);
});
