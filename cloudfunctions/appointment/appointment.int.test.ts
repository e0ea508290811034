/** `appointment` through the local gateway against the embedded emulator (integration tier). */
import { makeEnterprise } from '../../local/appointment.testkit';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { newUser } from '../../server/core/caller';
import { parkDay } from '../../server/core/time';
import { slotCells } from './slotGen';
import { main } from './function';
import { EXPIRE_REASON, expireDue } from './expire';
import { deliverDue } from '../notify/deliver';
import { outboxRow } from '../../server/core/outbox';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

let seq = 0;
const fresh = (tag: string) => `t-${tag}-${Date.now().toString(36)}-${seq++}`;
const dayAhead = (n: number) => parkDay(Date.now() + n * 86400_000);

async function ok(fn: Promise<{ status: number; body: any }>) {
  const r = await fn;
  if (!r.body.ok) throw new Error(`expected ok, got ${JSON.stringify(r.body)}`);
  return r.body.data;
}
const code = async (fn: Promise<{ body: any }>) => {
  const r = await fn;
  return r.body.ok ? 'OK' : r.body.error.code;
};


/** A new expert of `teamId` added by the admin, with a profile. */
async function makeExpert(teamId = 'team-legal', extra: Record<string, unknown> = {}): Promise<string> {
  const openid = fresh('expert');
  await gw.call('user', 'me', {}, openid);
  await ok(gw.call('appointment', 'addExpert', { openid, teamId, name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'], ...extra }, 'demo-admin'));
  return openid;
}

async function publishOne(expert: string, day = dayAhead(10), start = '14:00', end = '15:00'): Promise<string> {
  const r = await ok(gw.call('appointment', 'publishSlots', { from: day, start, end, mode: 'online' }, expert));
  expect(r.created).toBe(1);
  return r.ids[0];
}

/** A slot `minutes` ahead (on the 5-minute grid), written directly: publishing refuses slots that close. */
async function placeSlot(expert: string, minutes: number): Promise<string> {
  const start = new Date(Math.ceil((Date.now() + minutes * 60_000) / 300_000) * 300_000);
  const end = new Date(start.getTime() + 3600_000);
  const { id } = await col('slots').add({
    expertId: expert, teamId: 'team-legal', startAt: start, endAt: end, mode: 'online', venueId: null, place: '线上', kind: 'bookable',
    rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(expert, start, end), priorityUntil: null, priorityEnterpriseIds: [], createdAt: new Date(),
  });
  return id;
}

const book = (slotId: string, openid: string, topic = '劳动合同条款咨询') => gw.call('appointment', 'book', { slotId, topic }, openid);

describe('demo data', () => {
  test('five_teams_with_seeded_experts_and_slots_ahead', async () => {
    const teams = await ok(gw.call('appointment', 'listTeams', {}, 'demo-visitor'));
    expect(teams.map((t: any) => t.name)).toEqual(['法律服务团', '财务服务团', '科技服务团', '金融服务团', '人才服务团']);
    expect(teams.find((t: any) => t.id === 'team-legal').experts).toBeGreaterThanOrEqual(2);
    const slots = await ok(gw.call('appointment', 'listSlots', { teamId: 'team-legal' }, 'demo-enterprise-a'));
    expect(slots.length).toBeGreaterThan(10);
    expect(slots.every((s: any) => s.state === 'open' && s.bookable && new Date(s.startAt).getTime() > Date.now())).toBe(true);
    expect(slots.some((s: any) => s.expertName === '周文')).toBe(true);
    const profile = await ok(gw.call('appointment', 'myProfile', {}, 'demo-expert-legal'));
    expect(profile.profile).toMatchObject({ name: '周文', organisation: '江苏星河律师事务所' });
    const days = await ok(gw.call('appointment', 'listRovingDays', {}, 'demo-visitor'));
    expect(days[0]).toMatchObject({ teamName: '法律服务团', title: '法律服务进园区 · 巡回服务日' });
    expect(days[0].slots).toHaveLength(6);
  });

  test('speciality_filter_finds_the_experts_who_have_it', async () => {
    const slots = await ok(gw.call('appointment', 'listSlots', { speciality: '研发费用加计扣除' }, 'demo-visitor'));
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((s: any) => s.expertName))).toEqual(new Set(['陈静']));
  });
});

describe('publishing slots', () => {
  test('publishing_skips_the_parks_holidays_and_refuses_a_day_that_is_only_holiday', async () => {
    const expert = await makeExpert();
    const [h1, h2] = [dayAhead(40), dayAhead(41)];
    await ok(gw.call('demand', 'setCalendarDays', { days: [h1, h2], rule: 'holiday', name: '测试假日' }, 'demo-admin'));
    try {
      const params = { from: dayAhead(39), to: dayAhead(42), start: '09:00', end: '10:00', mode: 'online' };
      const dry = await ok(gw.call('appointment', 'publishSlots', { ...params, dryRun: true }, expert));
      expect(dry).toMatchObject({ skippedHoliday: 2 });
      const made = await ok(gw.call('appointment', 'publishSlots', params, expert));
      expect(made).toMatchObject({ created: 2, skippedHoliday: 2 });
      const { parkDay } = await import('../../server/core/time');
      const days = (await col('slots').where({ expertId: expert }).get()).data.map((s) => parkDay(s.startAt)).sort();
      expect(days).toEqual([dayAhead(39), dayAhead(42)]);
      const refused = (await gw.call('appointment', 'publishSlots', { from: h1, start: '14:00', end: '15:00', mode: 'online' }, expert)).body;
      expect(refused.ok).toBe(false);
      expect(refused.error.code).toBe('CLOSED');
      expect(refused.error.message).toContain('测试假日');
    } finally {
      await ok(gw.call('demand', 'setCalendarDays', { days: [h1, h2], rule: 'normal' }, 'demo-admin'));
    }
    // Back to a plain day: the same day publishes again.
    expect((await ok(gw.call('appointment', 'publishSlots', { from: h1, start: '14:00', end: '15:00', mode: 'online' }, expert))).created).toBe(1);
  });

  test('a_weekly_pattern_with_buffer_creates_park_time_slots_and_refuses_overlap_in_the_database', async () => {
    const expert = await makeExpert();
    const params = { from: dayAhead(8), to: dayAhead(21), weekdays: [2], start: '14:00', end: '17:00', slotMinutes: 50, bufferMinutes: 10, mode: 'venue', venueId: 'venue-hall' };
    const dry = await ok(gw.call('appointment', 'publishSlots', { ...params, dryRun: true }, expert));
    expect((await col('slots').where({ expertId: expert }).count()).total).toBe(0);
    const made = await ok(gw.call('appointment', 'publishSlots', params, expert));
    expect(made.created).toBe(dry.slots.length);
    expect(made.created).toBe(6);
    const mine = await ok(gw.call('appointment', 'mySlots', { from: dayAhead(8), days: 14 }, expert));
    const { inPark } = await import('../../server/core/time');
    expect(mine.map((s: any) => `${inPark(s.startAt).format('d HH:mm')}-${inPark(s.endAt).format('HH:mm')}`)).toEqual([
      '2 14:00-14:50', '2 15:00-15:50', '2 16:00-16:50', '2 14:00-14:50', '2 15:00-15:50', '2 16:00-16:50',
    ]);
    expect(mine[0].place).toContain('党群服务中心大厅');

    // Same pattern again, and a 30-minute slot inside one of them: all refused by the unique cells.
    const again = await ok(gw.call('appointment', 'publishSlots', params, expert));
    expect(again).toMatchObject({ created: 0, skippedOverlap: 6 });
    const first = inPark(mine[0].startAt).format('YYYY-MM-DD');
    const inner = await ok(gw.call('appointment', 'publishSlots', { from: first, start: '14:20', end: '14:50', mode: 'online' }, expert));
    expect(inner).toMatchObject({ created: 0, skippedOverlap: 1 });
    // Touching the end of the last slot is fine.
    const touching = await ok(gw.call('appointment', 'publishSlots', { from: first, start: '16:50', end: '17:20', mode: 'online' }, expert));
    expect(touching.created).toBe(1);
  });

  test('concurrent_overlapping_publishes_store_only_one_slot', async () => {
    const expert = await makeExpert();
    const day = dayAhead(9);
    const windows = [['09:00', '10:00'], ['09:30', '10:30'], ['09:55', '11:00'], ['08:15', '09:05'], ['09:00', '09:15']];
    const replies = await Promise.all(windows.map(([start, end]) => gw.call('appointment', 'publishSlots', { from: day, start, end, mode: 'online' }, expert)));
    expect(replies.reduce((n, r) => n + r.body.data.created, 0)).toBe(1);
    expect((await col('slots').where({ expertId: expert }).count()).total).toBe(1);
  });

  test('an_expert_without_a_profile_or_with_a_bad_pattern_is_refused_and_nothing_is_written', async () => {
    const openid = fresh('noprofile');
    await gw.call('user', 'me', {}, openid);
    await ok(gw.call('user', 'grantRole', { openid, role: 'expert', teamId: 'team-talent' }, 'demo-admin'));
    expect(await code(gw.call('appointment', 'publishSlots', { from: dayAhead(5), start: '09:00', end: '10:00', mode: 'online' }, openid))).toBe('CONFLICT');
    const expert = await makeExpert();
    expect(await code(gw.call('appointment', 'publishSlots', { from: dayAhead(5), start: '10:00', end: '09:00', mode: 'online' }, expert))).toBe('VALIDATION');
    expect(await code(gw.call('appointment', 'publishSlots', { from: dayAhead(5), start: '09:00', end: '10:00', mode: 'venue' }, expert))).toBe('VALIDATION');
    expect((await col('slots').where({ expertId: expert }).count()).total).toBe(0);
  });

  test('withdrawing_an_open_slot_removes_it_but_a_booked_one_stays', async () => {
    const expert = await makeExpert();
    const [a, b] = await Promise.all([publishOne(expert, dayAhead(6), '09:00', '10:00'), publishOne(expert, dayAhead(6), '10:00', '11:00')]);
    const ent = await makeEnterprise();
    await ok(book(b, ent.openids[0]));
    expect((await ok(gw.call('appointment', 'withdrawSlot', { slotId: a }, expert))).withdrawn).toBe(true);
    expect(await code(gw.call('appointment', 'withdrawSlot', { slotId: b }, expert))).toBe('CONFLICT');
    expect(await code(gw.call('appointment', 'withdrawSlot', { slotId: b }, 'demo-expert-legal'))).toBe('NOT_FOUND');
  });
});

describe('booking rules', () => {
  test('no_booking_less_than_two_hours_ahead', async () => {
    const expert = await makeExpert();
    const id = await placeSlot(expert, 90);
    const ent = await makeEnterprise();
    const r = await book(id, ent.openids[0]);
    expect(r.body.error.code).toBe('CLOSED');
    expect(r.body.error.message).toContain('2 小时');
    expect((await col('bookings').where({ slotId: id }).count()).total).toBe(0);
    expect((await ok(gw.call('appointment', 'listSlots', { expertId: expert }, ent.openids[0]))).length).toBe(0);
  });

  test('a_closed_slot_is_refused_as_closed_not_as_taken_by_another_enterprise', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const slotId = await placeSlot(expert, 600);
    await col('slots').doc(slotId).update({ state: 'closed' });
    const r = await book(slotId, ent.openids[0]);
    expect([r.status, r.body.error?.code, r.body.error?.message]).toEqual([409, 'CLOSED', '该时段已关闭，请选择其他时段。']);
    // A held one is still 'taken'.
    await col('slots').doc(slotId).update({ state: 'held' });
    expect((await book(slotId, ent.openids[0])).body.error.message).toBe('该时段已被其他企业预约，请选择其他时段。');
  });

  test('an_enterprise_holds_at_most_two_open_bookings_per_team_counted_in_the_database', async () => {
    const expert = await makeExpert('team-technology');
    const day = dayAhead(7);
    const made = await ok(gw.call('appointment', 'publishSlots', { from: day, start: '09:00', end: '13:00', slotMinutes: 60, mode: 'online' }, expert));
    const [s1, s2, s3, s4] = made.ids;
    const ent = await makeEnterprise(2);
    const [c1, c2] = ent.openids;
    // Both contacts at once for three slots: the counter lets exactly two through.
    const replies = await Promise.all([book(s1, c1), book(s2, c2), book(s3, c1)]);
    expect(replies.filter((r) => r.body.ok)).toHaveLength(2);
    expect(replies.filter((r) => !r.body.ok).map((r) => r.body.error.code)).toEqual(['FULL']);
    expect((await col('bookingCounters').doc(`${ent.id}_team-technology`).get()).data[0].open).toBe(2);
    // Another team is counted apart.
    const other = await makeExpert('team-talent');
    expect(await code(book(await publishOne(other), c1))).toBe('OK');
    // Cancelling one frees a place.
    const bookingId = replies.find((r) => r.body.ok)!.body.data.id;
    await ok(gw.call('appointment', 'cancel', { bookingId, reason: '时间冲突' }, c2));
    expect(await code(book(s4, c2))).toBe('OK');
    expect((await col('bookingCounters').doc(`${ent.id}_team-technology`).get()).data[0].open).toBe(2);
  });

  test('a_booking_refused_at_the_limit_gives_its_slot_back_to_others', async () => {
    // book.ts holds the slot before it counts the place: a refusal at the limit must undo the hold.
    const expert = await makeExpert('team-finance');
    const made = await ok(gw.call('appointment', 'publishSlots', { from: dayAhead(8), start: '09:00', end: '12:00', slotMinutes: 60, mode: 'online' }, expert));
    const [s1, s2, s3] = made.ids;
    const [full, other] = [await makeEnterprise(), await makeEnterprise()];
    await ok(book(s1, full.openids[0]));
    await ok(book(s2, full.openids[0]));
    expect(await code(book(s3, full.openids[0]))).toBe('FULL');
    expect((await col('slots').doc(s3).get()).data[0]).toMatchObject({ state: 'open', bookingId: null });
    expect((await col('bookingCounters').doc(`${full.id}_team-finance`).get()).data[0].open).toBe(2);
    expect(await code(book(s3, other.openids[0]))).toBe('OK');
  });

  test('cancel_is_refused_inside_the_cut_off_but_an_admin_may', async () => {
    const expert = await makeExpert();
    const id = await placeSlot(expert, 150);
    const ent = await makeEnterprise();
    const b = await ok(book(id, ent.openids[0]));
    // Pretend time went by: move the appointment to 100 minutes from now.
    const soon = new Date(Date.now() + 100 * 60_000);
    await col('bookings').doc(b.id).update({ startAt: soon });
    expect(await code(gw.call('appointment', 'cancel', { bookingId: b.id }, ent.openids[0]))).toBe('CLOSED');
    expect(await code(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '临时出差' }, expert))).toBe('CLOSED');
    expect(await code(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '专家临时生病' }, 'demo-admin'))).toBe('OK');
  });

  test('the_booking_page_is_told_whether_the_caller_may_still_cancel', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await placeSlot(expert, 150), ent.openids[0]));
    const cancellable = async (who: string) => (await ok(gw.call('appointment', 'getBooking', { id: b.id }, who))).cancellable;
    expect([await cancellable(ent.openids[0]), await cancellable(expert), await cancellable('demo-admin')]).toEqual([true, true, true]);
    // Inside the cut-off only an admin may; the page hides the button the server would refuse.
    await col('bookings').doc(b.id).update({ startAt: new Date(Date.now() + 60 * 60_000) });
    expect([await cancellable(ent.openids[0]), await cancellable(expert), await cancellable('demo-admin')]).toEqual([false, false, true]);
    expect(await code(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '临时有事' }, ent.openids[0]))).toBe('CLOSED');
    // A closed booking cannot be cancelled by anyone.
    await ok(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '改期' }, 'demo-admin'));
    expect(await cancellable('demo-admin')).toBe(false);
  });

  test('an_expert_must_give_a_reason_to_cancel', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await publishOne(expert), ent.openids[0]));
    expect(await code(gw.call('appointment', 'cancel', { bookingId: b.id }, expert))).toBe('VALIDATION');
    const c = await ok(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '临时出差，抱歉' }, expert));
    expect(c).toMatchObject({ state: 'cancelled', cancelReason: '临时出差，抱歉' });
    const told = (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.cancelled' }).get()).data;
    expect(told.map((o) => o.toOpenid)).toEqual([ent.openids[0]]);
  });

  test('an_experts_or_admins_cancellation_closes_the_slot_and_no_other_enterprise_can_book_that_time', async () => {
    const expert = await makeExpert();
    const [entA, entB] = await Promise.all([makeEnterprise(), makeEnterprise()]);
    for (const who of [expert, 'demo-admin']) {
      const slotId = await publishOne(expert, dayAhead(who === expert ? 13 : 14));
      const b = await ok(book(slotId, entA.openids[0]));
      await ok(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '临时出差，无法到场' }, who));
      expect([who, (await col('slots').doc(slotId).get()).data[0]]).toEqual([who, expect.objectContaining({ state: 'closed', bookingId: null })]);
      const seen = await ok(gw.call('appointment', 'getSlot', { id: slotId }, entB.openids[0]));
      expect([who, seen.slot?.bookable ?? seen.bookable]).toEqual([who, false]);
      expect([who, await code(book(slotId, entB.openids[0], '商标侵权维权咨询'))]).not.toEqual([who, 'OK']);
      expect((await col('bookings').where({ slotId, enterpriseId: entB.id }).count()).total).toBe(0);
    }
    // The enterprise's own cancellation still frees the time for others.
    const slotId = await publishOne(expert, dayAhead(15));
    const b = await ok(book(slotId, entA.openids[0]));
    await ok(gw.call('appointment', 'cancel', { bookingId: b.id, reason: '改期' }, entA.openids[0]));
    expect((await col('slots').doc(slotId).get()).data[0]).toMatchObject({ state: 'open', bookingId: null });
    expect(await code(book(slotId, entB.openids[0], '商标侵权维权咨询'))).toBe('OK');
  });
});

