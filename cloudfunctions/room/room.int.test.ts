/** `room` through the local gateway against the embedded emulator (integration tier). */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { loadCaller } from '../../server/core/caller';
import { dayjs, PARK_TZ, parkDay } from '../../server/core/time';
import { checkInByScan, releaseDue } from './bookings';
import { parkAt, roomCells } from './grid';
import { main } from './function';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const day = (n: number) => dayjs().tz(PARK_TZ).add(n, 'day').format('YYYY-MM-DD');
const book = (who: string, p: Record<string, unknown>) => gw.call('room', 'book', { purpose: '支部学习', attendees: 10, ...p }, who);

/** A room of its own for a test that writes a booking at the current hour (no seeded booking of today can collide). */
async function ownRoom(id: string, bookable = false): Promise<string> {
  await col('venues').add({ _id: id, name: `测试场馆 ${id}`, address: '测试', description: '', order: 99, createdAt: new Date(), bookable });
  return id;
}

/** `n` contacts of `n` different seeded enterprises. */
async function contacts(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `ent-n${String(i + 1).padStart(2, '0')}`);
  return Promise.all(
    ids.map(async (enterpriseId) => {
      const openid = freshOpenid('contact');
      await gw.call('user', 'acceptPrivacy', {}, openid);
      ok(await gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin'));
      return openid;
    }),
  );
}

describe('no overlapping bookings', () => {
  test('twenty_racing_requests_for_overlapping_times_leave_exactly_one_booking', async () => {
    const racers = await contacts(20);
    const starts = ['09:00', '09:30', '10:00'];
    const ends = ['10:30', '11:00', '12:00'];
    // Every period covers 10:00–10:30, so any two overlap.
    const replies = await Promise.all(racers.map((who, i) => book(who, { venueId: 'venue-school', day: day(1), start: starts[i % 3], end: ends[(i >> 1) % 3] })));
    const won = replies.filter((r) => r.body.ok);
    expect(won).toHaveLength(1);
    for (const r of replies.filter((x) => !x.body.ok)) expect(r.body.error).toMatchObject({ code: 'CONFLICT', message: '该时段已被预约，请选择其他时间。' });
    const live = (await col('roomBookings').where({ venueId: 'venue-school', day: day(1), state: 'booked' }).get()).data;
    expect(live.map((b) => b._id)).toEqual([won[0].body.data.id]);
    // Touching periods and other rooms are fine.
    const w = won[0].body.data;
    const end = dayjs(w.endAt).tz(PARK_TZ).format('HH:mm');
    ok(await book(racers[0], { venueId: 'venue-school', day: day(1), start: end, end: '13:00' }));
    ok(await book(racers[1], { venueId: 'venue-life', day: day(1), start: '10:00', end: '10:30' }));
  });

  test('a_cancelled_booking_frees_its_cells_at_once', async () => {
    const b = ok(await book('demo-secretary', { venueId: 'venue-activity', day: day(3), start: '19:00', end: '20:30' }));
    expect(b.holder).toEqual({ kind: 'branch', id: 'branch-joint', name: '星河湾产业园联合党支部' });
    expect((await book('demo-enterprise-b', { venueId: 'venue-activity', day: day(3), start: '20:00', end: '21:00' })).body.error.code).toBe('CONFLICT');
    // Only the holder (or an admin) cancels.
    expect((await gw.call('room', 'cancelBooking', { id: b.id }, 'demo-enterprise-b')).body.error.code).toBe('FORBIDDEN');
    ok(await gw.call('room', 'cancelBooking', { id: b.id }, 'demo-secretary'));
    expect((await gw.call('room', 'cancelBooking', { id: b.id }, 'demo-secretary')).body.error.code).toBe('CONFLICT');
    const again = ok(await book('demo-enterprise-b', { venueId: 'venue-activity', day: day(3), start: '20:00', end: '21:00' }));
    expect(again.holder.name).toBe('星河湾生物医药科技有限公司');
    const [cancelled] = (await col('roomBookings').doc(b.id).get()).data;
    expect(cancelled).toMatchObject({ state: 'cancelled', cells: [`free|${b.id}`], endedBy: 'demo-secretary' });
  });

  test('the_grid_opening_hours_length_horizon_and_capacity_are_checked', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ start: '09:15', end: '10:00' }, '半小时'],
      [{ start: '07:30', end: '09:00' }, '开放时间'],
      [{ start: '17:00', end: '18:30', venueId: 'venue-meet' }, '08:30–18:00'],
      [{ start: '09:00', end: '13:30' }, '最长 4 小时'],
      [{ start: '09:00', end: '10:00', day: day(45) }, '30 天'],
      [{ start: '09:00', end: '10:00', day: day(-1) }, '已经开始'],
      [{ start: '09:00', end: '10:00', attendees: 50, venueId: 'venue-meet' }, '最多容纳 12 人'],
    ];
    for (const [p, msg] of cases) {
      const r = await book('demo-enterprise-a', { venueId: 'venue-life', day: day(5), ...p });
      expect([p, r.body.error?.code]).toEqual([p, 'VALIDATION']);
      expect(r.body.error.message).toContain(msg);
    }
    expect((await book('demo-member', { venueId: 'venue-life', day: day(5), start: '09:00', end: '10:00' })).status).toBe(403);
    expect((await book('demo-visitor', { venueId: 'venue-life', day: day(5), start: '09:00', end: '10:00' })).status).toBe(403);
    expect((await book('demo-enterprise-a', { venueId: 'venue-hall', day: day(5), start: '09:00', end: '10:00' })).body.error.code).toBe('NOT_FOUND');
  });
});

