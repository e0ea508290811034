/**
 * Database round trips of the appointment domain's admin and expert taps, pinned (issue 19: every
 * tapped action ≤ 5, the caller's user record included). Each test makes one valid call as a person
 * who already exists, on its heavier path (with paired enterprises, many slots, several experts and
 * blocks), and asserts the emulator's request counter. Setup happens before counting.
 */
import { freshOpenid, type TestGateway } from '../../local/testing';
import { ok } from '../../local/volunteer.testkit';
import { countingGateway, budgets } from '../../local/roundTrips.testkit';
import { makeEnterprise, makeExpert, placeSlot } from '../../local/appointment.testkit';
import { parkDay } from '../../server/core/time';
import { col } from '../../server/core/db';
import { outboxRow } from '../../server/core/outbox';
import { reminderIds, reminderRows } from './shared';

let gw: TestGateway;

const counted = countingGateway((g) => (gw = g), () => report());
const { within, report } = budgets({
  'appointment.addExpert': 5, // 7 before: the user, the team and the expert's profile in one aggregation
  'appointment.addExpert (again: profile exists)': 5,
  'appointment.pair': 4, // 6 before: the expert, the enterprise and the pairing in one aggregation
  'appointment.pair (renewal)': 4,
  'appointment.endPairing': 5, // 6 before: the pairing is ended and read back in one updateAndReturn
  'appointment.confirm': 3, // 5 before (6 without slotId): the notice and both reminders as one insert
  'appointment.confirm (older client: no slotId)': 4, // 6 before
  'appointment.publishSlots (one slot)': 3,
  'appointment.publishSlots (weekly pattern, paired, venue)': 3, // 6–12 before: one aggregation, one array insert
  'appointment.publishSlots (one slot overlaps an existing one)': 5, // + the range's slots read, the rest inserted again
  'appointment.createRovingDay': 5, // 13 before: one aggregation, the slots as one array insert, the day, the audit
});

const dayAhead = (n: number) => parkDay(Date.now() + n * 86400_000);

describe('appointment round trips', () => {
  test('addExpert', async () => {
    const openid = freshOpenid('expert');
    await ok(gw.call('user', 'me', {}, openid));
    const params = { openid, teamId: 'team-legal', name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] };
    within('appointment.addExpert', (await counted('appointment', 'addExpert', params, 'demo-admin')).requests);
    within('appointment.addExpert (again: profile exists)', (await counted('appointment', 'addExpert', { ...params, teamId: 'team-talent' }, 'demo-admin')).requests);
  });

  test('pair_and_endPairing', async () => {
    const expert = await makeExpert(gw);
    const ent = await makeEnterprise();
    // An open slot carrying the enterprise's head start, so ending the pairing has slots to release.
    await ok(gw.call('appointment', 'pair', { enterpriseId: ent.id, expertId: expert, from: dayAhead(0), until: dayAhead(90) }, 'demo-admin'));
    await ok(gw.call('appointment', 'publishSlots', { from: dayAhead(10), start: '09:00', end: '11:00', slotMinutes: 60, mode: 'online' }, expert));
    const other = await makeEnterprise();
    within('appointment.pair', (await counted('appointment', 'pair', { enterpriseId: other.id, expertId: expert, from: dayAhead(0), until: dayAhead(30), note: '年度结对' }, 'demo-admin')).requests);
    within('appointment.pair (renewal)', (await counted('appointment', 'pair', { enterpriseId: other.id, expertId: expert, from: dayAhead(0), until: dayAhead(60) }, 'demo-admin')).requests);
    // The last paired enterprise: both slot updates happen (pull, then drop the window).
    within('appointment.endPairing', (await counted('appointment', 'endPairing', { pairingId: `${other.id}_${expert}` }, 'demo-admin')).requests);
    within('appointment.endPairing', (await counted('appointment', 'endPairing', { pairingId: `${ent.id}_${expert}` }, 'demo-admin')).requests);
  });

  test('confirm', async () => {
    const expert = await makeExpert(gw);
    const { openids: [contact] } = await makeEnterprise();
    const a = await ok(gw.call('appointment', 'book', { slotId: await placeSlot(expert, 72), topic: '劳动合同条款咨询' }, contact));
    within('appointment.confirm', (await counted('appointment', 'confirm', { bookingId: a.id, slotId: a.slotId }, expert)).requests);
    const b = await ok(gw.call('appointment', 'book', { slotId: await placeSlot(expert, 96), topic: '股权激励方案咨询' }, contact));
    within('appointment.confirm (older client: no slotId)', (await counted('appointment', 'confirm', { bookingId: b.id }, expert)).requests);
  });

  test('confirm_of_a_booking_whose_reminders_are_already_queued_queues_its_notice_and_no_second_reminder', async () => {
    // A booking made by an earlier version had its reminders queued at booking: the one array
    // insert is refused whole (a duplicate id), and the rows go again one by one, once.
    const expert = await makeExpert(gw);
    const { openids: [contact] } = await makeEnterprise();
    const a = await ok(gw.call('appointment', 'book', { slotId: await placeSlot(expert, 80), topic: '合同纠纷咨询' }, contact));
    const [b] = (await col('bookings').doc(a.id).get()).data;
    await col('outbox').add(reminderRows(b).map((r) => outboxRow(r)));
    await ok(gw.call('appointment', 'confirm', { bookingId: a.id, slotId: a.slotId }, expert));
    const rows = (await col('outbox').where({ ref: `bookings/${a.id}` }).get()).data;
    expect(rows.filter((r) => r.type === 'appointment.confirmed').map((r) => r.toOpenid)).toEqual([contact]);
    expect(rows.filter((r) => r.type === 'appointment.reminder').map((r) => r._id).sort()).toEqual([...reminderIds(b)].sort());
  });

  test('publishSlots', async () => {
    const expert = await makeExpert(gw);
    within('appointment.publishSlots (one slot)', (await counted('appointment', 'publishSlots', { from: dayAhead(5), start: '09:00', end: '10:00', mode: 'online' }, expert)).requests);
    const clash = await counted('appointment', 'publishSlots', { from: dayAhead(5), start: '08:00', end: '12:00', slotMinutes: 60, mode: 'online' }, expert);
    expect(clash.data).toMatchObject({ created: 3, skippedOverlap: 1 });
    within('appointment.publishSlots (one slot overlaps an existing one)', clash.requests);
    const ent = await makeEnterprise();
    await ok(gw.call('appointment', 'pair', { enterpriseId: ent.id, expertId: expert, from: dayAhead(0), until: dayAhead(90) }, 'demo-admin'));
    const many = await counted('appointment', 'publishSlots', {
      from: dayAhead(20), to: dayAhead(48), weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '12:00', slotMinutes: 60, mode: 'venue', venueId: 'venue-hall',
    }, expert);
    expect(many.data.created).toBeGreaterThan(20);
    within('appointment.publishSlots (weekly pattern, paired, venue)', many.requests);
  });

  test('createRovingDay', async () => {
    const experts = [];
    for (let i = 0; i < 3; i++) experts.push(await makeExpert(gw));
    const made = await counted('appointment', 'createRovingDay', {
      teamId: 'team-legal', date: dayAhead(25), title: '法律服务进园区', venueId: 'venue-school',
      blocks: [{ start: '09:00', end: '10:00' }, { start: '10:00', end: '11:00' }, { start: '14:00', end: '15:00' }], expertIds: experts, note: '请提前预约',
    }, 'demo-admin');
    expect(made.data.slots).toBe(9);
    within('appointment.createRovingDay', made.requests);
  });
});