describe('when an expert leaves', () => {
  test('a_revoked_expert_is_no_longer_listed_or_bookable_and_their_open_bookings_are_cancelled_with_a_notice', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const [taken, free] = [await publishOne(expert, dayAhead(16)), await publishOne(expert, dayAhead(17))];
    const b = await ok(book(taken, ent.openids[0]));
    await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    const before = new Date();

    const r = await ok(gw.call('user', 'revokeRole', { openid: expert, role: 'expert' }, 'demo-admin'));
    expect(r).toMatchObject({ slotsWithdrawn: 1, bookingsCancelled: 1 });
    expect(r.roles).not.toContain('expert');

    const experts = await ok(gw.call('appointment', 'listExperts', { teamId: 'team-legal' }, 'demo-visitor'));
    expect(experts.map((e: any) => e.id)).not.toContain(expert);
    expect(await ok(gw.call('appointment', 'listSlots', { expertId: expert }, ent.openids[0]))).toEqual([]);
    expect(await code(book(free, ent.openids[0]))).not.toBe('OK');
    expect((await col('slots').where({ expertId: expert, state: 'open' }).count()).total).toBe(0);

    // The open booking is cancelled: the slot closes, the place is freed, the enterprise is told —
    // and the former expert receives nothing more about it.
    const seen = await ok(gw.call('appointment', 'getBooking', { id: b.id }, ent.openids[0]));
    expect(seen).toMatchObject({ state: 'cancelled' });
    expect(seen.history.at(-1)).toMatchObject({ state: 'cancelled', role: 'admin' });
    expect((await col('slots').doc(taken).get()).data[0]).toMatchObject({ state: 'closed', bookingId: null });
    expect((await col('bookingCounters').doc(`${ent.id}_team-legal`).get()).data[0].open).toBe(0);
    const told = (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.cancelled' }).get()).data;
    expect(told.map((o) => o.toOpenid)).toEqual([ent.openids[0]]);
    const toExpert = (await col('outbox').where({ toOpenid: expert, status: 'pending' }).get()).data;
    expect(toExpert.filter((o) => new Date(o.createdAt) >= before || o.type === 'appointment.reminder')).toEqual([]);
    const log = (await col('audit').where({ action: 'revokeRole', target: `users/${expert}` }).get()).data;
    expect(log.at(-1)!.after).toMatchObject({ slotsWithdrawn: 1, bookingsCancelled: 1 });
  });

  test('listing_and_booking_check_the_experts_current_role_not_the_profile_copy', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const slotId = await publishOne(expert, dayAhead(18));
    expect((await ok(gw.call('appointment', 'listSlots', { expertId: expert }, ent.openids[0]))).map((s: any) => s.id)).toEqual([slotId]);
    // The role is gone while the profile still says active (e.g. a hand-over not yet run).
    await col('users').doc(expert).update({ roles: [] });
    expect((await col('experts').doc(expert).get()).data[0].active).toBe(true);
    expect((await ok(gw.call('appointment', 'listExperts', { teamId: 'team-legal' }, 'demo-visitor'))).map((e: any) => e.id)).not.toContain(expert);
    expect(await ok(gw.call('appointment', 'listSlots', { expertId: expert }, ent.openids[0]))).toEqual([]);
    expect(await code(book(slotId, ent.openids[0]))).toBe('CLOSED');
    expect((await col('bookings').where({ slotId }).count()).total).toBe(0);
  });
});