describe('calendar input', () => {
  test('an_impossible_day_or_time_is_refused_with_validation_everywhere_and_nothing_is_stored', async () => {
    // Day 32 of this month: before the fix it rolled over into next month and was stored verbatim.
    const ym = dayjs().tz(PARK_TZ).format('YYYY-MM');
    const impossible = `${ym}-32`;
    const before = (await col('roomBookings').where({ day: impossible }).count()).total;
    const r = await book('demo-enterprise-a', { venueId: 'venue-life', day: impossible, start: '09:00', end: '10:00' });
    expect([r.status, r.body.error?.code]).toEqual([400, 'VALIDATION']);
    expect(r.body.error.message).toContain('不是有效的日期');
    expect((await col('roomBookings').where({ day: impossible }).count()).total).toBe(before);
    const calls: [string, string, Record<string, unknown>, string][] = [
      ['room', 'roomDay', { venueId: 'venue-life', day: '2026-02-30' }, 'demo-secretary'],
      ['room', 'daySchedule', { day: '2026-12-32' }, 'demo-admin'],
      ['room', 'book', { venueId: 'venue-life', day: day(3), start: '24:30', end: '25:00', purpose: '测试', attendees: 3 }, 'demo-enterprise-a'],
      ['checkin', 'stats', { from: '2026-12-01', to: '2026-12-32' }, 'demo-admin'],
      ['admin', 'dashboard', { from: '2026-02-01', to: '2026-02-31' }, 'demo-admin'],
      ['appointment', 'listSlots', { from: '2026-13-01' }, 'demo-enterprise-a'],
      ['volunteer', 'createActivity', { title: '日期测试', teamId: 'vt-yuanzhifan', place: '党群服务中心大厅', startAt: `${day(3)} 24:30`, endAt: `${day(4)} 10:00`, capacity: 2 }, 'demo-admin'],
      ['checkin', 'createEvent', { title: '日期测试', venueId: 'venue-center', startAt: `${ym}-32 09:00`, endAt: `${ym}-32 10:00` }, 'demo-admin'],
    ];
    for (const [fn, action, params, who] of calls) {
      const res = await gw.call(fn, action, params, who);
      expect([`${fn}.${action}`, res.status, res.body.error?.code]).toEqual([`${fn}.${action}`, 400, 'VALIDATION']);
      expect([`${fn}.${action}`, res.body.error.message]).toEqual([`${fn}.${action}`, expect.stringMatching(/不是有效的(日期|时间)/)]);
    }
  });
});

