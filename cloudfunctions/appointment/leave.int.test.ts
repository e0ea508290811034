/**
 * Expert leave (leave.ts), the confirm deadline (confirmDeadline.ts) and the calendar entry
 * (calendar.ts) through the gateway against the emulator. Every date is relative to today.
 */
import { makeEnterprise, makeExpert, placeSlot } from '../../local/appointment.testkit';
import { codeOf as code, ok } from '../../local/volunteer.testkit';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { flushCarried } from '../../server/core/outbox';
import { addDays, parkDay } from '../../server/core/time';
import { confirmDeadlines } from './confirmDeadline';
import { enforceLeaves } from './leave';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const book = (slotId: string, openid: string) => gw.call('appointment', 'book', { slotId, topic: '劳动合同条款咨询' }, openid);
const slotOf = async (id: string) => (await col('slots').doc(id).get()).data[0];
const bookingOf = async (id: string) => (await col('bookings').doc(id).get()).data[0];
const HOUR = 3600_000;
/** The park day `hours` from now. */
const dayIn = (hours: number) => parkDay(Date.now() + hours * HOUR);
/** The park day a slot starts on (not `dayIn`: rounding to the grid may cross midnight). */
const dayOf = async (slotId: string) => parkDay((await slotOf(slotId)).startAt);