describe('life cycle', () => {
  test('requested_confirmed_served_rated_with_timestamps_visible_to_both_sides_and_outbox_rows', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise(2);
    const slotId = await publishOne(expert);
    const b = await ok(book(slotId, ent.openids[0]));
    expect(b).toMatchObject({ state: 'requested', topic: '劳动合同条款咨询', enterpriseName: `测试企业${ent.id}` });
    // The expert is told; reminders wait for the confirmation (see describe('reminders')).
    const outbox = (await col('outbox').where({ ref: `bookings/${b.id}` }).get()).data;
    expect(outbox.map((o) => `${o.type}>${o.toOpenid === expert ? 'expert' : 'ent'}`)).toEqual(['appointment.booked>expert']);

    // Illegal moves before their time: each a CONFLICT, nothing changes.
    expect(await code(gw.call('appointment', 'complete', { bookingId: b.id, record: '已解答合同问题。' }, expert))).toBe('CONFLICT');
    expect(await code(gw.call('appointment', 'rate', { bookingId: b.id, score: 5 }, ent.openids[0]))).toBe('CONFLICT');
    expect(await code(gw.call('appointment', 'markNoShow', { bookingId: b.id }, expert))).toBe('CONFLICT');

    await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    expect(await code(gw.call('appointment', 'confirm', { bookingId: b.id }, expert))).toBe('CONFLICT');
    expect(await code(gw.call('appointment', 'markNoShow', { bookingId: b.id }, expert))).toBe('CLOSED');
    // As if the appointment's hour had come: service is recorded only from its start.
    await col('bookings').doc(b.id).update({ startAt: new Date(Date.now() - 60_000) });
    await ok(gw.call('appointment', 'complete', { bookingId: b.id, record: '审查了劳动合同模板，给出三条修改建议。' }, expert));
    expect(await code(gw.call('appointment', 'cancel', { bookingId: b.id }, ent.openids[0]))).toBe('CONFLICT');
    // The other contact of the same enterprise rates it.
    const rated = await ok(gw.call('appointment', 'rate', { bookingId: b.id, score: 4, comment: '很专业' }, ent.openids[1]));
    expect(rated).toMatchObject({ state: 'rated', score: 4, comment: '很专业', serviceRecord: '审查了劳动合同模板，给出三条修改建议。' });
    expect(await code(gw.call('appointment', 'rate', { bookingId: b.id, score: 1 }, ent.openids[0]))).toBe('CONFLICT');

    for (const who of [ent.openids[0], expert]) {
      const seen = await ok(gw.call('appointment', 'getBooking', { id: b.id }, who));
      expect(seen.history.map((h: any) => h.state)).toEqual(['requested', 'confirmed', 'served', 'rated']);
      const times = seen.history.map((h: any) => new Date(h.at).getTime());
      expect([...times].sort((x, y) => x - y)).toEqual(times);
    }
    expect((await col('bookingCounters').doc(`${ent.id}_team-legal`).get()).data[0].open).toBe(0);
    const types = (await col('outbox').where({ ref: `bookings/${b.id}` }).get()).data.map((o) => o.type);
    expect(types).toEqual(expect.arrayContaining(['appointment.confirmed', 'appointment.reminder', 'appointment.served']));
  });

  test('complete_and_rate_before_the_appointment_are_refused', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await publishOne(expert), ent.openids[0]));
    await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    const early = await gw.call('appointment', 'complete', { bookingId: b.id, record: '已电话解答合同问题。' }, expert);
    expect([early.status, early.body.error?.code, early.body.error?.message]).toEqual([409, 'CLOSED', '预约尚未开始，请在预约开始后再记录服务。']);
    expect((await col('bookings').doc(b.id).get()).data[0]).toMatchObject({ state: 'confirmed', serviceRecord: null });
    expect((await col('bookingCounters').doc(`${ent.id}_team-legal`).get()).data[0].open).toBe(1);
    // A booking already marked served while still ahead (written directly) cannot be rated yet either.
    await col('bookings').doc(b.id).update({ state: 'served' });
    expect(await code(gw.call('appointment', 'rate', { bookingId: b.id, score: 5 }, ent.openids[0]))).toBe('CLOSED');
    // Once the hour has come, both go through.
    await col('bookings').doc(b.id).update({ state: 'confirmed', startAt: new Date(Date.now() - 60_000) });
    await ok(gw.call('appointment', 'complete', { bookingId: b.id, record: '已当面解答合同问题。' }, expert));
    expect((await ok(gw.call('appointment', 'rate', { bookingId: b.id, score: 5 }, ent.openids[0]))).state).toBe('rated');
  });

  test('auto_confirm_experts_bookings_start_confirmed', async () => {
    const expert = await makeExpert('team-accounting');
    await ok(gw.call('appointment', 'upsertProfile', { name: '自动确认专家', organisation: '测试会计师事务所', specialities: ['审计辅导'], autoConfirm: true }, expert));
    const ent = await makeEnterprise();
    const b = await ok(book(await publishOne(expert), ent.openids[0]));
    expect(b.state).toBe('confirmed');
    expect(b.history.map((h: any) => h.state)).toEqual(['requested', 'confirmed']);
    expect(b.expertName).toBe('自动确认专家');
  });

  test('no_show_only_after_the_start', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await publishOne(expert), ent.openids[0]));
    await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    await col('bookings').doc(b.id).update({ startAt: new Date(Date.now() - 60_000) });
    expect((await ok(gw.call('appointment', 'markNoShow', { bookingId: b.id, note: '电话未接通' }, expert))).state).toBe('no_show');
    expect(await code(gw.call('appointment', 'complete', { bookingId: b.id, record: '补记服务记录内容' }, expert))).toBe('CONFLICT');
  });
});