describe('check-in and release', () => {
  test('a_booking_not_checked_into_within_15_minutes_is_released_and_the_room_can_be_booked_again', async () => {
    const b = ok(await book('demo-enterprise-a', { venueId: 'venue-life', day: day(2), start: '15:00', end: '16:00' }));
    const start = parkAt(day(2), '15:00').getTime();
    const state = async () => (await col('roomBookings').doc(b.id).get()).data[0].state;
    // (Earlier bookings of other tests, due before then, are released too: only this one is watched.)
    await releaseDue(new Date(start + 14 * 60_000), 'venue-life');
    expect(await state()).toBe('booked');
    expect(await releaseDue(new Date(start + 16 * 60_000), 'venue-life')).toBe(1);
    expect(await releaseDue(new Date(start + 17 * 60_000), 'venue-life')).toBe(0);
    const [released] = (await col('roomBookings').doc(b.id).get()).data;
    expect(released).toMatchObject({ state: 'released', cells: [`free|${b.id}`], endedBy: 'system' });
    ok(await book('demo-secretary', { venueId: 'venue-life', day: day(2), start: '15:00', end: '16:00' }));
    const mine = ok(await gw.call('room', 'myBookings', {}, 'demo-enterprise-a2'));
    expect(mine.find((x: any) => x.id === b.id)).toMatchObject({ state: 'released', stateLabel: '超时未签到，已释放' });
  });

  test('a_no_show_not_yet_swept_does_not_block_a_new_booking', async () => {
    const b = ok(await book('demo-enterprise-a', { venueId: 'venue-school', day: day(8), start: '14:00', end: '15:00' }));
    // As if its check-in deadline had passed and the timer had not run yet.
    await col('roomBookings').doc(b.id).update({ checkinDeadline: new Date(Date.now() - 60_000) });
    const again = ok(await book('demo-secretary', { venueId: 'venue-school', day: day(8), start: '14:30', end: '15:30' }));
    expect(again.holder.id).toBe('branch-joint');
    expect((await col('roomBookings').doc(b.id).get()).data[0].state).toBe('released');
  });

  test('checking_in_by_scanning_the_room_code_keeps_the_booking', async () => {
    const b = ok(await book('demo-enterprise-b', { venueId: 'venue-life', day: day(2), start: '17:00', end: '18:00' }));
    const start = parkAt(day(2), '17:00').getTime();
    expect(await checkInByScan(await loadCaller('demo-enterprise-b'), 'venue-life', new Date(start - 31 * 60_000))).toBeNull();
    expect(await checkInByScan(await loadCaller('demo-enterprise-a'), 'venue-life', new Date(start))).toBeNull();
    expect(await checkInByScan(await loadCaller('demo-enterprise-b'), 'venue-life', new Date(start + 5 * 60_000))).toMatchObject({ id: b.id, venueName: '党群组织生活馆' });
    await releaseDue(new Date(start + 20 * 60_000), 'venue-life');
    expect((await col('roomBookings').doc(b.id).get()).data[0]).toMatchObject({ state: 'checked_in', checkedInBy: 'demo-enterprise-b' });
    expect((await gw.call('room', 'cancelBooking', { id: b.id }, 'demo-enterprise-b')).body.error.code).toBe('CONFLICT');
  });

  test('checkin_scan_of_a_rooms_code_checks_in_the_callers_booking_due_now', async () => {
    // A booking starting in 10 minutes, written directly so the test does not depend on the hour.
    const startAt = new Date(Date.now() + 10 * 60_000);
    const endAt = new Date(startAt.getTime() + 30 * 60_000);
    await col('roomBookings').add({
      _id: 'rb-scantest01', venueId: 'venue-meet', venueName: '党群议事室', day: parkDay(startAt), startAt, endAt, cells: roomCells('venue-meet', startAt, endAt),
      holder: { kind: 'enterprise', id: 'ent-b', name: '星河湾生物医药科技有限公司' }, purpose: '谈心谈话', attendees: 4, bookedBy: 'demo-enterprise-b', bookedByName: '孙磊',
      owners: ['demo-enterprise-b'], checkinDeadline: new Date(startAt.getTime() + 15 * 60_000), state: 'booked', checkedInAt: null, checkedInBy: null, endedAt: null, endedBy: null, createdAt: new Date(),
    });
    const other = ok(await gw.call('checkin', 'scan', { code: 'v:venue-meet' }, 'demo-member'));
    expect(other.booking).toBeNull();
    const scan = ok(await gw.call('checkin', 'scan', { code: 'v:venue-meet' }, 'demo-enterprise-b'));
    expect(scan).toMatchObject({ status: 'ok', venue: { id: 'venue-meet' }, booking: { id: 'rb-scantest01', holderName: '星河湾生物医药科技有限公司' } });
    expect((await col('roomBookings').doc('rb-scantest01').get()).data[0].state).toBe('checked_in');
  });

  test('the_timer_trigger_runs_the_sweep_without_a_caller', async () => {
    const b = ok(await book('demo-enterprise-a', { venueId: 'venue-meet', day: day(4), start: '09:00', end: '10:00' }));
    // Make it overdue as the sweep would find it in an hour's time.
    await col('roomBookings').doc(b.id).update({ checkinDeadline: new Date(Date.now() - 60_000) });
    const reply = await main({ Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() } as never, {});
    expect(reply).toMatchObject({ ok: true, data: { released: expect.any(Number) } });
    expect((reply as { data: { released: number } }).data.released).toBeGreaterThanOrEqual(1);
    expect((await col('roomBookings').doc(b.id).get()).data[0].state).toBe('released');
    // An identity-less call that is not a timer event is still refused.
    expect(await main({ action: 'sweep', params: {} }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('schedules', () => {
  test('the_day_grid_shows_taken_cells_with_names_only_to_the_holder_and_admins', async () => {
    const b = ok(await book('demo-enterprise-a', { venueId: 'venue-activity', day: day(6), start: '10:00', end: '11:00' }));
    const mine = ok(await gw.call('room', 'roomDay', { venueId: 'venue-activity', day: day(6) }, 'demo-enterprise-a2'));
    expect(mine.slots.filter((s: any) => s.state === 'taken').map((s: any) => [s.start, s.holderName, s.mine])).toEqual([
      ['10:00', '苏州星河智能装备有限公司', true],
      ['10:30', '苏州星河智能装备有限公司', true],
    ]);
    const theirs = ok(await gw.call('room', 'roomDay', { venueId: 'venue-activity', day: day(6) }, 'demo-visitor'));
    expect(theirs.slots.find((s: any) => s.start === '10:00')).toMatchObject({ state: 'taken', holderName: '已预约', mine: false });
    expect(theirs.slots.find((s: any) => s.start === '11:00').state).toBe('free');
    const schedule = ok(await gw.call('room', 'daySchedule', { day: day(6) }, 'demo-admin'));
    expect(schedule.rooms.map((r: any) => r.name)).toEqual(['党员活动室', '“三新”讲习所', '党群组织生活馆', '党群议事室']);
    expect(schedule.rooms[0].bookings.map((x: any) => x.id)).toEqual([b.id]);
    expect((await gw.call('room', 'daySchedule', {}, 'demo-secretary')).status).toBe(403);
  });

  test('admins_set_a_rooms_capacity_equipment_and_hours', async () => {
    const r = ok(await gw.call('room', 'upsertRoom', { venueId: 'venue-hall', bookable: true, capacity: 100, equipment: ['大屏'], opensAt: '09:00', closesAt: '17:00' }, 'demo-admin'));
    expect(r).toMatchObject({ id: 'venue-hall', bookable: true, capacity: 100 });
    expect(ok(await gw.call('room', 'listRooms', {})).map((x: any) => x.id)).toContain('venue-hall');
    ok(await gw.call('room', 'upsertRoom', { venueId: 'venue-hall', bookable: false, capacity: 100, equipment: [], opensAt: '09:00', closesAt: '17:00' }, 'demo-admin'));
    expect(ok(await gw.call('room', 'listRooms', {})).map((x: any) => x.id)).not.toContain('venue-hall');
    expect((await gw.call('room', 'upsertRoom', { venueId: 'venue-hall', bookable: true, capacity: 10, opensAt: '18:00', closesAt: '09:00' }, 'demo-admin')).body.error.code).toBe('VALIDATION');
  });
});

describe('who may act on a booking is decided at the call, from current roles (lifecycle L-01)', () => {
  const contactOf = async (openid: string, enterpriseId: string) => {
    await gw.call('user', 'acceptPrivacy', {}, openid);
    ok(await gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin'));
  };
  const mineIds = async (who: string) => ok(await gw.call('room', 'myBookings', {}, who)).map((x: { id: string }) => x.id);

  test('a_contact_moved_to_another_enterprise_loses_the_old_ones_bookings_and_a_contact_who_joined_later_gets_them', async () => {
    const mover = freshOpenid('mover');
    const newcomer = freshOpenid('newcomer');
    await contactOf(mover, 'ent-n05');
    const b = ok(await book(mover, { venueId: 'venue-school', day: day(9), start: '14:00', end: '15:00' }));
    await contactOf(newcomer, 'ent-n05'); // joins after the booking was made
    await contactOf(mover, 'ent-n06'); // moved, without a revoke first

    expect(await mineIds(mover)).not.toContain(b.id);
    expect((await gw.call('room', 'cancelBooking', { id: b.id }, mover)).body.error.code).toBe('FORBIDDEN');
    const grid = ok(await gw.call('room', 'roomDay', { venueId: 'venue-school', day: day(9) }, mover));
    expect(grid.slots.find((s: { start: string }) => s.start === '14:00')).toMatchObject({ mine: false, holderName: '已预约' });
    // The old enterprise's contact list no longer names the mover.
    expect((await col('enterprises').doc('ent-n05').get()).data[0].contactOpenids).not.toContain(mover);

    expect(await mineIds(newcomer)).toContain(b.id);
    expect(ok(await gw.call('room', 'cancelBooking', { id: b.id }, newcomer))).toMatchObject({ state: 'cancelled' });
  });

  test('a_moved_contact_cannot_check_in_the_old_enterprises_room_by_scanning_but_a_current_contact_can', async () => {
    const mover = freshOpenid('mover-scan');
    const stays = freshOpenid('stays-scan');
    await contactOf(mover, 'ent-n07');
    await contactOf(stays, 'ent-n07');
    const b = ok(await book(mover, { venueId: 'venue-life', day: day(3), start: '19:00', end: '20:00' }));
    await contactOf(mover, 'ent-n08');
    const start = parkAt(day(3), '19:00').getTime();
    expect(await checkInByScan(await loadCaller(mover), 'venue-life', new Date(start))).toBeNull();
    expect(await checkInByScan(await loadCaller(stays), 'venue-life', new Date(start))).toMatchObject({ id: b.id });
  });

  test('the_centers_own_bookings_are_the_admins_and_nobody_elses', async () => {
    const b = ok(await book('demo-admin', { venueId: 'venue-activity', day: day(11), start: '10:00', end: '11:00', for: 'center' }));
    expect(b.holder.kind).toBe('center');
    expect(await mineIds('demo-admin')).toContain(b.id);
    expect(await mineIds('demo-enterprise-a')).not.toContain(b.id);
    expect((await gw.call('room', 'cancelBooking', { id: b.id }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
  });

  test('a_replaced_secretary_loses_the_branchs_bookings_to_the_new_secretary', async () => {
    const oldSec = freshOpenid('old-sec');
    const newSec = freshOpenid('new-sec');
    await gw.call('user', 'acceptPrivacy', {}, oldSec);
    await gw.call('user', 'acceptPrivacy', {}, newSec);
    ok(await gw.call('user', 'grantRole', { openid: oldSec, role: 'secretary', branchId: 'br-xinyuan' }, 'demo-admin'));
    const b = ok(await book(oldSec, { venueId: 'venue-activity', day: day(10), start: '09:00', end: '10:00', for: 'branch' }));
    ok(await gw.call('user', 'grantRole', { openid: newSec, role: 'secretary', branchId: 'br-xinyuan' }, 'demo-admin'));
    // Replaced, they are no longer a secretary at all (lifecycle L-02), so 我的预约 is not theirs to open.
    expect((await gw.call('room', 'myBookings', {}, oldSec)).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('room', 'cancelBooking', { id: b.id }, oldSec)).body.error.code).toBe('FORBIDDEN');
    expect(await mineIds(newSec)).toContain(b.id);
  });
});

describe('a per-holder quota (lifecycle L-32)', () => {
  const contactOf = async (enterpriseId: string) => {
    const openid = freshOpenid('quota');
    await gw.call('user', 'acceptPrivacy', {}, openid);
    ok(await gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin'));
    return openid;
  };

  test('one_holder_gets_at_most_four_hours_of_a_room_a_day_and_a_cancel_or_release_gives_the_time_back', async () => {
    const who = await contactOf('ent-n11');
    const colleague = await contactOf('ent-n11');
    const first = ok(await book(who, { venueId: 'venue-activity', day: day(12), start: '08:30', end: '12:30' }));
    const refused = await book(colleague, { venueId: 'venue-activity', day: day(12), start: '12:30', end: '13:00' });
    expect(refused.body.error).toMatchObject({ code: 'FULL' });
    expect(refused.body.error.message).toContain('4 小时');
    // Another room, or another day, is another quota.
    ok(await book(who, { venueId: 'venue-life', day: day(12), start: '12:30', end: '13:00' }));
    ok(await book(who, { venueId: 'venue-activity', day: day(13), start: '12:30', end: '13:00' }));
    ok(await gw.call('room', 'cancelBooking', { id: first.id }, who));
    const again = ok(await book(colleague, { venueId: 'venue-activity', day: day(12), start: '12:30', end: '14:30' }));
    // A booking released as a no-show gives its hours back too.
    await releaseDue(new Date(parkAt(day(12), '12:30').getTime() + 16 * 60_000), 'venue-activity');
    expect((await col('roomBookings').doc(again.id).get()).data[0].state).toBe('released');
    ok(await book(who, { venueId: 'venue-activity', day: day(12), start: '14:30', end: '18:30' }));
  });

  test('racing_bookings_of_one_holder_never_take_more_than_four_hours_of_a_room_day', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => contactOf('ent-n12')));
    const hours = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
    const replies = await Promise.all(
      hours.map((start, i) => book(people[i % 4], { venueId: 'venue-meet', day: day(14), start, end: `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:00` })),
    );
    // Four one-hour bookings fit, whichever four win.
    expect(replies.filter((r) => r.body.ok)).toHaveLength(4);
    for (const r of replies.filter((x) => !x.body.ok)) expect(r.body.error.code).toBe('FULL');
    const live = (await col('roomBookings').where({ venueId: 'venue-meet', day: day(14), 'holder.id': 'ent-n12', state: 'booked' }).get()).data;
    const minutes = live.reduce((s, b) => s + (new Date(b.endAt).getTime() - new Date(b.startAt).getTime()) / 60_000, 0);
    expect(minutes).toBeLessThanOrEqual(240);
    expect(live.length).toBe(replies.filter((r) => r.body.ok).length);
  });

  test('one_holder_has_at_most_six_open_bookings_and_a_check_in_frees_a_place', async () => {
    const who = await contactOf('ent-n13');
    const made = [];
    for (let d = 15; d < 21; d++) made.push(ok(await book(who, { venueId: 'venue-school', day: day(d), start: '09:00', end: '10:00' })));
    const refused = await book(who, { venueId: 'venue-school', day: day(21), start: '09:00', end: '10:00' });
    expect(refused.body.error).toMatchObject({ code: 'FULL' });
    expect(refused.body.error.message).toContain('6 个');
    expect(await checkInByScan(await loadCaller(who), 'venue-school', parkAt(day(15), '09:00'))).toMatchObject({ id: made[0].id });
    ok(await book(who, { venueId: 'venue-school', day: day(21), start: '09:00', end: '10:00' }));
  });
});

describe('front-desk check-in (lifecycle L-30)', () => {
  /** A booking due now (starts in 10 minutes), written directly so the test does not depend on the hour. */
  async function dueNow(id: string, holder: { kind: 'branch' | 'enterprise'; id: string; name: string }, venueId: string) {
    const startAt = new Date(Date.now() + 10 * 60_000);
    const endAt = new Date(startAt.getTime() + 30 * 60_000);
    await col('roomBookings').add({
      _id: id, venueId, venueName: '测试', day: parkDay(startAt), startAt, endAt, cells: roomCells(venueId, startAt, endAt),
      holder, purpose: '测试', attendees: 4, bookedBy: 'demo-secretary', bookedByName: '李红梅',
      owners: ['demo-secretary'], checkinDeadline: new Date(startAt.getTime() + 15 * 60_000), state: 'booked', checkedInAt: null, checkedInBy: null, endedAt: null, endedBy: null, createdAt: new Date(),
    });
  }

  test('an_admin_checks_in_someones_booking_at_the_front_desk_and_it_is_audited', async () => {
    await dueNow('rb-frontdesk1', { kind: 'enterprise', id: 'ent-b', name: '星河湾生物医药科技有限公司' }, await ownRoom('venue-t-desk'));
    expect((await gw.call('room', 'checkInBooking', { id: 'rb-frontdesk1' }, 'demo-secretary')).status).toBe(403);
    const r = ok(await gw.call('room', 'checkInBooking', { id: 'rb-frontdesk1' }, 'demo-admin'));
    expect(r).toMatchObject({ id: 'rb-frontdesk1', state: 'checked_in' });
    expect((await col('roomBookings').doc('rb-frontdesk1').get()).data[0]).toMatchObject({ state: 'checked_in', checkedInBy: 'demo-admin' });
    expect((await gw.call('room', 'checkInBooking', { id: 'rb-frontdesk1' }, 'demo-admin')).body.error.code).toBe('CONFLICT');
    expect((await col('audit').where({ target: 'roomBookings/rb-frontdesk1' }).get()).data).toHaveLength(1);
    // Not yet due: refused with when it opens.
    const later = ok(await book('demo-enterprise-b', { venueId: 'venue-school', day: day(16), start: '15:00', end: '16:00' }));
    expect((await gw.call('room', 'checkInBooking', { id: later.id }, 'demo-admin')).body.error.code).toBe('CLOSED');
  });

  test('any_current_member_of_the_holder_branch_checks_its_room_in_by_scanning', async () => {
    await dueNow('rb-memberscan', { kind: 'branch', id: 'branch-joint', name: '星河湾产业园联合党支部' }, await ownRoom('venue-t-member', true));
    // A member of another branch does not.
    expect(await checkInByScan(await loadCaller('seed-secretary-zhixing'), 'venue-t-member', new Date())).toBeNull();
    const scan = ok(await gw.call('checkin', 'scan', { code: 'v:venue-t-member' }, 'demo-member'));
    expect(scan.booking).toMatchObject({ id: 'rb-memberscan' });
    expect((await col('roomBookings').doc('rb-memberscan').get()).data[0]).toMatchObject({ state: 'checked_in', checkedInBy: 'demo-member' });
  });
});

describe('smaller room defects (lifecycle L-33)', () => {
  test('a_checked_in_booking_ended_early_frees_the_rest_of_the_room_from_the_next_half_hour', async () => {
    // Checked in, running from 20 minutes ago for another 100 minutes; written directly so the test does not depend on the hour.
    const half = 30 * 60_000;
    const startAt = new Date(Math.floor((Date.now() - 20 * 60_000) / half) * half);
    const endAt = new Date(startAt.getTime() + 4 * half);
    const room = await ownRoom('venue-t-end');
    await col('roomBookings').add({
      _id: 'rb-endearly01', venueId: room, venueName: '测试场馆', day: parkDay(startAt), startAt, endAt, cells: roomCells(room, startAt, endAt),
      holder: { kind: 'enterprise', id: 'ent-b', name: '星河湾生物医药科技有限公司' }, purpose: '培训', attendees: 4, bookedBy: 'demo-enterprise-b', bookedByName: '孙磊',
      owners: ['demo-enterprise-b'], checkinDeadline: new Date(startAt.getTime() + 15 * 60_000), state: 'checked_in', checkedInAt: startAt, checkedInBy: 'demo-enterprise-b', endedAt: null, endedBy: null, createdAt: new Date(),
    });
    expect((await gw.call('room', 'endBooking', { id: 'rb-endearly01' }, 'demo-enterprise-a')).body.error.code).toBe('FORBIDDEN');
    const ended = ok(await gw.call('room', 'endBooking', { id: 'rb-endearly01' }, 'demo-enterprise-b'));
    expect(ended).toMatchObject({ id: 'rb-endearly01', state: 'checked_in' });
    // It now ends at the next half hour (computed by the server: read back, then bounded).
    const freeFrom = new Date(ended.endAt).getTime();
    expect(freeFrom % half).toBe(0);
    expect(freeFrom).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(freeFrom).toBeLessThanOrEqual(Date.now() + half);
    const [b] = (await col('roomBookings').doc('rb-endearly01').get()).data;
    expect(b).toMatchObject({ cells: roomCells(room, startAt, new Date(freeFrom)), endedBy: 'demo-enterprise-b' });
    expect(new Date(b.endAt).getTime()).toBe(freeFrom);
    expect((await gw.call('room', 'endBooking', { id: 'rb-endearly01' }, 'demo-enterprise-b')).body.error.code).toBe('CONFLICT');
    // A booking not checked in is cancelled, not ended.
    const later = ok(await book('demo-enterprise-b', { venueId: 'venue-school', day: day(17), start: '15:00', end: '16:00' }));
    expect((await gw.call('room', 'endBooking', { id: later.id }, 'demo-enterprise-b')).body.error.code).toBe('CONFLICT');
  });
});
