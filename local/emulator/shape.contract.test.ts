/**
 * The production shape of the emulator (shape.ts): a round trip on every call and a cap on
 * requests per second, through the real SDK. No upper bounds on time: a loaded machine is slower,
 * never faster, than the shape.
 */
import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });
afterEach(() => h.t.emulator.setShape({}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('every_database_call_takes_at_least_the_configured_round_trip', async () => {
  await h.db.collection('things').add({ _id: 'rtt1', n: 1 });
  h.t.emulator.setShape({ rttMs: 30 });
  for (const call of [
    () => h.db.collection('things').doc('rtt1').get(),
    () => h.db.collection('things').doc('rtt1').update({ n: 2 }),
    () => h.db.collection('things').where({ n: 2 }).count(),
    () => h.db.collection('things').doc('nope').get(),
  ]) {
    const t0 = performance.now();
    await call();
    // Node may fire a timer up to a millisecond early.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
  }
});

test('calls_beyond_the_qps_cap_wait_for_their_turn_and_past_the_bounded_wait_are_refused_with_EXCEED_RATELIMIT', async () => {
  await h.db.collection('things').add({ _id: 'qps1' });
  // 10 a second: a burst of 10 at once, then one every 100 ms; a call whose turn is more than
  // 250 ms away is refused (the 11th and 12th wait their turn, the 13th onwards would wait too long).
  h.t.emulator.setShape({ qps: 10, qpsMaxWaitMs: 250 });
  h.t.emulator.stats.reset();
  const t0 = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, async () => {
      try {
        await h.db.collection('things').doc('qps1').get();
        return { ok: true, ms: performance.now() - t0 };
      } catch (e) {
        return { ok: false, code: (e as { code?: string }).code, message: (e as Error).message };
      }
    }),
  );
  const served = outcomes.filter((o) => o.ok);
  const refused = outcomes.filter((o) => !o.ok);
  expect(served.length).toBeGreaterThanOrEqual(12);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((o) => o.code === 'EXCEED_RATELIMIT')).toBe(true);
  expect(h.t.emulator.stats.throttled).toBe(refused.length);
  // Those past the burst waited for their turn: the last served came at least ~2 intervals later.
  expect(Math.max(...served.map((o) => o.ms!))).toBeGreaterThanOrEqual(190);

  // A refused call took no token: once the bucket has refilled, calls are served again.
  await sleep(1100);
  await expect(h.db.collection('things').doc('qps1').get()).resolves.toEqual(expect.objectContaining({ data: [expect.any(Object)] }));
});

test('a_refusal_over_the_qps_cap_is_a_coded_error_the_sdk_throws', async () => {
  h.t.emulator.setShape({ qps: 1, qpsMaxWaitMs: 0 });
  await h.db.collection('things').count(); // the one token
  const err = await errorOf(h.db.collection('things').count());
  expect(err.code).toBe('EXCEED_RATELIMIT');
});

test('with_no_shape_set_calls_are_neither_delayed_nor_capped', async () => {
  h.t.emulator.stats.reset();
  await Promise.all(Array.from({ length: 100 }, () => h.db.collection('things').count()));
  expect(h.t.emulator.stats.throttled).toBe(0);
  expect(h.t.emulator.stats.reads).toBe(100);
});