describe('expiry of bookings nobody confirmed', () => {
  /** As if time went by: the booking's (and its slot's) start is `minutes` in the past. */
  async function startPassed(bookingId: string, slotId: string, minutes = 5) {
    const startAt = new Date(Date.now() - minutes * 60_000);
    const endAt = new Date(startAt.getTime() + 3600_000);
    await Promise.all([col('bookings').doc(bookingId).update({ startAt, endAt }), col('slots').doc(slotId).update({ startAt, endAt })]);
  }
  const runTimer = () => main({ Type: 'Timer', TriggerName: 'expire', Time: new Date().toISOString() } as never, {});
  const counter = async (entId: string) => (await col('bookingCounters').doc(`${entId}_team-legal`).get()).data[0].open;
  const expiredNotices = async (bookingId: string) => (await col('outbox').where({ ref: `bookings/${bookingId}`, type: 'appointment.expired' }).get()).data;

  test('an_unconfirmed_booking_whose_start_passed_is_expired_by_the_timer_its_counter_drops_and_both_sides_are_told', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const [s1, s2] = await Promise.all([placeSlot(expert, 150), placeSlot(expert, 300)]);
    const b1 = await ok(book(s1, ent.openids[0]));
    const b2 = await ok(book(s2, ent.openids[0]));
    expect(await code(book(await publishOne(expert), ent.openids[0]))).toBe('FULL');
    await Promise.all([startPassed(b1.id, s1), startPassed(b2.id, s2, 30)]);

    const reply = await runTimer();
    expect(reply).toMatchObject({ ok: true, data: { expired: expect.any(Number) } });
    expect((reply as { data: { expired: number } }).data.expired).toBeGreaterThanOrEqual(2);

    for (const [b, slotId] of [[b1, s1], [b2, s2]] as const) {
      const seen = await ok(gw.call('appointment', 'getBooking', { id: b.id }, ent.openids[0]));
      expect(seen).toMatchObject({ state: 'cancelled', cancelReason: EXPIRE_REASON });
      expect(seen.history.map((h: any) => `${h.state}:${h.role}`)).toEqual(['requested:enterprise', 'cancelled:system']);
      // The slot's time has passed: it closes rather than reopening for booking.
      expect((await col('slots').doc(slotId).get()).data[0]).toMatchObject({ state: 'closed', bookingId: null });
      const notices = await expiredNotices(b.id);
      expect(notices.map((o) => o.toOpenid).sort()).toEqual([ent.openids[0], expert].sort());
      expect(notices.every((o) => o.template === 'bookingCancelled' && o.data.reason === EXPIRE_REASON)).toBe(true);
      // Never confirmed, so no reminder was ever queued.
      expect((await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.reminder' }).get()).data).toEqual([]);
    }
    expect(await counter(ent.id)).toBe(0);
    // The enterprise can book this team again.
    expect(await code(book(await publishOne(expert, dayAhead(11)), ent.openids[0]))).toBe('OK');
    expect(await counter(ent.id)).toBe(1);
  });

  test('a_confirmed_booking_whose_start_passed_and_a_requested_one_still_ahead_are_left_alone', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const [s1, s2] = await Promise.all([placeSlot(expert, 150), placeSlot(expert, 300)]);
    const confirmed = await ok(book(s1, ent.openids[0]));
    const ahead = await ok(book(s2, ent.openids[0]));
    await ok(gw.call('appointment', 'confirm', { bookingId: confirmed.id }, expert));
    await startPassed(confirmed.id, s1);

    await runTimer();
    expect((await col('bookings').doc(confirmed.id).get()).data[0].state).toBe('confirmed');
    expect((await col('bookings').doc(ahead.id).get()).data[0].state).toBe('requested');
    expect((await col('slots').doc(s2).get()).data[0]).toMatchObject({ state: 'held', bookingId: ahead.id });
    expect(await counter(ent.id)).toBe(2);
    expect([...(await expiredNotices(confirmed.id)), ...(await expiredNotices(ahead.id))]).toHaveLength(0);
  });

  test('a_confirmed_booking_left_unrecorded_reminds_the_expert_then_closes_as_unrecorded_and_frees_the_limit', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const slots = await Promise.all([placeSlot(expert, 150), placeSlot(expert, 300)]);
    const bookings = [];
    for (const s of slots) {
      const b = await ok(book(s, ent.openids[0]));
      await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
      bookings.push(b);
    }
    // Both appointments ended two days ago; nobody recorded them.
    const twoDaysAgo = Date.now() - 2 * 86400_000;
    for (const [i, [b, s]] of bookings.map((b, i) => [b, slots[i]] as const).entries()) {
      const startAt = new Date(twoDaysAgo - (i + 1) * 3600_000);
      const endAt = new Date(startAt.getTime() + 3600_000);
      await Promise.all([col('bookings').doc(b.id).update({ startAt, endAt }), col('slots').doc(s).update({ startAt, endAt })]);
    }
    expect(await code(book(await publishOne(expert), ent.openids[0]))).toBe('FULL');

    // First the expert is reminded, once however often the timer runs; nothing closes yet.
    await runTimer();
    await runTimer();
    for (const b of bookings) {
      const row = (await col('bookings').doc(b.id).get()).data[0];
      expect(row.state).toBe('confirmed');
      expect(row.recordRemindedAt).toBeTruthy();
      const asked = (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.recordReminder' }).get()).data;
      expect(asked.map((o) => o.toOpenid)).toEqual([expert]);
    }
    expect(await counter(ent.id)).toBe(2);

    // Four days after the end (and two after the reminder) they close as unrecorded.
    const fourDaysAgo = Date.now() - 4 * 86400_000;
    for (const [i, b] of bookings.entries()) {
      const startAt = new Date(fourDaysAgo - (i + 1) * 3600_000);
      await col('bookings').doc(b.id).update({ startAt, endAt: new Date(startAt.getTime() + 3600_000), recordRemindedAt: new Date(Date.now() - 2 * 86400_000) });
    }
    const reply = (await runTimer()) as { data: { unrecorded: number } };
    expect(reply.data.unrecorded).toBeGreaterThanOrEqual(2);
    for (const b of bookings) {
      const seen = await ok(gw.call('appointment', 'getBooking', { id: b.id }, ent.openids[0]));
      expect(seen.state).toBe('unrecorded');
      expect(seen.history.map((h: any) => `${h.state}:${h.role}`)).toEqual(['requested:enterprise', 'confirmed:expert', 'unrecorded:system']);
      const told = (await col('outbox').where({ ref: `bookings/${b.id}`, type: 'appointment.unrecorded' }).get()).data;
      expect(told.map((o) => o.toOpenid).sort()).toEqual([ent.openids[0], expert].sort());
      expect(await code(gw.call('appointment', 'complete', { bookingId: b.id, record: '补记服务记录内容' }, expert))).toBe('CONFLICT');
    }
    expect(await counter(ent.id)).toBe(0);
    expect(await code(book(await publishOne(expert, dayAhead(12)), ent.openids[0]))).toBe('OK');
  });

  test('two_overlapping_runs_expire_a_booking_once_with_one_notice_to_each_side', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const slotId = await placeSlot(expert, 150);
    const b = await ok(book(slotId, ent.openids[0]));
    await startPassed(b.id, slotId);

    await Promise.all([runTimer(), expireDue(new Date()), runTimer()]);
    const after = (await col('bookings').doc(b.id).get()).data[0];
    expect(after.history.filter((h) => h.state === 'cancelled')).toHaveLength(1);
    expect(await counter(ent.id)).toBe(0);
    expect((await expiredNotices(b.id)).map((o) => o.toOpenid).sort()).toEqual([ent.openids[0], expert].sort());
  });

  test('an_enterprise_at_its_limit_only_through_overdue_requests_can_book_before_the_timer_runs', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const [s1, s2] = await Promise.all([placeSlot(expert, 150), placeSlot(expert, 300)]);
    const b1 = await ok(book(s1, ent.openids[0]));
    await ok(book(s2, ent.openids[0]));
    await startPassed(b1.id, s1);
    // No timer run: book itself expires the overdue request that holds the place.
    expect(await code(book(await publishOne(expert), ent.openids[0]))).toBe('OK');
    expect((await col('bookings').doc(b1.id).get()).data[0]).toMatchObject({ state: 'cancelled', cancelReason: EXPIRE_REASON });
    expect(await counter(ent.id)).toBe(2);
    // Still at the limit with two live bookings: refused as before.
    expect(await code(book(await publishOne(expert, dayAhead(12)), ent.openids[0]))).toBe('FULL');
  });
});

