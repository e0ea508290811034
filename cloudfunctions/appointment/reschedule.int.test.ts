/**
 * 改约 (reschedule.ts) through the gateway against the emulator: the swap takes the new slot first
 * and only then moves the booking and gives the old slot back; a taken slot leaves everything as
 * it was; two enterprises racing for one slot get one winner; a call killed half-way is repaired
 * by the appointment timer (repair.ts, step d). Every time is relative to now.
 */
import { makeEnterprise } from '../../local/appointment.testkit';
import { codeOf as code, ok } from '../../local/volunteer.testkit';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { cmd, col } from '../../server/core/db';
import { flushCarried } from '../../server/core/outbox';
import { slotCells } from './slotGen';
import { counterId } from './shared';
import { REPAIR_QUIET_MS, repairHalfDone } from './repair';
import { deliverDue } from '../notify/deliver';

let gw: TestGateway;
let dieAfter: ((body: any) => boolean) | null = null;
let dead = false;
beforeAll(async () => {
  gw = await startTestGateway();
  const handle = gw.emulator.handle.bind(gw.emulator);
  gw.emulator.handle = async (body: any) => {
    if (dead) throw new Error('injected crash: the function died before this request');
    const reply = await handle(body);
    if (dieAfter?.(body)) dead = true;
    return reply;
  };
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => {
  dieAfter = null;
  dead = false;
});

let seq = 0;
const fresh = (tag: string) => `t-${tag}-${Date.now().toString(36)}-${seq++}`;

async function makeExpert(autoConfirm = false): Promise<string> {
  const openid = fresh('expert');
  await gw.call('user', 'me', {}, openid);
  await ok(gw.call('appointment', 'addExpert', { openid, teamId: 'team-legal', name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] }, 'demo-admin'));
  if (autoConfirm) await ok(gw.call('appointment', 'upsertProfile', { name: '自动确认专家', organisation: '测试律师事务所', specialities: ['合同审查'], autoConfirm: true }, openid));
  return openid;
}

/** An open slot of `expert` starting `hours` from now (5-minute grid), one hour long. */
async function placeSlot(expert: string, hours: number): Promise<string> {
  const start = new Date(Math.ceil((Date.now() + hours * 3600_000) / 300_000) * 300_000);
  const end = new Date(start.getTime() + 3600_000);
  const { id } = await col('slots').add({
    expertId: expert, teamId: 'team-legal', startAt: start, endAt: end, mode: 'online', venueId: null, place: '线上', kind: 'bookable',
    rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(expert, start, end), priorityUntil: null, priorityEnterpriseIds: [], createdAt: new Date(),
  });
  return id;
}

const book = (slotId: string, openid: string) => gw.call('appointment', 'book', { slotId, topic: '劳动合同条款咨询' }, openid);
const move = (bookingId: string, slotId: string, openid: string) => gw.call('appointment', 'reschedule', { bookingId, slotId }, openid);
const slotOf = async (id: string) => (await col('slots').doc(id).get()).data[0];
const bookingOf = async (id: string) => (await col('bookings').doc(id).get()).data[0];