describe('expert leave', () => {
  test('leave_withdraws_the_open_slots_in_its_range_and_asks_the_booked_enterprises_to_pick_another_time', async () => {
    const expert = await makeExpert(gw);
    // Two slots inside the leave (days 5 and 6), one booked; one outside it (day 9).
    const [inOpen, inBooked, outside] = [await placeSlot(expert, 5 * 24), await placeSlot(expert, 6 * 24), await placeSlot(expert, 9 * 24)];
    const ent = await makeEnterprise();
    const b = await ok(book(inBooked, ent.openids[0]));
    const r = await ok(gw.call('appointment', 'markLeave', { from: await dayOf(inOpen), to: await dayOf(inBooked), reason: '外出培训' }, expert));
    expect(r.leave).toMatchObject({ state: 'active', withdrawnSlots: 1, affectedBookings: 1, reason: '外出培训' });
    expect(r.affected.map((a: any) => a.bookingId)).toEqual([b.id]);
    expect(await slotOf(inOpen)).toBeUndefined();
    expect(await slotOf(outside)).toMatchObject({ state: 'open' });
    // The booking keeps its slot until the enterprise moves it, flagged, and its contact is told.
    expect(await bookingOf(b.id)).toMatchObject({ state: 'requested', needsReschedule: { leaveId: r.leave.id, reason: '外出培训' } });
    expect((await ok(gw.call('appointment', 'getBooking', { id: b.id }, ent.openids[0]))).needsReschedule).toMatchObject({ reason: '外出培训' });
    // The notice rides on the leave (no insert of its own) until the notify timer's next run queues it, once.
    const told = async () => (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.expertLeave' }).get()).data;
    expect(await told()).toEqual([]);
    await flushCarried();
    await flushCarried();
    expect((await told()).map((o) => o.toOpenid)).toEqual([ent.openids[0]]);
    expect((await col('expertLeaves').doc(r.leave.id).get()).data[0].carriedNotices).toBeNull();
    // Admins see the affected list.
    const affected = await ok(gw.call('appointment', 'leaveAffected', { leaveId: r.leave.id }, 'demo-admin'));
    expect(affected).toEqual([expect.objectContaining({ bookingId: b.id, enterpriseName: b.enterpriseName, reason: '外出培训' })]);
    expect(await code(gw.call('appointment', 'leaveAffected', {}, expert))).toBe('FORBIDDEN');

    // The enterprise moves it out of the leave: the old slot closes (the expert is away), the flag goes.
    const moved = await ok(gw.call('appointment', 'reschedule', { bookingId: b.id, slotId: outside }, ent.openids[0]));
    expect(moved.needsReschedule).toBeNull();
    expect(await slotOf(inBooked)).toMatchObject({ state: 'closed', bookingId: null });
    expect(await ok(gw.call('appointment', 'leaveAffected', { leaveId: r.leave.id }, 'demo-admin'))).toEqual([]);
  });

  test('no_slot_can_be_published_inside_an_active_leave_until_it_is_cancelled_which_restores_no_withdrawn_slot', async () => {
    const expert = await makeExpert(gw);
    await ok(gw.call('appointment', 'upsertProfile', { name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] }, expert));
    const day = dayIn(8 * 24);
    const withdrawn = await ok(gw.call('appointment', 'publishSlots', { from: day, start: '09:00', end: '10:00', mode: 'online' }, expert));
    const leave = await ok(gw.call('appointment', 'markLeave', { from: day, to: day }, expert));
    expect(leave.leave.withdrawnSlots).toBe(1);
    expect(await slotOf(withdrawn.ids[0])).toBeUndefined();
    expect(await code(gw.call('appointment', 'publishSlots', { from: day, start: '14:00', end: '15:00', mode: 'online' }, expert))).toBe('CLOSED');
    // A pattern across the leave publishes the other days only.
    const around = await ok(gw.call('appointment', 'publishSlots', { from: addDays(day, -1), to: addDays(day, 1), start: '14:00', end: '15:00', mode: 'online' }, expert));
    expect(around).toMatchObject({ created: 2, skippedLeave: 1 });

    expect(await code(gw.call('appointment', 'cancelLeave', { leaveId: leave.leave.id }, (await makeExpert(gw))))).toBe('NOT_FOUND');
    const undone = await ok(gw.call('appointment', 'cancelLeave', { leaveId: leave.leave.id }, expert));
    expect(undone.leave.state).toBe('cancelled');
    expect(await slotOf(withdrawn.ids[0])).toBeUndefined();
    expect((await ok(gw.call('appointment', 'publishSlots', { from: day, start: '14:00', end: '15:00', mode: 'online' }, expert))).created).toBe(1);
    expect(await code(gw.call('appointment', 'cancelLeave', { leaveId: leave.leave.id }, expert))).toBe('CONFLICT');
  });

  test('cancelling_a_leave_tells_the_flagged_enterprises_their_original_time_stands', async () => {
    const expert = await makeExpert(gw);
    const slot = await placeSlot(expert, 4 * 24);
    const ent = await makeEnterprise();
    const b = await ok(book(slot, ent.openids[0]));
    const { leave } = await ok(gw.call('appointment', 'markLeave', { from: await dayOf(slot), to: await dayOf(slot) }, expert));
    const { unflagged } = await ok(gw.call('appointment', 'cancelLeave', { leaveId: leave.id }, expert));
    expect(unflagged).toBe(1);
    expect(await bookingOf(b.id)).toMatchObject({ state: 'requested', needsReschedule: null });
    expect(await slotOf(slot)).toMatchObject({ state: 'held', bookingId: b.id });
    expect((await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.leaveCancelled' }).get()).data).toHaveLength(1);
  });

  test('an_admin_marks_leave_for_an_expert_and_it_is_audited_while_an_expert_cannot_mark_anothers', async () => {
    const [expert, other] = [await makeExpert(gw), await makeExpert(gw)];
    const day = dayIn(10 * 24);
    expect(await code(gw.call('appointment', 'markLeave', { from: day, to: day, expertId: expert }, other))).toBe('FORBIDDEN');
    expect(await code(gw.call('appointment', 'markLeave', { from: day, to: addDays(day, -1) }, expert))).toBe('VALIDATION');
    expect(await code(gw.call('appointment', 'markLeave', { from: dayIn(-48), to: dayIn(-24) }, expert))).toBe('VALIDATION');
    const r = await ok(gw.call('appointment', 'markLeave', { from: day, to: day, expertId: expert, reason: '病假' }, 'demo-admin'));
    expect(r.leave.expertId).toBe(expert);
    expect((await col('audit').where({ fn: 'appointment', action: 'markLeave', target: `expertLeaves/${r.leave.id}` }).get()).data).toHaveLength(1);
    expect((await ok(gw.call('appointment', 'listLeaves', {}, expert))).map((l: any) => l.id)).toEqual([r.leave.id]);
    expect(await ok(gw.call('appointment', 'listLeaves', {}, other))).toEqual([]);
  });

  test('the_timer_withdraws_a_slot_that_slipped_into_an_active_leave_and_flags_a_booking_made_in_the_race', async () => {
    const expert = await makeExpert(gw);
    const { leave } = await ok(gw.call('appointment', 'markLeave', { from: dayIn(7 * 24), to: dayIn(7 * 24 + 3) }, expert));
    // As if a publish and a booking had raced the leave: written straight after it.
    const late = await placeSlot(expert, 7 * 24);
    const raced = await placeSlot(expert, 7 * 24 + 2);
    expect([await dayOf(late), await dayOf(raced)].every((d) => d >= leave.from && d <= leave.to)).toBe(true);
    const ent = await makeEnterprise();
    const b = await ok(book(raced, ent.openids[0]));
    const run = await enforceLeaves(new Date());
    expect(run.withdrawn).toBeGreaterThanOrEqual(1);
    expect(await slotOf(late)).toBeUndefined();
    expect(await bookingOf(b.id)).toMatchObject({ needsReschedule: { leaveId: leave.id } });
    // Once: a second run flags and tells nobody again.
    await enforceLeaves(new Date());
    expect((await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.expertLeave' }).get()).data).toHaveLength(1);
  });

  test('an_enterprise_cancelling_a_booking_its_experts_leave_covers_does_not_reopen_the_slot', async () => {
    const expert = await makeExpert(gw);
    const slot = await placeSlot(expert, 5 * 24);
    const ent = await makeEnterprise();
    const b = await ok(book(slot, ent.openids[0]));
    await ok(gw.call('appointment', 'markLeave', { from: await dayOf(slot), to: await dayOf(slot) }, expert));
    await ok(gw.call('appointment', 'cancel', { bookingId: b.id }, ent.openids[0]));
    expect(await slotOf(slot)).toMatchObject({ state: 'closed', bookingId: null });
  });
});

describe('confirm deadline', () => {
  const rows = async (bookingId: string, type: string) => (await col('outbox').where({ ref: `bookings/${bookingId}`, type }).get()).data;

  test('a_request_unconfirmed_24_hours_before_its_start_reminds_the_expert_then_12_hours_before_the_admins_once_each', async () => {
    const expert = await makeExpert(gw);
    const ent = await makeEnterprise();
    const b = await ok(book(await placeSlot(expert, 20), ent.openids[0]));
    // Just booked: the booking notice was the first ask, nothing more yet.
    await confirmDeadlines(new Date());
    expect(await rows(b.id, 'appointment.confirmReminder')).toEqual([]);
    // An hour and more later (still 24 h or less before): the expert once.
    const t1 = new Date(Date.now() + 2 * HOUR);
    expect((await confirmDeadlines(t1)).reminded).toBeGreaterThanOrEqual(1);
    await confirmDeadlines(new Date(t1.getTime() + 10 * 60_000));
    const reminder = await rows(b.id, 'appointment.confirmReminder');
    expect(reminder.map((r) => r.toOpenid)).toEqual([expert]);
    expect(reminder[0].sendIf).toEqual({ state: 'requested', slotId: b.slotId });
    expect(await rows(b.id, 'appointment.confirmOverdue')).toEqual([]);
    // 12 h or less before the start: every admin once.
    const t2 = new Date(Date.now() + 9 * HOUR);
    expect((await confirmDeadlines(t2)).escalated).toBeGreaterThanOrEqual(1);
    await confirmDeadlines(new Date(t2.getTime() + 10 * 60_000));
    const overdue = await rows(b.id, 'appointment.confirmOverdue');
    expect(overdue.map((r) => r.toOpenid)).toContain('demo-admin');
    expect(new Set(overdue.map((r) => r.toOpenid)).size).toBe(overdue.length);
    expect(await bookingOf(b.id)).toMatchObject({ confirmRemindedAt: expect.any(Date), confirmEscalatedAt: expect.any(Date) });
  });

  test('a_confirmed_booking_gets_appointment_reminders_but_no_confirm_deadline_and_a_request_gets_no_appointment_reminder', async () => {
    const expert = await makeExpert(gw);
    const ent = await makeEnterprise();
    const [req, conf] = [await ok(book(await placeSlot(expert, 20), ent.openids[0])), await ok(book(await placeSlot(expert, 22), (await makeEnterprise()).openids[0]))];
    await ok(gw.call('appointment', 'confirm', { bookingId: conf.id }, expert));
    await confirmDeadlines(new Date(Date.now() + 9 * HOUR));
    expect(await rows(conf.id, 'appointment.confirmReminder')).toEqual([]);
    expect((await rows(conf.id, 'appointment.reminder')).map((r) => r.sendIf)).toEqual([{ state: 'confirmed', slotId: conf.slotId }, { state: 'confirmed', slotId: conf.slotId }]);
    expect(await rows(req.id, 'appointment.reminder')).toEqual([]);
  });
});

describe('add to calendar', () => {
  /** A minimal RFC 5545 reader: checks CRLF and the 75-octet folding, unfolds, and reads the properties. */
  function parseIcs(text: string) {
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    for (const line of physical) {
      expect(line.includes('\n') || line.includes('\r')).toBe(false);
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const lines: string[] = [];
    for (const l of physical) {
      if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
      else lines.push(l);
    }
    const stack: string[] = [];
    const props: Record<string, string> = {};
    for (const l of lines) {
      const i = l.indexOf(':');
      const [name, value] = [l.slice(0, i), l.slice(i + 1)];
      if (name === 'BEGIN') stack.push(value);
      else if (name === 'END') expect(stack.pop()).toBe(value);
      else if (stack.join('/') === 'VCALENDAR/VEVENT') props[name] = value.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
    }
    expect(stack).toEqual([]);
    return props;
  }
  const utc = (s: string) => new Date(s.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

  test('a_confirmed_booking_gives_a_parseable_ics_and_the_fields_of_wx_addPhoneCalendar_while_a_request_is_refused', async () => {
    const expert = await makeExpert(gw, { name: '王律师' });
    const ent = await makeEnterprise();
    const b = await ok(book(await placeSlot(expert, 50), ent.openids[0]));
    expect(await code(gw.call('appointment', 'calendarEvent', { bookingId: b.id }, ent.openids[0]))).toBe('CONFLICT');
    await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    // A long topic with characters TEXT must escape, folded across several lines.
    await col('bookings').doc(b.id).update({ topic: '劳动合同条款咨询；涉及竞业限制, 保密协议和股权激励\\条款的合规审查，请准备相关材料'.repeat(2) });
    const cal = await ok(gw.call('appointment', 'calendarEvent', { bookingId: b.id }, ent.openids[0]));
    const ev = parseIcs(cal.ics);
    expect(ev.UID).toBe(`booking-${b.id}@redpark`);
    expect(ev.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(utc(ev.DTSTART).getTime()).toBe(new Date(b.startAt).getTime());
    expect(utc(ev.DTEND).getTime()).toBe(new Date(b.endAt).getTime());
    expect(ev.SUMMARY).toBe('发展服务团预约：王律师（法律服务团）');
    expect(ev.LOCATION).toBe('线上');
    expect(ev.DESCRIPTION).toContain('竞业限制, 保密协议和股权激励\\条款');
    expect(cal.ics.split('\r\n').some((l: string) => l.startsWith(' '))).toBe(true);
    expect(cal.phoneCalendar).toMatchObject({
      title: ev.SUMMARY, location: '线上',
      startTime: Math.floor(new Date(b.startAt).getTime() / 1000), endTime: Math.floor(new Date(b.endAt).getTime() / 1000),
    });
    // The expert may add it too; another enterprise may not see it.
    await ok(gw.call('appointment', 'calendarEvent', { bookingId: b.id }, expert));
    expect(await code(gw.call('appointment', 'calendarEvent', { bookingId: b.id }, (await makeEnterprise()).openids[0]))).toBe('NOT_FOUND');
  });
});