describe('who sees what', () => {
  test('an_enterprise_sees_only_its_own_bookings_and_an_expert_only_theirs', async () => {
    const legal = await makeExpert('team-legal');
    const finance = await makeExpert('team-finance');
    const a = await makeEnterprise(2);
    const b = await makeEnterprise();
    const ba = await ok(book(await publishOne(legal), a.openids[0]));
    const bb = await ok(book(await publishOne(finance), b.openids[0]));

    const mineA = await ok(gw.call('appointment', 'myBookings', {}, a.openids[1]));
    expect(mineA.map((x: any) => x.id)).toEqual([ba.id]);
    expect((await ok(gw.call('appointment', 'myBookings', {}, b.openids[0]))).map((x: any) => x.id)).toEqual([bb.id]);
    expect(await code(gw.call('appointment', 'getBooking', { id: ba.id }, b.openids[0]))).toBe('NOT_FOUND');
    expect(await code(gw.call('appointment', 'cancel', { bookingId: ba.id }, b.openids[0]))).toBe('NOT_FOUND');
    expect(await code(gw.call('appointment', 'rate', { bookingId: ba.id, score: 1 }, b.openids[0]))).toBe('NOT_FOUND');

    expect((await ok(gw.call('appointment', 'expertBookings', {}, legal))).map((x: any) => x.id)).toEqual([ba.id]);
    expect((await ok(gw.call('appointment', 'expertBookings', { filter: 'open' }, finance))).map((x: any) => x.id)).toEqual([bb.id]);
    expect(await code(gw.call('appointment', 'getBooking', { id: ba.id }, finance))).toBe('NOT_FOUND');
    expect(await code(gw.call('appointment', 'confirm', { bookingId: ba.id }, finance))).toBe('NOT_FOUND');
    expect(await code(gw.call('appointment', 'getBooking', { id: ba.id }, 'demo-admin'))).toBe('OK');
    // Roles: visitors cannot book, enterprises cannot confirm, experts cannot book.
    expect(await code(gw.call('appointment', 'book', { slotId: ba.slotId, topic: '随便问问看' }, 'demo-visitor'))).toBe('FORBIDDEN');
    expect(await code(gw.call('appointment', 'confirm', { bookingId: ba.id }, a.openids[0]))).toBe('FORBIDDEN');
    expect((await col('bookings').doc(ba.id).get()).data[0].state).toBe('requested');
  });
});