test('a_requested_booking_moves_to_another_open_slot_of_its_expert_and_gives_the_old_one_back', async () => {
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const ent = await makeEnterprise();
  const b = await ok(book(s1, ent.openids[0]));
  const moved = await ok(move(b.id, s2, ent.openids[0]));
  expect(moved).toMatchObject({ id: b.id, slotId: s2, state: 'requested', moves: 1 });
  const [new2, old1] = [await slotOf(s2), await slotOf(s1)];
  expect(new Date(moved.startAt).getTime()).toBe(new Date(new2.startAt).getTime());
  expect(new2).toMatchObject({ state: 'held', bookingId: b.id });
  expect(old1).toMatchObject({ state: 'open', bookingId: null });
  // The history keeps the old time; the enterprise still has one open booking with the team.
  expect(moved.rescheduledFrom).toHaveLength(1);
  expect(new Date(moved.rescheduledFrom[0].startAt).getTime()).toBe(new Date(b.startAt).getTime());
  expect(moved.history.map((h: any) => h.state)).toEqual(['requested', 'requested']);
  expect(moved.history[1].note).toContain('改约');
  expect((await col('bookingCounters').doc(counterId(ent.id, 'team-legal')).get()).data[0].open).toBe(1);
  // The freed time is bookable by another enterprise; the expert is told of the move.
  await ok(book(s1, (await makeEnterprise()).openids[0]));
  // The notice rides on the moved booking until the notify timer's next run queues it (once).
  await flushCarried();
  await flushCarried();
  const toExpert = (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.rescheduled', toOpenid: expert }).get()).data;
  expect(toExpert).toHaveLength(1);
});

test('a_confirmed_booking_moved_waits_for_the_expert_again_and_its_reminders_follow_only_a_new_confirmation', async () => {
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const ent = await makeEnterprise();
  const b = await ok(book(s1, ent.openids[0]));
  await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
  const moved = await ok(move(b.id, s2, ent.openids[0]));
  expect(moved.state).toBe('requested');
  expect(moved.calendarAvailable).toBe(false);
  const reminders = async () => (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.reminder' }).get()).data;
  // The old time's reminders are pinned to the old slot, so the deliverer drops them; none for the new time yet.
  expect((await reminders()).every((r) => r.sendIf?.slotId === s1)).toBe(true);
  await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
  const fresh2 = (await reminders()).filter((r) => r.sendIf?.slotId === s2);
  expect(fresh2.map((r) => r._id).sort()).toEqual([`remind-${b.id}-m1-ent`, `remind-${b.id}-m1-exp`]);
  expect(fresh2.every((r) => r.status === 'pending' && new Date(r.dueAt).getTime() < new Date(moved.startAt).getTime())).toBe(true);
});

test('a_booking_with_an_auto_confirming_expert_stays_confirmed_and_gets_the_reminders_of_its_new_time_at_once', async () => {
  const expert = await makeExpert(true);
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const ent = await makeEnterprise();
  const b = await ok(book(s1, ent.openids[0]));
  expect(b.state).toBe('confirmed');
  const moved = await ok(move(b.id, s2, ent.openids[0]));
  expect(moved.state).toBe('confirmed');
  await flushCarried();
  const rows = (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.reminder' }).get()).data;
  expect(rows.filter((r) => r.sendIf?.slotId === s2).map((r) => r._id).sort()).toEqual([`remind-${b.id}-m1-ent`, `remind-${b.id}-m1-exp`]);
});

test('when_the_new_slot_is_taken_the_booking_and_its_old_slot_stay_exactly_as_they_were', async () => {
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const [a, other] = [await makeEnterprise(), await makeEnterprise()];
  const b = await ok(book(s1, a.openids[0]));
  await ok(book(s2, other.openids[0]));
  const before = await bookingOf(b.id);
  expect(await code(move(b.id, s2, a.openids[0]))).toBe('CONFLICT');
  expect(await bookingOf(b.id)).toEqual(before);
  expect(await slotOf(s1)).toMatchObject({ state: 'held', bookingId: b.id });
  expect((await slotOf(s2)).bookingId).not.toBe(b.id);
});

test('two_enterprises_moving_to_the_same_slot_at_once_one_wins_and_the_loser_keeps_its_old_booking_and_slot', async () => {
  const expert = await makeExpert();
  const [s1, s2, target] = [await placeSlot(expert, 72), await placeSlot(expert, 80), await placeSlot(expert, 96)];
  const [a, c] = [await makeEnterprise(), await makeEnterprise()];
  const ba = await ok(book(s1, a.openids[0]));
  const bc = await ok(book(s2, c.openids[0]));
  const [beforeA, beforeC] = [await bookingOf(ba.id), await bookingOf(bc.id)];
  const replies = await Promise.all([move(ba.id, target, a.openids[0]), move(bc.id, target, c.openids[0])]);
  expect(replies.map((r) => (r.body.ok ? 'OK' : r.body.error.code)).sort()).toEqual(['CONFLICT', 'OK']);
  const winner = replies[0].body.ok ? { b: ba, old: s1 } : { b: bc, old: s2 };
  const loser = replies[0].body.ok ? { b: ba === winner.b ? bc : ba, old: s2, before: beforeC } : { b: ba, old: s1, before: beforeA };
  expect(await slotOf(target)).toMatchObject({ state: 'held', bookingId: winner.b.id });
  expect(await slotOf(winner.old)).toMatchObject({ state: 'open', bookingId: null });
  expect(await bookingOf(loser.b.id)).toEqual(loser.before);
  expect(await slotOf(loser.old)).toMatchObject({ state: 'held', bookingId: loser.b.id });
  // Exactly one booking per held slot: no slot held twice, none lost.
  const held = (await col('slots').where({ expertId: expert, state: 'held' }).get()).data.map((s) => s.bookingId).sort();
  expect(held).toEqual([ba.id, bc.id].sort());
});

test('reschedule_refuses_another_experts_slot_someone_elses_booking_and_a_time_inside_the_cut_off', async () => {
  const [expert, otherExpert] = [await makeExpert(), await makeExpert()];
  const [s1, s2, foreign] = [await placeSlot(expert, 72), await placeSlot(expert, 96), await placeSlot(otherExpert, 96)];
  const [a, stranger] = [await makeEnterprise(), await makeEnterprise()];
  const b = await ok(book(s1, a.openids[0]));
  expect(await code(move(b.id, foreign, a.openids[0]))).toBe('VALIDATION');
  expect(await code(move(b.id, s1, a.openids[0]))).toBe('VALIDATION');
  expect(await code(move(b.id, s2, stranger.openids[0]))).toBe('NOT_FOUND');
  expect(await code(move(b.id, s2, expert))).toBe('FORBIDDEN');
  // Inside the cancel cut-off (the old start an hour away) the time can no longer be given up online.
  await col('bookings').doc(b.id).update({ startAt: new Date(Date.now() + 3600_000) });
  expect(await code(move(b.id, s2, a.openids[0]))).toBe('CLOSED');
  expect(await slotOf(s2)).toMatchObject({ state: 'open', bookingId: null });
  // A cancelled booking cannot move.
  await col('bookings').doc(b.id).update({ startAt: new Date(Date.now() + 72 * 3600_000) });
  await ok(gw.call('appointment', 'cancel', { bookingId: b.id }, a.openids[0]));
  expect(await code(move(b.id, s2, a.openids[0]))).toBe('CONFLICT');
});

test('a_reschedule_killed_after_taking_the_new_slot_leaves_the_booking_where_it_was_and_the_timer_frees_the_new_slot', async () => {
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const a = await makeEnterprise();
  const b = await ok(book(s1, a.openids[0]));
  dieAfter = (body) => body.collectionName === 'slots' && /modify/.test(body.action);
  expect(await code(move(b.id, s2, a.openids[0]))).toBe('INTERNAL');
  dieAfter = null;
  dead = false;
  expect(await slotOf(s2)).toMatchObject({ state: 'held', bookingId: b.id });
  expect((await bookingOf(b.id)).slotId).toBe(s1);
  // Within the quiet period nothing is touched (a live call could still be between its steps).
  expect((await repairHalfDone(new Date())).slots.map((s) => s.slotId)).not.toContain(s2);
  const run = await repairHalfDone(new Date(Date.now() + REPAIR_QUIET_MS + 5_000));
  expect(run.slots).toContainEqual(expect.objectContaining({ slotId: s2, booking: 'moved', to: 'open' }));
  expect(await slotOf(s2)).toMatchObject({ state: 'open', bookingId: null });
  expect(await slotOf(s1)).toMatchObject({ state: 'held', bookingId: b.id });
});

test('a_reschedule_killed_after_moving_the_booking_has_its_old_slot_released_by_the_timer', async () => {
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const a = await makeEnterprise();
  const b = await ok(book(s1, a.openids[0]));
  dieAfter = (body) => body.collectionName === 'bookings' && /modify/.test(body.action);
  expect(await code(move(b.id, s2, a.openids[0]))).toBe('INTERNAL');
  dieAfter = null;
  dead = false;
  expect((await bookingOf(b.id)).slotId).toBe(s2);
  expect(await slotOf(s1)).toMatchObject({ state: 'held', bookingId: b.id });
  const run = await repairHalfDone(new Date(Date.now() + REPAIR_QUIET_MS + 5_000));
  expect(run.slots).toContainEqual(expect.objectContaining({ slotId: s1, booking: 'moved', to: 'open' }));
  expect(await slotOf(s1)).toMatchObject({ state: 'open', bookingId: null });
  expect(await slotOf(s2)).toMatchObject({ state: 'held', bookingId: b.id });
});

test('an_experts_confirm_read_before_a_reschedule_does_not_confirm_the_new_time_unseen', async () => {
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const a = await makeEnterprise();
  const b = await ok(book(s1, a.openids[0]));
  // The confirm reads the booking, then the reschedule lands before the confirm writes.
  let moved = false;
  const handle = gw.emulator.handle;
  gw.emulator.handle = async (body: any) => {
    if (!moved && body.collectionName === 'bookings' && /modify/.test(body.action) && String(body.query ?? '').includes('"state"') && String(body.data ?? '').includes('confirmed')) {
      moved = true;
      await ok(move(b.id, s2, a.openids[0]));
    }
    return handle(body);
  };
  try {
    expect(await code(gw.call('appointment', 'confirm', { bookingId: b.id }, expert))).toBe('CONFLICT');
  } finally {
    gw.emulator.handle = handle;
  }
  expect(moved).toBe(true);
  expect(await bookingOf(b.id)).toMatchObject({ slotId: s2, state: 'requested' });
});

test('an_experts_confirm_of_the_time_on_their_screen_is_refused_when_the_booking_has_moved_since', async () => {
  // The confirm names the slot the expert saw, which makes it a claim (no read first): a booking
  // moved to another time before the tap is refused, never confirmed at a time they did not see.
  const expert = await makeExpert();
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const a = await makeEnterprise();
  const b = await ok(book(s1, a.openids[0]));
  await ok(move(b.id, s2, a.openids[0]));
  expect(await code(gw.call('appointment', 'confirm', { bookingId: b.id, slotId: s1 }, expert))).toBe('CONFLICT');
  expect(await bookingOf(b.id)).toMatchObject({ slotId: s2, state: 'requested' });
  expect((await ok(gw.call('appointment', 'confirm', { bookingId: b.id, slotId: s2 }, expert))).state).toBe('confirmed');
});

test('the_reminders_of_the_time_a_booking_moved_away_from_are_dropped_when_due_and_those_of_its_new_time_are_sent', async () => {
  const expert = await makeExpert(true);
  const [s1, s2] = [await placeSlot(expert, 72), await placeSlot(expert, 96)];
  const ent = await makeEnterprise();
  const b = await ok(book(s1, ent.openids[0]));
  const moved = await ok(move(b.id, s2, ent.openids[0]));
  const deliverAt = async (now: Date) => {
    const sent: string[] = [];
    await deliverDue({ send: async (row) => (sent.push(row._id), { ok: true, channel: 'test' }) }, { runId: fresh('run'), now, batch: 1000 });
    return sent;
  };
  const old = [`remind-${b.id}-ent`, `remind-${b.id}-exp`];
  const now2 = [`remind-${b.id}-m1-ent`, `remind-${b.id}-m1-exp`];
  // A day before the old time: the old reminders fall due, and are dropped, not sent.
  const atOld = await deliverAt(new Date(new Date(b.startAt).getTime() - 23 * 3600_000));
  expect(atOld.filter((id) => old.includes(id))).toEqual([]);
  const rows = async (ids: string[]) => (await col('outbox').where({ _id: cmd().in(ids) }).get()).data.map((r) => r.status);
  expect(await rows(old)).toEqual(['cancelled', 'cancelled']);
  // A day before the new time: the new ones go out.
  const atNew = await deliverAt(new Date(new Date(moved.startAt).getTime() - 23 * 3600_000));
  expect(atNew.filter((id) => now2.includes(id)).sort()).toEqual([...now2].sort());
});
