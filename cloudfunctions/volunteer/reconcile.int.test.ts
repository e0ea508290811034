/**
 * 核对名额 (L-20): a seat operation is two writes (counters, then the row — or the row, then the
 * counters); a call that dies between them leaves the counters off the rows. The crash is
 * injected in the emulator: one write request is refused before it reaches the database, exactly
 * what a function killed at that point leaves behind. Then reconcile (the admin action, and the
 * volunteer timer's step) repairs the counters from the rows, voids the lost ticket and hands the
 * freed place to the waitlist.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { codeOf, countersAndRows, makeActivity, ok, people } from '../../local/volunteer.testkit';
import { PROMOTE_PATIENCE_MS, SEATS_QUIET_MS } from './seats';
import { reconcileRecent } from './reconcile';

let gw: TestGateway;
/** The next request matching this is refused (once), as if the function died just before it. */
let crashOn: ((body: any) => boolean) | null = null;

beforeAll(async () => {
  gw = await startTestGateway();
  const handle = gw.emulator.handle.bind(gw.emulator);
  gw.emulator.handle = async (body: any) => {
    if (crashOn?.(body)) {
      crashOn = null;
      throw new Error('injected crash: the function died before this write');
    }
    return handle(body);
  };
});
afterAll(async () => {
  await gw.close();
});

const signUp = (activityId: string, who: string) => gw.call('volunteer', 'signUp', { activityId }, who);
const cancel = (activityId: string, who: string) => gw.call('volunteer', 'cancel', { activityId }, who);
const reconcile = (activityId: string) => gw.call('volunteer', 'reconcile', { activityId }, 'demo-admin');

/** Time passes: every stamp of the activity and its rows moves back beyond the quiet period. */
async function letSettle(id: string) {
  const old = new Date(Date.now() - SEATS_QUIET_MS - 5_000);
  await col('volunteerActivities').doc(id).update({ updatedAt: old });
  await col('volunteerRegistrations').where({ activityId: id }).update({ updatedAt: old });
}

async function expectExact(id: string) {
  const { a, rows, confirmed, waitlisted } = await countersAndRows(id);
  expect({ confirmed: a.confirmed, left: a.left, waiting: a.waiting, debt: a.debt }).toEqual({
    confirmed: confirmed.length,
    left: a.capacity - confirmed.length,
    waiting: waitlisted.length,
    debt: 0,
  });
  expect(rows.map((r) => r.ticket).sort((x, y) => x - y)).toEqual(Array.from({ length: a.seq }, (_, i) => i + 1));
  return { a, confirmed, waitlisted };
}

test('a_sign_up_that_died_before_writing_its_row_is_repaired_by_reconcile_and_promotion_no_longer_waits', async () => {
  const id = await makeActivity(gw, { capacity: 2 });
  const [p1, p2, p3, p4] = await people(gw, 4, 'recon');
  crashOn = (b) => b.action === 'database.insertDocument' && b.collectionName === 'volunteerRegistrations';
  expect(await codeOf(signUp(id, p1))).toBe('INTERNAL'); // counters took a place; no row
  expect((await ok(signUp(id, p2))).status).toBe('confirmed');
  expect((await ok(signUp(id, p3))).status).toBe('waitlisted');

  // The drift: the detail page shows 2 confirmed (full), the roster one person and an empty seat.
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, 'demo-admin'))).confirmed).toBe(2);
  expect((await ok(gw.call('volunteer', 'roster', { activityId: id }, 'demo-admin'))).summary.confirmed).toBe(1);

  // Right after the crash a call may still be between its writes: reconcile keeps off.
  expect(await codeOf(reconcile(id))).toBe('CONFLICT');

  await letSettle(id);
  const fixed = await ok(reconcile(id));
  expect(fixed).toMatchObject({
    changed: true,
    before: { confirmed: 2, left: 0, waiting: 1, debt: 0 },
    after: { confirmed: 2, left: 0, waiting: 0, debt: 0 },
    voidTickets: [1],
    promoted: 1, // the lost place went to the first on the waitlist
  });
  const { confirmed } = await expectExact(id);
  expect(confirmed.map((r) => r.openid).sort()).toEqual([p2, p3].sort());
  const audit = (await col('audit').where({ action: 'reconcile', target: `volunteerActivities/${id}` }).get()).data;
  expect(audit).toHaveLength(1);

  // The lost ticket has its void row now, so a promotion no longer waits PROMOTE_PATIENCE_MS.
  expect((await ok(signUp(id, p4))).status).toBe('waitlisted');
  const t0 = Date.now();
  await ok(cancel(id, p2));
  // With the ticket still rowless this cancel would wait out the patience (≥ PROMOTE_PATIENCE_MS).
  expect(Date.now() - t0).toBeLessThan(PROMOTE_PATIENCE_MS);
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, p4))).mine).toMatchObject({ status: 'confirmed' });
  await expectExact(id);

  // Idempotent: once exact, a second run changes nothing and records nothing.
  await letSettle(id);
  expect(await ok(reconcile(id))).toMatchObject({ changed: false, voidTickets: [], promoted: 0 });
  expect((await col('audit').where({ action: 'reconcile', target: `volunteerActivities/${id}` }).get()).data).toHaveLength(1);
});

test('a_cancel_that_died_before_releasing_its_place_is_repaired_by_the_timer_and_the_place_goes_to_the_waitlist', async () => {
  const id = await makeActivity(gw, { capacity: 1 });
  const [p1, p2] = await people(gw, 2, 'recon');
  expect((await ok(signUp(id, p1))).status).toBe('confirmed');
  expect((await ok(signUp(id, p2))).status).toBe('waitlisted');
  // The row flips to cancelled; the function dies before the place is handed on.
  crashOn = (b) => b.action === 'database.modifyDocument' && b.collectionName === 'volunteerActivities';
  expect(await codeOf(cancel(id, p1))).toBe('INTERNAL');
  expect((await col('volunteerRegistrations').where({ activityId: id, openid: p1 }).get()).data[0].status).toBe('cancelled');
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, p2))).mine).toMatchObject({ status: 'waitlisted' });

  // The timer leaves it alone while a call could still be running …
  expect((await reconcileRecent(new Date())).fixed.map((f) => f.activityId)).not.toContain(id);
  // … and repairs it once the activity has been still for the quiet period.
  await letSettle(id);
  const run = await reconcileRecent(new Date());
  expect(run.fixed.find((f) => f.activityId === id)).toMatchObject({
    before: { confirmed: 1, left: 0, waiting: 1 },
    after: { confirmed: 1, left: 0, waiting: 0 },
    promoted: 1,
  });
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, p2))).mine).toMatchObject({ status: 'confirmed' });
  await expectExact(id);
});