describe('the booking form', () => {
  test('one_slot_comes_with_its_expert_and_team_and_a_missing_one_is_not_found', async () => {
    const expert = await makeExpert('team-legal', { title: '律师' });
    const slotId = await publishOne(expert, dayAhead(11), '10:00', '11:00');
    const { openids: [contact] } = await makeEnterprise();
    const r = await ok(gw.call('appointment', 'getSlot', { id: slotId }, contact));
    expect(r.slot).toMatchObject({ id: slotId, expertId: expert, expertName: '测试专家', teamId: 'team-legal', mode: 'online' });
    expect(r.expert).toMatchObject({ id: expert, name: '测试专家', organisation: '测试律师事务所', title: '律师', specialities: ['合同审查'] });
    expect(r.team).toEqual({ id: 'team-legal', name: '法律服务团' });
    expect(await code(gw.call('appointment', 'getSlot', { id: 'no-such-slot' }, contact))).toBe('NOT_FOUND');
  });
});

describe('one booking per slot', () => {
  test('fifty_enterprises_book_the_same_slot_at_once_exactly_one_wins_and_again_after_a_cancel', async () => {
    const expert = await makeExpert('team-finance');
    const slotId = await publishOne(expert, dayAhead(12), '10:00', '11:00');
    const ents = await Promise.all(Array.from({ length: 50 }, () => makeEnterprise()));

    const race = async () => {
      const replies = await Promise.all(ents.map((e) => book(slotId, e.openids[0], '融资需求咨询，想了解贴息')));
      const winners = replies.filter((r) => r.body.ok);
      const codes = replies.filter((r) => !r.body.ok).map((r) => r.body.error.code);
      expect(winners).toHaveLength(1);
      expect(codes).toHaveLength(49);
      expect(new Set(codes)).toEqual(new Set(['CONFLICT']));
      return winners[0].body.data;
    };

    const first = await race();
    let active = (await col('bookings').where({ slotId }).get()).data;
    expect(active).toHaveLength(1);
    expect((await col('slots').doc(slotId).get()).data[0]).toMatchObject({ state: 'held', bookingId: first.id, holds: 1 });

    const winner = ents.find((e) => e.id === first.enterpriseId)!;
    // Confirmed, so it has reminders queued; the cancellation withdraws them.
    await ok(gw.call('appointment', 'confirm', { bookingId: first.id }, expert));
    await ok(gw.call('appointment', 'cancel', { bookingId: first.id, reason: '改期' }, winner.openids[0]));
    expect((await col('slots').doc(slotId).get()).data[0]).toMatchObject({ state: 'open', bookingId: null });
    const reminders = (await col('outbox').where({ ref: `bookings/${first.id}`, type: 'appointment.reminder' }).get()).data;
    expect(reminders.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);

    const second = await race();
    expect(second.id).not.toBe(first.id);
    active = (await col('bookings').where({ slotId, state: 'requested' }).get()).data;
    expect(active.map((b) => b._id)).toEqual([second.id]);
    expect((await col('slots').doc(slotId).get()).data[0]).toMatchObject({ state: 'held', bookingId: second.id, holds: 2 });
  }, 120_000);
});

