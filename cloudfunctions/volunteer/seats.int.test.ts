/**
 * The place/waitlist invariants of seats.ts under random interleavings (fast-check): random
 * sign-ups and cancels by a few people, all started at random moments and running at once
 * through the gateway, while the emulator holds every database request for a random 0–3 ms so
 * the requests of different calls interleave differently on every run. Then, at rest:
 *   confirmed ≤ capacity, confirmed + waitlisted = active registrations (one per person),
 *   the counters equal the rows, no free place while someone waits, every ticket has one row,
 *   promotions followed sign-up order, and further cancels promote strictly in that order.
 */
import fc from 'fast-check';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { countersAndRows, makeActivity, people } from '../../local/volunteer.testkit';

jest.setTimeout(900_000);

let gw: TestGateway;
let jitter: (() => number) | null = null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  gw = await startTestGateway();
  const handle = gw.emulator.handle.bind(gw.emulator);
  gw.emulator.handle = async (body: unknown) => {
    if (jitter) await sleep(Math.floor(jitter() * 4));
    return handle(body);
  };
});
afterAll(async () => {
  await gw.close();
});

/** A small deterministic generator, seeded by fast-check so a failing run replays. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function checkAtRest(id: string) {
  const { a, rows, confirmed, waitlisted, active } = await countersAndRows(id);
  expect(confirmed.length).toBeLessThanOrEqual(a.capacity);
  expect(confirmed.length + waitlisted.length).toBe(active.length);
  expect(new Set(active.map((r) => r.openid)).size).toBe(active.length);
  expect({ confirmed: a.confirmed, waiting: a.waiting, debt: a.debt, sum: a.confirmed + a.left }).toEqual({
    confirmed: confirmed.length,
    waiting: waitlisted.length,
    debt: 0,
    sum: a.capacity,
  });
  if (waitlisted.length) expect(a.left).toBe(0);
  expect(rows.map((r) => r.ticket).sort((x, y) => x - y)).toEqual(Array.from({ length: a.seq }, (_, i) => i + 1));
  const promoted = rows.filter((r) => r.promotedAt).map((r) => r.ticket);
  if (promoted.length && waitlisted.length) expect(Math.max(...promoted)).toBeLessThan(waitlisted[0].ticket);
  return { confirmed, waitlisted };
}

test('random_interleavings_of_sign_ups_and_cancels_keep_places_waitlist_and_counters_exact', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 2, max: 7 }),
      fc.array(fc.record({ op: fc.constantFrom('signUp', 'signUp', 'cancel'), who: fc.nat(6), at: fc.nat(12) }), { minLength: 1, maxLength: 28 }),
      fc.integer(),
      async (capacity, n, commands, seed) => {
        jitter = null;
        const id = await makeActivity(gw, { capacity });
        const who = await people(gw, n, 'prop');
        jitter = mulberry32(seed);
        const replies = await Promise.all(
          commands.map(async (c) => {
            await sleep(c.at);
            return gw.call('volunteer', c.op, { activityId: id }, who[c.who % n]);
          }),
        );
        jitter = null;
        for (const [i, r] of replies.entries()) {
          if (r.body.ok) continue;
          // Cancelling without a registration is the only refusal these commands can earn.
          expect([commands[i].op, r.body.error.code]).toEqual(['cancel', 'NOT_FOUND']);
        }
        const { confirmed, waitlisted } = await checkAtRest(id);
        // Then, one cancel at a time: each hands the place to the earliest ticket waiting.
        let waiting = waitlisted;
        for (const c of confirmed) {
          await gw.call('volunteer', 'cancel', { activityId: id }, c.openid);
          const after = await checkAtRest(id);
          expect(after.waitlisted.map((r) => r.openid)).toEqual(waiting.slice(1).map((r) => r.openid));
          if (waiting.length) expect(after.confirmed.map((r) => r.openid)).toContain(waiting[0].openid);
          waiting = after.waitlisted;
        }
      },
    ),
    {
      numRuns: Number(process.env.VOLUNTEER_PROP_RUNS ?? 60),
      // Found by a 300-run search: a waitlist cancel owing a debt while a promotion took a later
      // row left `waiting` and `debt` both at 1 (fixed by netting them, seats.ts → net).
      examples: [[2, 2, [{ op: 'cancel', who: 0, at: 0 }, { op: 'signUp', who: 0, at: 0 }, { op: 'signUp', who: 1, at: 3 }, { op: 'signUp', who: 0, at: 8 }, { op: 'signUp', who: 2, at: 7 }, { op: 'signUp', who: 5, at: 9 }, { op: 'signUp', who: 0, at: 0 }, { op: 'signUp', who: 1, at: 0 }, { op: 'cancel', who: 6, at: 0 }], 20]],
    },
  );
});
