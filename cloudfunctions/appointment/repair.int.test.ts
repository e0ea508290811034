/**
 * The appointment timer repairs what a killed `book` or cancellation left half-done (repair.ts).
 * The crash is injected in the emulator: from one write request on, every request of the call is
 * refused, exactly what a function killed at that point leaves behind (its own clean-up included).
 * The sweep then runs with its clock past the quiet period; the slot must be bookable again (or
 * closed, after an expert's cancellation: L-08) and the counter equal to the open booking rows.
 */
import { makeEnterprise } from '../../local/appointment.testkit';
import { codeOf as code, ok } from '../../local/volunteer.testkit';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { shiftClock } from '../../local/clock';
import { col } from '../../server/core/db';
import { slotCells } from './slotGen';
import { counterId } from './shared';
import { main } from './function';
import { REPAIR_QUIET_MS, repairHalfDone } from './repair';

let gw: TestGateway;
/** From the request this matches on, everything is refused until `revive()`: the function died there. */
let dieAt: ((body: any) => boolean) | null = null;
/** Like dieAt, but the matching request itself still gets through (the function dies just after it). */
let dieAfter: ((body: any) => boolean) | null = null;
let dead = false;
const revive = () => {
  dieAt = dieAfter = null;
  dead = false;
};

beforeAll(async () => {
  gw = await startTestGateway();
  const handle = gw.emulator.handle.bind(gw.emulator);
  gw.emulator.handle = async (body: any) => {
    if (dieAt?.(body)) dead = true;
    if (dead) throw new Error('injected crash: the function died before this request');
    const reply = await handle(body);
    if (dieAfter?.(body)) dead = true;
    return reply;
  };
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
const fresh = (tag: string) => `t-${tag}-${Date.now().toString(36)}-${seq++}`;
const later = () => new Date(Date.now() + REPAIR_QUIET_MS + 5_000);

const makeContact = async () => (await makeEnterprise()).openids[0];
const enterpriseOfContact = async (o: string) => (await col('users').doc(o).get()).data[0].enterpriseId as string;

async function makeExpert(): Promise<string> {
  const openid = fresh('expert');
  await gw.call('user', 'me', {}, openid);
  await ok(gw.call('appointment', 'addExpert', { openid, teamId: 'team-legal', name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] }, 'demo-admin'));
  return openid;
}

/** A slot five days ahead on the 5-minute grid, written directly. */
async function placeSlot(expert: string): Promise<string> {
  const start = new Date(Math.ceil((Date.now() + 5 * 86400_000) / 300_000) * 300_000);
  const end = new Date(start.getTime() + 3600_000);
  const { id } = await col('slots').add({
    expertId: expert, teamId: 'team-legal', startAt: start, endAt: end, mode: 'online', venueId: null, place: '线上', kind: 'bookable',
    rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(expert, start, end), priorityUntil: null, priorityEnterpriseIds: [], createdAt: new Date(),
  });
  return id;
}

const book = (slotId: string, openid: string) => gw.call('appointment', 'book', { slotId, topic: '劳动合同条款咨询' }, openid);
const slotOf = async (id: string) => (await col('slots').doc(id).get()).data[0];

/** The enterprise's counter with the team and its open booking rows. */
async function counterAndRows(contact: string) {
  const ent = await enterpriseOfContact(contact);
  const [c] = (await col('bookingCounters').doc(counterId(ent, 'team-legal')).get()).data;
  const rows = (await col('bookings').where({ enterpriseId: ent, teamId: 'team-legal' }).limit(100).get()).data;
  return { counter: c?.open ?? 0, rows: rows.filter((b) => b.state === 'requested' || b.state === 'confirmed').length };
}

afterEach(revive);

test('a_booking_killed_before_its_row_was_written_frees_its_slot_and_place_once_quiet_for_a_minute', async () => {
  const expert = await makeExpert();
  const slotId = await placeSlot(expert);
  const [a, b] = [await makeContact(), await makeContact()];
  dieAt = (body) => body.action === 'database.insertDocument' && body.collectionName === 'bookings';
  expect(await code(book(slotId, a))).toBe('INTERNAL');
  revive();
  // Half-done: the slot is held for a booking that does not exist, A's place is counted.
  expect(await slotOf(slotId)).toMatchObject({ state: 'held' });
  expect(await counterAndRows(a)).toEqual({ counter: 1, rows: 0 });
  expect(await code(book(slotId, b))).toBe('CONFLICT');

  // Within the quiet period a call could still be writing: nothing is touched.
  const early = await repairHalfDone(new Date());
  expect(early.slots.map((s) => s.slotId)).not.toContain(slotId);
  expect(await slotOf(slotId)).toMatchObject({ state: 'held' });

  const run = await repairHalfDone(later());
  expect(run.slots).toContainEqual(expect.objectContaining({ slotId, booking: 'missing', to: 'open' }));
  const cid = counterId(await enterpriseOfContact(a), 'team-legal');
  expect(run.counters).toContainEqual({ counterId: cid, before: 1, after: 0 });
  expect(await counterAndRows(a)).toEqual({ counter: 0, rows: 0 });

  // Bookable again, and the second run finds nothing left to do for it.
  await ok(book(slotId, b));
  expect(await counterAndRows(b)).toEqual({ counter: 1, rows: 1 });
  const again = await repairHalfDone(later());
  expect(again.slots.map((s) => s.slotId)).not.toContain(slotId);
  expect(again.counters.map((c) => c.counterId)).not.toContain(cid);
});

test('an_enterprises_cancellation_killed_after_the_move_reopens_the_slot_and_drops_the_place_through_the_appointment_timer', async () => {
  const expert = await makeExpert();
  const slotId = await placeSlot(expert);
  const [a, b] = [await makeContact(), await makeContact()];
  const booking = await ok(book(slotId, a));
  dieAfter = (body) => body.collectionName === 'bookings' && /modify/.test(body.action);
  expect(await code(gw.call('appointment', 'cancel', { bookingId: booking.id }, a))).toBe('INTERNAL');
  revive();
  expect((await col('bookings').doc(booking.id).get()).data[0].state).toBe('cancelled');
  expect(await slotOf(slotId)).toMatchObject({ state: 'held', bookingId: booking.id });
  expect(await counterAndRows(a)).toEqual({ counter: 1, rows: 0 });

  // The appointment timer (the trigger CloudBase fires) runs the sweep; the clock stands past the quiet period.
  const restore = shiftClock(later());
  let out: any;
  try {
    out = await main({ Type: 'Timer', TriggerName: 'expire', Time: new Date().toISOString() } as never, {});
  } finally {
    restore();
  }
  expect(out.data.repaired.slots).toContainEqual(expect.objectContaining({ slotId, booking: 'cancelled', to: 'open' }));
  expect(await slotOf(slotId)).toMatchObject({ state: 'open', bookingId: null });
  expect(await counterAndRows(a)).toEqual({ counter: 0, rows: 0 });
  await ok(book(slotId, b));
});

test('an_experts_cancellation_killed_after_the_move_closes_the_slot_not_reopens_it_and_drops_the_place', async () => {
  const expert = await makeExpert();
  const slotId = await placeSlot(expert);
  const [a, b] = [await makeContact(), await makeContact()];
  const booking = await ok(book(slotId, a));
  dieAfter = (body) => body.collectionName === 'bookings' && /modify/.test(body.action);
  expect(await code(gw.call('appointment', 'cancel', { bookingId: booking.id, reason: '临时出差' }, expert))).toBe('INTERNAL');
  revive();
  expect(await slotOf(slotId)).toMatchObject({ state: 'held', bookingId: booking.id });

  const run = await repairHalfDone(later());
  // L-08: the expert said they cannot make that time, so no other enterprise may book it.
  expect(run.slots).toContainEqual(expect.objectContaining({ slotId, booking: 'cancelled', to: 'closed' }));
  expect(await slotOf(slotId)).toMatchObject({ state: 'closed', bookingId: null });
  expect(await code(book(slotId, b))).toBe('CLOSED');
  expect(await counterAndRows(a)).toEqual({ counter: 0, rows: 0 });
});

test('a_live_booking_is_never_touched_by_the_sweep', async () => {
  const expert = await makeExpert();
  const slotId = await placeSlot(expert);
  const a = await makeContact();
  const booking = await ok(book(slotId, a));
  const run = await repairHalfDone(later());
  expect(run.slots.map((s) => s.slotId)).not.toContain(slotId);
  expect(await slotOf(slotId)).toMatchObject({ state: 'held', bookingId: booking.id });
  expect(await counterAndRows(a)).toEqual({ counter: 1, rows: 1 });
});

/** A tap's retries: the same params object, so the same requestId (src/api/retry.ts resends it unchanged). */
const bookOnce = (slotId: string, openid: string, requestId: string) =>
  gw.call('appointment', 'book', { slotId, topic: '劳动合同条款咨询', requestId }, openid);

test('a_retried_booking_whose_first_attempt_went_through_answers_that_booking_and_books_once', async () => {
  const expert = await makeExpert();
  const slotId = await placeSlot(expert);
  const a = await makeContact();
  const requestId = fresh('tap');
  // The first attempt writes the booking and dies on its messages: the client saw a refusal.
  dieAfter = (body) => body.action === 'database.insertDocument' && body.collectionName === 'bookings';
  expect(await code(bookOnce(slotId, a, requestId))).toBe('INTERNAL');
  revive();
  const first = (await col('bookings').where({ slotId }).limit(10).get()).data;
  expect(first).toHaveLength(1);
  // The resend answers the booking that exists, and nothing more is taken or counted.
  const again = await ok(bookOnce(slotId, a, requestId));
  expect(again.id).toBe(first[0]._id);
  expect((await col('bookings').where({ slotId }).limit(10).get()).data).toHaveLength(1);
  expect(await counterAndRows(a)).toEqual({ counter: 1, rows: 1 });
  // Another tap (a new request id) on the same slot is refused as usual.
  expect(await code(bookOnce(slotId, a, fresh('tap')))).toBe('CONFLICT');
});

test('a_retried_booking_whose_first_attempt_died_before_its_row_waits_for_the_repair_then_books', async () => {
  const expert = await makeExpert();
  const slotId = await placeSlot(expert);
  const a = await makeContact();
  const requestId = fresh('tap');
  dieAt = (body) => body.action === 'database.insertDocument' && body.collectionName === 'bookings';
  expect(await code(bookOnce(slotId, a, requestId))).toBe('INTERNAL');
  revive();
  // The slot is held for the booking id this tap derives; the resend says it is still in hand.
  const pending = await gw.call('appointment', 'book', { slotId, topic: '劳动合同条款咨询', requestId }, a);
  expect(pending).toMatchObject({ body: { ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('处理中') } } });
  await repairHalfDone(later());
  const booked = await ok(bookOnce(slotId, a, requestId));
  expect(booked.slotId).toBe(slotId);
  expect(await counterAndRows(a)).toEqual({ counter: 1, rows: 1 });
});