describe('pairing', () => {
  test('a_paired_enterprise_books_first_others_wait_for_the_priority_window', async () => {
    const expert = await makeExpert();
    const paired = await makeEnterprise();
    const other = await makeEnterprise();
    await ok(gw.call('appointment', 'pair', { enterpriseId: paired.id, expertId: expert, from: dayAhead(0), until: dayAhead(90), note: '常年法律顾问' }, 'demo-admin'));
    const made = await ok(gw.call('appointment', 'publishSlots', { from: dayAhead(10), start: '09:00', end: '11:00', slotMinutes: 60, mode: 'online' }, expert));
    const [s1, s2] = made.ids;

    const seenByOther = await ok(gw.call('appointment', 'listSlots', { expertId: expert }, other.openids[0]));
    expect(seenByOther.every((s: any) => s.lockedUntil)).toBe(true);
    const seenByPaired = await ok(gw.call('appointment', 'listSlots', { expertId: expert }, paired.openids[0]));
    expect(seenByPaired.every((s: any) => s.priorityForYou && !s.lockedUntil)).toBe(true);

    const refused = await book(s1, other.openids[0]);
    expect(refused.body.error.code).toBe('CLOSED');
    expect(refused.body.error.message).toContain('结对企业');
    expect(await code(book(s1, paired.openids[0]))).toBe('OK');

    // The window passes: everyone may book.
    await col('slots').doc(s2).update({ priorityUntil: new Date(Date.now() - 1000) });
    expect(await code(book(s2, other.openids[0]))).toBe('OK');

    const mine = await ok(gw.call('appointment', 'myPairings', {}, paired.openids[0]));
    expect(mine.map((p: any) => p.expert.id)).toEqual([expert]);
    const theirs = await ok(gw.call('appointment', 'pairedEnterprises', {}, expert));
    expect(theirs).toHaveLength(1);
    expect(theirs[0].enterpriseId).toBe(paired.id);
    expect(theirs[0].recentBookings.map((b: any) => b.topic)).toEqual(['劳动合同条款咨询']);
    const log = (await col('audit').where({ action: 'pair', target: `pairings/${paired.id}_${expert}` }).get()).data;
    expect(log).toHaveLength(1);
  });

  test('ending_a_pairing_ends_its_priority_once_and_it_is_audited', async () => {
    const expert = await makeExpert();
    const paired = await makeEnterprise();
    await ok(gw.call('appointment', 'pair', { enterpriseId: paired.id, expertId: expert, from: dayAhead(0), until: dayAhead(90), note: '年度结对' }, 'demo-admin'));
    const pairingId = `${paired.id}_${expert}`;
    expect(await ok(gw.call('appointment', 'myPairings', {}, paired.openids[0]))).toHaveLength(1);

    const r = await ok(gw.call('appointment', 'endPairing', { pairingId }, 'demo-admin'));
    expect(r.pairingId).toBe(pairingId);
    const [doc] = (await col('pairings').doc(pairingId).get()).data;
    expect(new Date(doc.endedAt!).getTime()).toBe(new Date(r.endedAt).getTime());
    expect(await ok(gw.call('appointment', 'myPairings', {}, paired.openids[0]))).toEqual([]);
    expect(await ok(gw.call('appointment', 'pairedEnterprises', {}, expert))).toEqual([]);
    expect(await code(gw.call('appointment', 'endPairing', { pairingId }, 'demo-admin'))).toBe('CONFLICT');
    expect(await code(gw.call('appointment', 'endPairing', { pairingId: 'no-such-pairing' }, 'demo-admin'))).toBe('NOT_FOUND');
    const log = (await col('audit').where({ action: 'endPairing', target: `pairings/${pairingId}` }).get()).data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: 'demo-admin', before: { endedAt: null } });
  });
  test('a_paired_expert_sees_only_a_summary_of_other_experts_bookings', async () => {
    const legal = await makeExpert();
    const finance = await makeExpert('team-finance');
    const ent = await makeEnterprise();
    await ok(gw.call('appointment', 'pair', { enterpriseId: ent.id, expertId: legal, from: dayAhead(0), until: dayAhead(90) }, 'demo-admin'));
    const own = await ok(book(await publishOne(legal), ent.openids[0]));
    const theirs = await ok(gw.call('appointment', 'book', { slotId: await publishOne(finance), topic: '融资咨询测试', note: '公司现金流紧张，请保密' }, ent.openids[0]));
    await ok(gw.call('appointment', 'confirm', { bookingId: theirs.id }, finance));
    await col('bookings').doc(theirs.id).update({ startAt: new Date(Date.now() - 60_000) });
    await ok(gw.call('appointment', 'complete', { bookingId: theirs.id, record: '资产负债率偏高，建议先做应收账款融资' }, finance));
    await ok(gw.call('appointment', 'rate', { bookingId: theirs.id, score: 2, comment: '专家不太专业' }, ent.openids[0]));

    const [paired] = await ok(gw.call('appointment', 'pairedEnterprises', {}, legal));
    const other = paired.recentBookings.find((b: any) => b.id === theirs.id);
    // Team, time, state and topic only: what the enterprise has been asking for, nothing of the other service.
    expect(Object.keys(other).sort()).toEqual(['endAt', 'id', 'mine', 'startAt', 'state', 'stateLabel', 'teamId', 'teamName', 'topic']);
    expect(other).toMatchObject({ mine: false, state: 'rated', teamId: 'team-finance', topic: '融资咨询测试' });
    expect(paired.recentBookings.find((b: any) => b.id === own.id)).toMatchObject({ mine: true, state: 'requested' });
    const text = JSON.stringify(paired);
    for (const secret of ['请保密', '资产负债率', '不太专业', finance]) expect(text).not.toContain(secret);
    // The expert's own booking opens in full through getBooking; the other expert's stays hidden.
    expect(await code(gw.call('appointment', 'getBooking', { id: own.id }, legal))).toBe('OK');
    expect(await code(gw.call('appointment', 'getBooking', { id: theirs.id }, legal))).toBe('NOT_FOUND');
  });

  test('a_pairing_that_has_not_started_gives_no_priority_on_newly_published_slots', async () => {
    const expert = await makeExpert();
    const later = await makeEnterprise();
    await ok(gw.call('appointment', 'pair', { enterpriseId: later.id, expertId: expert, from: dayAhead(10), until: dayAhead(40) }, 'demo-admin'));
    const slotId = await publishOne(expert, dayAhead(1));
    expect((await col('slots').doc(slotId).get()).data[0]).toMatchObject({ priorityUntil: null, priorityEnterpriseIds: [] });
    const anyone = await makeEnterprise();
    expect(await code(book(slotId, anyone.openids[0]))).toBe('OK');
  });

  test('ending_a_pairing_takes_the_enterprise_off_the_experts_open_slots', async () => {
    const expert = await makeExpert();
    const [ended, staying, outsider] = await Promise.all([makeEnterprise(), makeEnterprise(), makeEnterprise()]);
    for (const e of [ended, staying]) {
      await ok(gw.call('appointment', 'pair', { enterpriseId: e.id, expertId: expert, from: dayAhead(0), until: dayAhead(90) }, 'demo-admin'));
    }
    const made = await ok(gw.call('appointment', 'publishSlots', { from: dayAhead(10), start: '09:00', end: '11:00', slotMinutes: 60, mode: 'online' }, expert));
    const [s1, s2] = made.ids;
    expect((await col('slots').doc(s1).get()).data[0].priorityEnterpriseIds.sort()).toEqual([ended.id, staying.id].sort());

    await ok(gw.call('appointment', 'endPairing', { pairingId: `${ended.id}_${expert}` }, 'demo-admin'));
    for (const id of [s1, s2]) {
      const slot = (await col('slots').doc(id).get()).data[0];
      expect(slot.priorityEnterpriseIds).toEqual([staying.id]);
      expect(slot.priorityUntil).not.toBeNull();
    }
    const seen = await ok(gw.call('appointment', 'listSlots', { expertId: expert }, ended.openids[0]));
    expect(seen.every((s: any) => s.lockedUntil && !s.priorityForYou)).toBe(true);
    expect(await code(book(s1, ended.openids[0]))).toBe('CLOSED');

    // The last paired enterprise goes: the window closes, everyone may book at once.
    await ok(gw.call('appointment', 'endPairing', { pairingId: `${staying.id}_${expert}` }, 'demo-admin'));
    expect((await col('slots').doc(s2).get()).data[0]).toMatchObject({ priorityEnterpriseIds: [], priorityUntil: null });
    expect(await code(book(s2, outsider.openids[0]))).toBe('OK');
  });
});

