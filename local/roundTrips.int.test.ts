/**
 * Database round trips per user-facing write, pinned (issue 19). On CloudBase every database call
 * is a network round trip and counts against the environment's request quota, so an action that
 * quietly grows a read or two is a regression even when every behaviour test still passes. Each
 * test makes one valid call as a person who already exists (their user record is created
 * beforehand — a person's very first call costs one read and one insert more, once ever) and
 * asserts the emulator's request counter grew by at most the action's budget. The budget is a
 * count, never a time: it fails the same way on a fast or a loaded machine.
 *
 * Nothing else may call the gateway while a call is counted: the tests run one at a time and do
 * their setup before `before` is taken.
 */
import dayjs from 'dayjs';
import { startTestGateway, freshOpenid, type TestGateway } from './testing';
import { ok } from './volunteer.testkit';
import { col } from '../server/core/db';
import { newUser } from '../server/core/caller';
import { PARK_TZ } from '../server/core/time';
import { parkMonth } from '../cloudfunctions/study/calendar';
import { slotCells } from '../cloudfunctions/appointment/slotGen';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});


/** Database requests one call made, and its reply; the call must succeed. */
async function counted(fn: string, action: string, params: unknown, openid: string): Promise<{ requests: number; data: any }> {
  const s = gw.emulator.stats;
  const before = s.requests;
  const data = await ok(gw.call(fn, action, params, openid));
  return { requests: s.requests - before, data };
}

const day = (n: number) => dayjs().tz(PARK_TZ).add(n, 'day').format('YYYY-MM-DD');

/** A consenting person; with `enterpriseId`, a contact of that enterprise. */
async function person(tag: string, enterpriseId?: string): Promise<string> {
  const openid = freshOpenid(tag);
  await ok(gw.call('user', 'acceptPrivacy', {}, openid));
  if (enterpriseId) await ok(gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin'));
  return openid;
}

/** An open slot `days` ahead of a new legal expert (written directly, as the appointment tests do). */
async function openSlot(days: number, autoConfirm = false): Promise<string> {
  const expert = freshOpenid('expert');
  await gw.call('user', 'me', {}, expert);
  await ok(gw.call('appointment', 'addExpert', { openid: expert, teamId: 'team-legal', name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] }, 'demo-admin'));
  if (autoConfirm) await ok(gw.call('appointment', 'upsertProfile', { name: '自动确认专家', organisation: '测试会计师事务所', specialities: ['审计辅导'], autoConfirm: true }, expert));
  const start = new Date(Math.ceil((Date.now() + days * 86400_000) / 300_000) * 300_000);
  const end = new Date(start.getTime() + 3600_000);
  const { id } = await col('slots').add({
    expertId: expert, teamId: 'team-legal', startAt: start, endAt: end, mode: 'online', venueId: null, place: '线上', kind: 'bookable',
    rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(expert, start, end), priorityUntil: null, priorityEnterpriseIds: [], createdAt: new Date(),
  });
  return id;
}

/**
 * Budgets: the most database requests each action may make on its ordinary successful path. The
 * issue's target is 6 for book/cancel and 5 for every other action a person taps; the ones above
 * that are pinned at today's count until they are brought down (lower the number when you do).
 */
const BUDGET = {
  'appointment.book': 6,
  'appointment.book (auto-confirming expert)': 6,
  'appointment.cancel': 6,
  'volunteer.signUp': 3,
  'volunteer.cancel': 6, // over the target of 5
  'checkin.scan': 3,
  'room.book': 8, // over the target of 5
  'room.cancelBooking': 5,
  'demand.submit': 6, // over the target of 5: the service level it is filed under, the admins' list and their notice (issue 22)
  'study.saveRecord': 11, // over the target of 5
  'user.redeemInvite': 11, // over the target of 5
  'policy.claimPackage': 9, // over the target of 5 (6, and since issue 22 the demand's service level, the admins' list and their notice)
};
/** Fails showing the action and its count when over budget. */
function within(name: keyof typeof BUDGET, requests: number) {
  expect({ [name]: requests <= BUDGET[name] ? 'within' : requests }).toEqual({ [name]: 'within' });
}