describe('reminders', () => {
  const reminders = async (bookingId: string) => (await col('outbox').where({ ref: `bookings/${bookingId}`, type: 'appointment.reminder' }).get()).data;
  /** Runs the notify timer's delivery at `now`, with a sender that only records what it was given. */
  async function deliverAt(now: Date) {
    const sent: string[] = [];
    const report = await deliverDue({ send: async (row) => (sent.push(row._id), { ok: true, channel: 'test' }) }, { runId: fresh('run'), now, batch: 1000 });
    return { sent, report };
  }

  test('a_booking_nobody_confirmed_sends_no_reminders', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await placeSlot(expert, 180), ent.openids[0]));
    expect(b.state).toBe('requested');
    const { sent } = await deliverAt(new Date(new Date(b.startAt).getTime() - 30 * 60_000));
    const mine = await reminders(b.id);
    expect(sent.filter((id) => mine.some((r) => r._id === id))).toEqual([]);
    expect(mine.filter((r) => r.status === 'sent')).toEqual([]);
  });

  test('reminders_are_queued_when_the_expert_confirms_and_at_booking_for_an_auto_confirming_expert', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await publishOne(expert), ent.openids[0]));
    expect(await reminders(b.id)).toEqual([]);
    await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    const queued = await reminders(b.id);
    expect(queued.map((r) => `${r.toOpenid === expert ? 'expert' : 'ent'}:${r.status}`).sort()).toEqual(['ent:pending', 'expert:pending']);
    expect(queued.every((r) => new Date(r.dueAt).getTime() === new Date(b.startAt).getTime() - 24 * 3600_000)).toBe(true);

    const auto = await makeExpert('team-accounting');
    await ok(gw.call('appointment', 'upsertProfile', { name: '自动确认专家', organisation: '测试会计师事务所', specialities: ['审计辅导'], autoConfirm: true }, auto));
    const a = await ok(book(await publishOne(auto), ent.openids[0]));
    expect(a.state).toBe('confirmed');
    expect((await reminders(a.id)).map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  test('confirming_a_request_whose_reminders_an_earlier_version_queued_keeps_one_of_each', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const b = await ok(book(await publishOne(expert), ent.openids[0]));
    // As the booking action used to: both reminders queued with the request, one already sent.
    const [entId, expId] = [`remind-${b.id}-ent`, `remind-${b.id}-exp`];
    await col('outbox').add({ ...outboxRow({ type: 'appointment.reminder', toOpenid: ent.openids[0], template: 'appointmentReminder', data: {}, ref: `bookings/${b.id}` }), _id: entId, status: 'sent' });
    await col('outbox').add({ ...outboxRow({ type: 'appointment.reminder', toOpenid: expert, template: 'appointmentReminder', data: {}, ref: `bookings/${b.id}` }), _id: expId });
    expect((await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert))).state).toBe('confirmed');
    const rows = await reminders(b.id);
    expect(rows.map((r) => `${r._id === entId ? 'ent' : 'exp'}:${r.status}`).sort()).toEqual(['ent:sent', 'exp:pending']);
  });

  test('a_queued_reminder_whose_booking_is_no_longer_confirmed_is_dropped_at_send_time', async () => {
    const expert = await makeExpert();
    const ent = await makeEnterprise();
    const [s1, s2] = await Promise.all([placeSlot(expert, 180), placeSlot(expert, 300)]);
    const kept = await ok(book(s1, ent.openids[0]));
    const stale = await ok(book(s2, ent.openids[0]));
    for (const b of [kept, stale]) await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
    // A path that changes the booking without withdrawing its reminders (an old row, a direct fix).
    await col('bookings').doc(stale.id).update({ state: 'cancelled' });

    const { sent } = await deliverAt(new Date(new Date(stale.startAt).getTime() - 30 * 60_000));
    const [keptRows, staleRows] = await Promise.all([reminders(kept.id), reminders(stale.id)]);
    expect(keptRows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(staleRows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(sent.filter((id) => staleRows.some((r) => r._id === id))).toEqual([]);
  });
});

describe('roving days', () => {
  test('a_roving_day_creates_one_session_per_block_and_expert_under_the_same_rules', async () => {
    const e1 = await makeExpert('team-technology');
    const e2 = await makeExpert('team-technology');
    const date = dayAhead(15);
    const day = await ok(gw.call('appointment', 'createRovingDay', {
      teamId: 'team-technology', date, title: '科技服务进园区', venueId: 'venue-school',
      blocks: [{ start: '09:00', end: '10:00' }, { start: '10:00', end: '11:00' }], expertIds: [e1, e2],
    }, 'demo-admin'));
    expect(day.slots).toBe(4);
    const list = await ok(gw.call('appointment', 'listRovingDays', { teamId: 'team-technology' }, 'demo-enterprise-a'));
    const mine = list.find((d: any) => d.id === day.id);
    expect(mine.slots).toHaveLength(4);
    expect(mine.slots.every((s: any) => s.kind === 'roving' && s.place.includes('讲习所'))).toBe(true);

    // The expert cannot also publish an overlapping consultation …
    const clash = await ok(gw.call('appointment', 'publishSlots', { from: date, start: '09:30', end: '10:30', mode: 'online' }, e1));
    expect(clash).toMatchObject({ created: 0, skippedOverlap: 1 });
    // … nor be put on a second roving day at the same time (nothing of it is created).
    const e3 = await makeExpert('team-technology');
    const before = (await col('slots').where({ expertId: e3 }).count()).total;
    expect(await code(gw.call('appointment', 'createRovingDay', {
      teamId: 'team-technology', date, title: '重复安排', venueId: 'venue-hall', blocks: [{ start: '10:30', end: '11:30' }], expertIds: [e3, e1],
    }, 'demo-admin'))).toBe('CONFLICT');
    expect((await col('slots').where({ expertId: e3 }).count()).total).toBe(before);

    // Enterprises take sessions; one session one enterprise.
    const [x, y] = await Promise.all([makeEnterprise(), makeEnterprise()]);
    const session = mine.slots[0].id;
    const r = await Promise.all([book(session, x.openids[0]), book(session, y.openids[0])]);
    expect(r.filter((q) => q.body.ok)).toHaveLength(1);
    expect(r.find((q) => !q.body.ok)!.body.error.code).toBe('CONFLICT');
    // Experts of another team cannot be sent.
    expect(await code(gw.call('appointment', 'createRovingDay', {
      teamId: 'team-technology', date: dayAhead(16), title: '跨团安排', venueId: 'venue-hall', blocks: [{ start: '09:00', end: '10:00' }], expertIds: ['demo-expert-legal'],
    }, 'demo-admin'))).toBe('VALIDATION');
  });
});

describe('admin', () => {
  test('teams_are_unique_per_kind_and_expert_additions_are_audited', async () => {
    expect(await code(gw.call('appointment', 'createTeam', { kind: 'legal', name: '第二法律服务团' }, 'demo-admin'))).toBe('CONFLICT');
    expect((await col('teams').count()).total).toBe(5);
    const expert = await makeExpert('team-talent', { specialities: ['人才政策', '人才政策', '职称评审'] });
    const me = await ok(gw.call('user', 'me', {}, expert));
    expect(me.roles).toContain('expert');
    const profile = await ok(gw.call('appointment', 'myProfile', {}, expert));
    expect(profile.profile.specialities).toEqual(['人才政策', '职称评审']);
    expect((await col('audit').where({ action: 'addExpert', target: `experts/${expert}` }).count()).total).toBe(1);
    const data = await ok(gw.call('appointment', 'adminData', {}, 'demo-admin'));
    expect(data.enterprises.length).toBeGreaterThanOrEqual(6);
    expect(data.pairings.some((p: any) => p.expertName === '周文')).toBe(true);
  });

  test('a_missing_team_kind_is_created_once_with_its_fixed_id_and_audited', async () => {
    // The five kinds are seeded: take one away to create it again (and put the seeded one back).
    const [seeded] = (await col('teams').doc('team-finance').get()).data;
    await col('teams').doc('team-finance').remove();
    try {
      const r = await ok(gw.call('appointment', 'createTeam', { kind: 'finance', name: '金融服务团', description: '融资对接、贷款贴息' }, 'demo-admin'));
      expect(r).toMatchObject({ id: 'team-finance', kind: 'finance', name: '金融服务团', description: '融资对接、贷款贴息', order: 3 });
      const [doc] = (await col('teams').doc('team-finance').get()).data;
      expect(doc).toMatchObject({ kind: 'finance', name: '金融服务团', order: 3 });
      expect(await code(gw.call('appointment', 'createTeam', { kind: 'finance', name: '第二金融服务团' }, 'demo-admin'))).toBe('CONFLICT');
      expect((await col('teams').where({ kind: 'finance' }).count()).total).toBe(1);
      const log = (await col('audit').where({ action: 'createTeam', target: 'teams/team-finance' }).get()).data;
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ fn: 'appointment', actor: 'demo-admin', before: null });
    } finally {
      const { _id, ...rest } = seeded;
      await col('teams').doc(_id).set(rest);
    }
  });
});