describe('database round trips per user-facing write stay within their budget', () => {
  test('booking_an_expert_and_cancelling_the_booking_stay_within_their_database_call_budgets', async () => {
    const contact = await person('rt-ent', 'ent-c');
    const booked = await counted('appointment', 'book', { slotId: await openSlot(5), topic: '劳动合同条款咨询' }, contact);
    within('appointment.book', booked.requests);
    const cancelled = await counted('appointment', 'cancel', { bookingId: booked.data.id }, contact);
    within('appointment.cancel', cancelled.requests);
  });

  test('an_auto_confirmed_booking_with_its_reminders_stays_within_the_booking_budget', async () => {
    const contact = await person('rt-ent', 'ent-d');
    const booked = await counted('appointment', 'book', { slotId: await openSlot(6, true), topic: '劳动合同条款咨询' }, contact);
    expect(booked.data.state).toBe('confirmed');
    within('appointment.book (auto-confirming expert)', booked.requests);
    // A confirmed booking's cancellation also withdraws its two reminders.
    within('appointment.cancel', (await counted('appointment', 'cancel', { bookingId: booked.data.id }, contact)).requests);
  });

  test('a_volunteer_sign_up_and_its_cancellation_stay_within_their_budgets', async () => {
    const who = await person('rt-vol');
    within('volunteer.signUp', (await counted('volunteer', 'signUp', { activityId: 'va-dangke' }, who)).requests);
    within('volunteer.cancel', (await counted('volunteer', 'cancel', { activityId: 'va-dangke' }, who)).requests);
  });

  test('a_check_in_scan_stays_within_its_budget', async () => {
    const who = await person('rt-scan');
    within('checkin.scan', (await counted('checkin', 'scan', { code: 'v:venue-hall' }, who)).requests);
  });

  test('a_room_booking_and_its_cancellation_stay_within_their_budgets', async () => {
    const who = await person('rt-room', 'ent-n07');
    const b = await counted('room', 'book', { venueId: 'venue-life', day: day(4), start: '15:00', end: '15:30', purpose: '企业党员学习', attendees: 6 }, who);
    within('room.book', b.requests);
    within('room.cancelBooking', (await counted('room', 'cancelBooking', { id: b.data.id }, who)).requests);
  });

  test('submitting_a_demand_stays_within_its_budget', async () => {
    const who = await person('rt-demand', 'ent-c');
    const r = await counted('demand', 'submit', { category: '融资', title: '设备更新贷款咨询', description: '计划更新两条产线，想了解贴息政策和合作银行。', contactWay: '电话联系', contactPhone: '13912345678' }, who);
    within('demand.submit', r.requests);
  });

  test('saving_a_study_record_stays_within_its_budget', async () => {
    const g = await ok(gw.call('study', 'createGroup', { name: `测试小组${freshOpenid('g').slice(-10)}`, kind: 'topic' }, 'demo-secretary'));
    await ok(gw.call('study', 'setTopic', { groupId: g.id, month: parkMonth(), title: '测试专题', minRecordChars: 50, materials: [{ kind: 'text', title: '资料1', body: '学习内容'.repeat(5) }] }, 'demo-secretary'));
    const m = freshOpenid('rt-study');
    await col('users').add({ _id: m, ...newUser(m), roles: ['member'], branchId: 'branch-joint', memberStatus: 'approved', profile: { name: '测试党员' }, privacyAcceptedAt: new Date() });
    await ok(gw.call('study', 'joinByCode', { code: g.inviteCode }, m));
    const r = await counted('study', 'saveRecord', { groupId: g.id, month: parkMonth(), content: '本月学习了党章总纲，'.repeat(7) }, m);
    within('study.saveRecord', r.requests);
  });

  test('redeeming_an_invite_stays_within_its_budget', async () => {
    const { code } = await ok(gw.call('user', 'createInvite', { enterpriseId: 'ent-e' }, 'demo-admin'));
    const who = await person('rt-invite');
    within('user.redeemInvite', (await counted('user', 'redeemInvite', { code }, who)).requests);
  });

  test('claiming_a_policy_package_stays_within_its_budget', async () => {
    const who = await person('rt-claim', 'ent-f');
    within('policy.claimPackage', (await counted('policy', 'claimPackage', { packageId: 'pkg-small' }, who)).requests);
  });
});
