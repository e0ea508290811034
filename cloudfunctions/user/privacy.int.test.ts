/** 我的数据 and 删除我的数据 (user.myData / user.deleteMyData) through the local gateway. */
import fs from 'fs';
import path from 'path';
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { REPO_ROOT } from '../../local/gateway';
import { cmd, col } from '../../server/core/db';

const cmdIn = (values: string[]) => cmd().in(values);
import * as auditLog from '../../server/core/audit';
import type { CollectionName } from '../../server/core/schema';
import { dayjs, PARK_TZ, parkDay } from '../../server/core/time';
import { codeOf, countersAndRows, makeActivity, ok } from '../../local/volunteer.testkit';
import { slotCells } from '../appointment/slotGen';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const day = (n: number) => dayjs().tz(PARK_TZ).add(n, 'day').format('YYYY-MM-DD');

/** Every collection the deployment declares, read whole (test data is small). */
const COLLECTIONS: CollectionName[] = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cloudbaserc.json'), 'utf8'))
  .framework.plugins.database.inputs.collections.map((c: { collectionName: string }) => c.collectionName);
async function dump(exceptUser = ''): Promise<string> {
  const all = await Promise.all(
    COLLECTIONS.map(async (c) => [c, (await col(c).limit(1000).get()).data.filter((d) => !(c === 'users' && d._id === exceptUser))] as const),
  );
  return JSON.stringify(all);
}

/** An open online slot `days` ahead of a new legal expert (written directly, as the appointment tests do). */
async function openSlot(days: number): Promise<string> {
  const start = new Date(Math.ceil((Date.now() + days * 86400_000) / 300_000) * 300_000);
  const end = new Date(start.getTime() + 3600_000);
  // A new expert: the seeded experts' slots could overlap this one at some hours of the day.
  const expert = freshOpenid('expert');
  await gw.call('user', 'me', {}, expert);
  await ok(gw.call('appointment', 'addExpert', { openid: expert, teamId: 'team-legal', name: '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] }, 'demo-admin'));
  const { id } = await col('slots').add({
    expertId: expert, teamId: 'team-legal', startAt: start, endAt: end, mode: 'online', venueId: null, place: '线上', kind: 'bookable',
    rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(expert, start, end), priorityUntil: null, priorityEnterpriseIds: [], createdAt: new Date(),
  });
  return id;
}

/** A person who uses most of the app: consent, profile, enterprise + Party member, check-in, sign-up, room, demand, study. */
async function activePerson(tag: string, name: string, phone: string, activityId: string, room: { start: string; end: string }, slotDays: number) {
  const openid = freshOpenid(tag);
  await ok(gw.call('user', 'acceptPrivacy', {}, openid));
  await ok(gw.call('user', 'updateProfile', { name, phone, organisation: '苏州云帆软件信息技术有限公司' }, openid));
  await ok(gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId: 'ent-c' }, 'demo-admin'));
  await ok(gw.call('checkin', 'scan', { code: 'v:venue-hall' }, openid));
  await ok(gw.call('volunteer', 'signUp', { activityId }, openid));
  const booking = await ok(gw.call('room', 'book', { venueId: 'venue-life', day: day(2), ...room, purpose: '企业党员学习', attendees: 6 }, openid));
  const appointment = await ok(gw.call('appointment', 'book', { slotId: await openSlot(slotDays), topic: '股权激励方案咨询' }, openid));
  const demand = await ok(gw.call('demand', 'submit', { category: '融资', title: '设备更新贷款咨询', description: '计划更新两条产线，想了解贴息政策和合作银行。', contactWay: '电话联系', contactPhone: phone }, openid));
  await col('outbox').add({ type: 'test', toOpenid: openid, template: 'demandProgress', data: { title: '诉求进展' }, page: '', dueAt: new Date(), status: 'sent', attempts: 1, channel: 'inbox', readAt: null, ref: `demands/${demand.id}`, createdAt: new Date() });
  // A volunteer-hours certificate issued earlier this year (its name is the person's).
  const year = parkDay().slice(0, 4);
  await col('volunteerCertificates').add({ _id: `${openid}:${year}-01-01:${year}-06-30`, code: `T${tag.toUpperCase()}${Date.now().toString(36)}`.slice(0, 16), openid, name, minutes: 120, activities: 1, periodFrom: `${year}-01-01`, periodTo: `${year}-06-30`, issuer: '星河湾产业园党群服务中心', issuedAt: new Date(), currentKey: `${openid}:${year}`, nameSource: 'self', supersededAt: null, revokedAt: null });
  // Study: a member of a topic group with this month's progress and a 自学记录 (written straight to the database).
  const month = dayjs().tz(PARK_TZ).format('YYYY-MM');
  await col('studyMembers').add({ _id: `sg-test:${openid}`, groupId: 'sg-test', openid, via: 'code', joinedAt: new Date() });
  await col('studyProgress').add({ _id: `sg-test:${month}:${openid}`, groupId: 'sg-test', month, openid, readIds: ['m1'], recordChars: 60, recordAt: new Date(), updatedAt: new Date() });
  await col('studyRecords').add({ _id: `sg-test:${month}:${openid}`, groupId: 'sg-test', month, openid, content: `${name}的学习体会`.repeat(5), chars: 60, createdAt: new Date(), updatedAt: new Date() });
  return { openid, booking, demand, appointment };
}

/** A consenting person with a name, optionally an enterprise contact of `enterpriseId`. */
async function person(tag: string, name: string, enterpriseId?: string): Promise<string> {
  const openid = freshOpenid(tag);
  await ok(gw.call('user', 'acceptPrivacy', {}, openid));
  await ok(gw.call('user', 'updateProfile', { name }, openid));
  if (enterpriseId) await ok(gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin'));
  return openid;
}

/**
 * A deletion that stops partway, as a lost connection or a crash would: the last database write
 * before the user reset (the erasure's audit row) fails once. Everything before it has run.
 */
async function interruptedDelete(openid: string): Promise<void> {
  const spy = jest.spyOn(auditLog, 'auditErasure').mockRejectedValueOnce(new Error('connection reset'));
  // The router logs the failure; expected here, so kept out of the test output.
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const r = await gw.call('user', 'deleteMyData', { confirm: true }, openid);
    expect(r.body.error?.code).toBe('INTERNAL');
    expect(spy).toHaveBeenCalledTimes(1);
  } finally {
    spy.mockRestore();
    log.mockRestore();
  }
}

/** The newest erasure record's actor: the pseudonym of the person deleted last. */
async function lastErasurePseudonym(): Promise<string> {
  const [a] = (await col('audit').where({ action: 'deleteMyData' }).orderBy('at', 'desc').limit(1).get()).data;
  expect(a.target).toBe(`users/${a.actor}`);
  return a.actor;
}

describe('我的数据 and deleting it', () => {
  test('my_data_shows_only_own_data_and_deletion_anonymises_kept_records_deletes_the_rest_and_keeps_counters', async () => {
    const activityId = await makeActivity(gw, { capacity: 1 });
    const counter = async () => (await col('bookingCounters').doc('ent-c_team-legal').get()).data[0]?.open ?? 0;
    const openBefore = await counter();
    const me = await activePerson('erase', '欧阳删除', '13900001111', activityId, { start: '09:00', end: '10:00' }, 3);
    const other = await activePerson('keep', '司马保留', '13900002222', activityId, { start: '10:00', end: '11:00' }, 4);

    // Each sees their own data only.
    const mine = await ok(gw.call('user', 'myData', {}, me.openid));
    const count = (d: any, key: string) => d.sections.find((s: { key: string }) => s.key === key).count;
    expect(mine.profile).toEqual({ name: '欧阳删除', phone: '13900001111', organisation: '苏州云帆软件信息技术有限公司' });
    expect(mine.roles).toEqual(['企业联系人']);
    expect(mine.canDelete).toBe(true);
    for (const key of ['checkins', 'volunteer', 'bookings', 'rooms', 'demands', 'study', 'certificates', 'messages']) expect([key, count(mine, key)]).toEqual([key, 1]);
    expect(JSON.stringify(mine)).not.toContain('司马保留');
    const theirs = await ok(gw.call('user', 'myData', {}, other.openid));
    expect(theirs.sections.find((s: { key: string }) => s.key === 'volunteer').recent[0].note).toMatch(/ 候补$/);
    expect(JSON.stringify(theirs)).not.toContain('欧阳删除');

    // A stray call without the confirmation deletes nothing.
    expect(await codeOf(gw.call('user', 'deleteMyData', {}, me.openid))).toBe('VALIDATION');
    expect(await codeOf(gw.call('user', 'deleteMyData', { confirm: false }, me.openid))).toBe('VALIDATION');
    expect((await ok(gw.call('user', 'me', {}, me.openid))).privacyAccepted).toBe(true);

    const otherBefore = await ok(gw.call('user', 'myData', {}, other.openid));
    const r = await ok(gw.call('user', 'deleteMyData', { confirm: true }, me.openid));
    expect(r.cancelled).toEqual({ volunteerRegistrations: 1, bookings: 1, roomBookings: 1 });
    // outbox: the 消息中心 message (the appointment is a request nobody confirmed, so it has no reminder: L-10).
    expect(r.deleted).toMatchObject({ studyRecords: 1, studyMembers: 1, outbox: 1, volunteerCertificates: 1 });
    expect(r.anonymised).toMatchObject({ checkins: 1, volunteerRegistrations: 1, roomBookingsBooked: 1, demands: 1, studyProgress: 1, enterpriseContacts: 1 });

    // Nothing anywhere still names the person: not the openid, the name or the phone — except
    // their own fresh visitor record (they are still a WeChat user opening the app).
    const db = await dump(me.openid);
    for (const s of [me.openid, '欧阳删除', '13900001111']) expect([s, db.includes(s)]).toEqual([s, false]);
    expect(db).toContain('司马保留');

    // Kept records are there under one pseudonym; the volunteer place went to the waiting person.
    const [audit] = (await col('audit').where({ action: 'deleteMyData' }).get()).data;
    const P = audit.actor;
    expect(P).toMatch(/^anon-/);
    expect(audit.target).toBe(`users/${P}`);
    const [checkin] = (await col('checkins').where({ openid: P }).get()).data;
    expect(checkin.key).toBe(`v:venue-hall:${P}:${day(0)}`);
    const [demand] = (await col('demands').doc(me.demand.id).get()).data;
    expect(demand).toMatchObject({ submittedBy: P, submitterName: '', contactPhone: null, enterpriseId: 'ent-c', state: 'submitted' });
    expect(demand.timeline[0]).toMatchObject({ by: P, name: '' });
    const [room] = (await col('roomBookings').doc(me.booking.id).get()).data;
    expect(room).toMatchObject({ state: 'cancelled', bookedBy: P, bookedByName: '' });
    expect(room.owners).not.toContain(me.openid);
    // The expert appointment: cancelled through the domain (slot open again, the enterprise's counter back).
    const [appt] = (await col('bookings').doc(me.appointment.id).get()).data;
    expect(appt).toMatchObject({ state: 'cancelled', bookedBy: P, bookedByName: '' });
    expect(appt.history.every((h) => h.by !== me.openid)).toBe(true);
    expect((await col('slots').doc(appt.slotId).get()).data[0]).toMatchObject({ state: 'open', bookingId: null });
    expect(await counter()).toBe(openBefore + 1);
    const month = dayjs().tz(PARK_TZ).format('YYYY-MM');
    expect((await col('studyProgress').doc(`sg-test:${month}:${P}`).get()).data[0]).toMatchObject({ openid: P, recordChars: 60 });
    const vol = await countersAndRows(activityId);
    expect(vol.confirmed.map((x) => x.openid)).toEqual([other.openid]);
    expect(vol.waitlisted).toHaveLength(0);
    expect(vol.a).toMatchObject({ confirmed: 1, left: 0, waiting: 0 });
    expect(vol.rows.find((x) => x.openid === P)).toMatchObject({ status: 'cancelled' });

    // Back to a fresh visitor who must consent again.
    const after = await ok(gw.call('user', 'me', {}, me.openid));
    expect(after).toMatchObject({ privacyAccepted: false, roles: ['visitor'], profile: {}, enterprise: null, memberStatus: 'none' });
    expect(await codeOf(gw.call('user', 'updateProfile', { name: '欧阳删除' }, me.openid))).toBe('FORBIDDEN');
    expect(await codeOf(gw.call('checkin', 'scan', { code: 'v:venue-hall' }, me.openid))).toBe('FORBIDDEN');
    const empty = await ok(gw.call('user', 'myData', {}, me.openid));
    expect(empty.sections.every((s: { count: number }) => s.count === 0)).toBe(true);

    // The other person is untouched.
    expect(await ok(gw.call('user', 'myData', {}, other.openid))).toEqual({
      ...otherBefore,
      // The only change: promoted from the waitlist to the place the deleted person gave up.
      sections: otherBefore.sections.map((s: any) => (s.key === 'volunteer' ? { ...s, recent: [{ ...s.recent[0], note: s.recent[0].note.replace('候补', '已报名') }] } : s)),
    });

    // A second delete after a finished one (a repeated tap) changes nothing. (A retry after an
    // interrupted one: a_deletion_interrupted_partway_is_finished_by_a_retry_under_the_same_pseudonym.)
    const before2 = await dump();
    const again = await ok(gw.call('user', 'deleteMyData', { confirm: true }, me.openid));
    expect(again.cancelled).toEqual({});
    expect(Object.values(again.deleted).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.anonymised).every((n) => n === 0)).toBe(true);
    const strip = (s: string) => JSON.parse(s).map(([c, rows]: [string, any[]]) => [c, c === 'audit' || c === 'users' ? rows.length : rows]);
    expect(strip(await dump()).filter(([c]: [string]) => c !== 'audit' && c !== 'users')).toEqual(strip(before2).filter(([c]: [string]) => c !== 'audit' && c !== 'users'));
  });

  test('coming_back_and_deleting_again_uses_a_new_pseudonym_so_unique_keys_never_collide', async () => {
    const openid = freshOpenid('twice');
    const visit = async () => {
      await ok(gw.call('user', 'acceptPrivacy', {}, openid));
      await ok(gw.call('checkin', 'scan', { code: 'v:venue-school' }, openid));
      return ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    };
    await visit();
    await visit();
    const rows = (await col('checkins').where({ venueId: 'venue-school', day: day(0) }).get()).data.filter((c) => c.openid.startsWith('anon-'));
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((c) => c.openid)).size).toBe(2);
  });

  test('every_future_sign_up_is_cancelled_past_the_first_hundred', async () => {
    // One real sign-up, then 104 more: copies of its activity and registration under new ids (each
    // activity with its own counters, as the cancel action expects).
    const activityId = await makeActivity(gw, { capacity: 3 });
    const openid = await person('many', '欧阳多报');
    await ok(gw.call('volunteer', 'signUp', { activityId }, openid));
    const [a] = (await col('volunteerActivities').doc(activityId).get()).data;
    const [reg] = (await col('volunteerRegistrations').where({ activityId, openid }).get()).data;
    const ids = [activityId, ...Array.from({ length: 104 }, (_, i) => `${activityId}-copy${String(i).padStart(3, '0')}`)];
    for (const id of ids.slice(1)) {
      const { _id: _a, ...activity } = a;
      const { _id: _r, ...row } = reg;
      await col('volunteerActivities').add({ ...activity, _id: id });
      await col('volunteerRegistrations').add({ ...row, _id: `${id}-reg`, activityId: id, activeKey: `${id}:${openid}` });
    }
    await ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    const active = (await col('volunteerRegistrations').where({ activityId: cmdIn(ids), status: cmdIn(['confirmed', 'waitlisted']) }).limit(1000).get()).data;
    expect(active).toHaveLength(0);
    const cancelled = (await col('volunteerRegistrations').where({ activityId: cmdIn(ids), status: 'cancelled' }).limit(1000).get()).data;
    expect(cancelled).toHaveLength(105);
  });

  test('a_deletion_interrupted_partway_is_finished_by_a_retry_under_the_same_pseudonym', async () => {
    const activityId = await makeActivity(gw, { capacity: 3 });
    const me = await activePerson('retry', '上官重试', '13900003333', activityId, { start: '13:00', end: '14:00' }, 5);
    await interruptedDelete(me.openid);
    // Halfway: the record is not reset yet (so the pseudonym can be computed again).
    expect((await col('users').doc(me.openid).get()).data[0].profile?.name).toBe('上官重试');

    const r = await ok(gw.call('user', 'deleteMyData', { confirm: true }, me.openid));
    expect(r.cancelled).toEqual({});
    const P = await lastErasurePseudonym();
    expect(P).toMatch(/^anon-/);
    // Every kept row carries that one pseudonym…
    const month = dayjs().tz(PARK_TZ).format('YYYY-MM');
    expect((await col('checkins').where({ openid: P }).count()).total).toBe(1);
    expect((await col('volunteerRegistrations').where({ openid: P, activityId }).count()).total).toBe(1);
    expect((await col('roomBookings').doc(me.booking.id).get()).data[0]).toMatchObject({ bookedBy: P, state: 'cancelled' });
    expect((await col('bookings').doc(me.appointment.id).get()).data[0]).toMatchObject({ bookedBy: P, state: 'cancelled' });
    expect((await col('demands').doc(me.demand.id).get()).data[0]).toMatchObject({ submittedBy: P });
    expect((await col('studyProgress').doc(`sg-test:${month}:${P}`).get()).data).toHaveLength(1);
    // …and nothing anywhere still has the openid, the name or the phone.
    const db = await dump(me.openid);
    for (const s of [me.openid, '上官重试', '13900003333']) expect([s, db.includes(s)]).toEqual([s, false]);
    expect((await ok(gw.call('user', 'me', {}, me.openid))).privacyAccepted).toBe(false);
  });

  test('consent_is_withdrawn_first_so_check_ins_sign_ups_and_bookings_during_a_deletion_are_refused', async () => {
    const activityId = await makeActivity(gw, { capacity: 3 });
    const openid = await person('during', '诸葛并发', 'ent-c');
    await interruptedDelete(openid);
    // What a request arriving while the deletion runs finds: no consent, so nothing new is stored.
    for (const [fn, action, params] of [
      ['checkin', 'scan', { code: 'v:venue-school' }],
      ['volunteer', 'signUp', { activityId }],
      ['room', 'book', { venueId: 'venue-life', day: day(3), start: '15:00', end: '16:00', purpose: '企业党员学习', attendees: 4 }],
    ] as const) {
      expect([action, await codeOf(gw.call(fn, action, params, openid))]).toEqual([action, 'FORBIDDEN']);
    }
    await ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    expect((await dump(openid)).includes(openid)).toBe(false);
  });

  test('a_colleague_booking_the_person_cancelled_loses_their_openid_and_keeps_the_booker', async () => {
    const booker = await person('booker', '钱预约', 'ent-c');
    const me = await person('canceller', '孙取消', 'ent-c');
    const appt = await ok(gw.call('appointment', 'book', { slotId: await openSlot(6), topic: '劳动合同条款咨询' }, booker));
    await ok(gw.call('appointment', 'cancel', { bookingId: appt.id, reason: '时间冲突' }, me));
    await ok(gw.call('user', 'deleteMyData', { confirm: true }, me));
    const P = await lastErasurePseudonym();
    const [b] = (await col('bookings').doc(appt.id).get()).data;
    expect(b).toMatchObject({ bookedBy: booker, bookedByName: '钱预约', state: 'cancelled' });
    expect(b.history.map((h) => h.by)).toEqual([booker, P]);
    expect((await dump(me)).includes(me)).toBe(false);
  });

  test('audit_rows_about_other_records_that_name_the_person_lose_the_openid', async () => {
    const openid = await person('attendee', '欧阳参会');
    const rec = `orgLife/ol-erase-${Date.now().toString(36)}`;
    // Shaped as org/addAttendees, org/removeAttendee and study/removeMember write them.
    await col('audit').add({ actor: 'demo-secretary', fn: 'org', action: 'addAttendees', target: rec, before: null, after: { openids: ['demo-member', openid], guestNames: [] }, at: new Date() });
    await col('audit').add({ actor: 'demo-secretary', fn: 'org', action: 'removeAttendee', target: rec, before: { openid }, after: null, at: new Date() });
    await col('audit').add({ actor: 'demo-secretary', fn: 'study', action: 'removeMember', target: `studyMembers/sg-test:${openid}`, before: { groupId: 'sg-test', openid }, after: null, at: new Date() });
    const r = await ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    expect(r.anonymised.auditTargets).toBe(3);
    const P = await lastErasurePseudonym();
    const rows = (await col('audit').where({ target: rec }).get()).data;
    expect(rows.find((a) => a.action === 'addAttendees')?.after).toEqual({ openids: ['demo-member', P], guestNames: [] });
    expect(rows.find((a) => a.action === 'removeAttendee')?.before).toEqual({ openid: P });
    expect((await col('audit').where({ target: `studyMembers/sg-test:${P}` }).count()).total).toBe(1);
    expect((await dump(openid)).includes(openid)).toBe(false);
  });

  test('deleting_a_person_leaves_untouched_the_openid_of_someone_whose_openid_contains_theirs', async () => {
    const openid = await person('prefix', '欧阳前缀');
    const longer = `${openid}2`; // as demo-enterprise-a2 contains demo-enterprise-a
    const rec = `orgLife/ol-prefix-${Date.now().toString(36)}`;
    await col('audit').add({ actor: 'demo-secretary', fn: 'org', action: 'addAttendees', target: rec, before: null, after: { openids: [openid, longer], guestNames: [] }, at: new Date() });
    await col('audit').add({ actor: 'demo-secretary', fn: 'study', action: 'removeMember', target: `studyMembers/sg-test:${longer}`, before: { groupId: 'sg-test', openid, note: `${longer} 也在组内` }, after: null, at: new Date() });
    await ok(gw.call('user', 'deleteMyData', { confirm: true }, openid));
    const P = await lastErasurePseudonym();
    const [added] = (await col('audit').where({ target: rec }).get()).data;
    expect(added.after).toEqual({ openids: [P, longer], guestNames: [] });
    const [removed] = (await col('audit').where({ action: 'removeMember', 'before.openid': P }).get()).data;
    expect(removed).toMatchObject({ target: `studyMembers/sg-test:${longer}`, before: { groupId: 'sg-test', openid: P, note: `${longer} 也在组内` } });
  });

  test('a_former_expert_with_an_expert_profile_is_refused_and_a_former_admin_is_anonymised_as_actor', async () => {
    const expert = freshOpenid('exexpert');
    await ok(gw.call('user', 'acceptPrivacy', {}, expert));
    await ok(gw.call('appointment', 'addExpert', { openid: expert, teamId: 'team-legal', name: '前任专家', organisation: '测试律师事务所', specialities: ['合同审查'] }, 'demo-admin'));
    await ok(gw.call('user', 'revokeRole', { openid: expert, role: 'expert' }, 'demo-admin'));
    const refused = await gw.call('user', 'deleteMyData', { confirm: true }, expert);
    expect(refused.body.error?.code).toBe('CONFLICT');
    expect(refused.body.error.message).toContain('专家档案');
    const mine = await ok(gw.call('user', 'myData', {}, expert));
    expect(mine.canDelete).toBe(false);
    expect(mine.deleteRefusal).toContain('专家档案');
    expect((await ok(gw.call('user', 'me', {}, expert))).privacyAccepted).toBe(true);

    // A former admin: the audit rows they wrote keep the change, under the pseudonym.
    const admin = await person('exadmin', '前任管理员');
    const subject = await person('subject', '被授权人');
    await ok(gw.call('user', 'grantRole', { openid: admin, role: 'admin' }, 'demo-admin'));
    await ok(gw.call('user', 'grantRole', { openid: subject, role: 'instructor' }, admin));
    await ok(gw.call('user', 'revokeRole', { openid: admin, role: 'admin' }, 'demo-admin'));
    expect((await ok(gw.call('user', 'myData', {}, admin))).deleteRefusal).toBeNull();
    await ok(gw.call('user', 'deleteMyData', { confirm: true }, admin));
    const P = await lastErasurePseudonym();
    expect((await col('audit').where({ actor: P, target: `users/${subject}` }).count()).total).toBe(1);
    expect((await dump(admin)).includes(admin)).toBe(false);
  });

  test('people_holding_a_park_position_are_asked_to_be_relieved_first', async () => {
    for (const who of ['demo-secretary', 'demo-admin', 'demo-expert-legal']) {
      const r = await gw.call('user', 'deleteMyData', { confirm: true }, who);
      expect([who, r.body.error?.code]).toEqual([who, 'CONFLICT']);
      expect((await ok(gw.call('user', 'myData', {}, who))).canDelete).toBe(false);
    }
    expect((await ok(gw.call('user', 'me', {}, 'demo-secretary'))).privacyAccepted).toBe(true);
  });

  test('personal_data_is_refused_before_consent_sign_up_check_in_and_enterprise_binding', async () => {
    const openid = freshOpenid('noconsent');
    const activityId = await makeActivity(gw, { capacity: 3 });
    for (const [fn, action, params] of [
      ['volunteer', 'signUp', { activityId }],
      ['checkin', 'scan', { code: 'v:venue-hall' }],
      ['user', 'redeemInvite', { code: 'YUNFAN26' }],
      ['user', 'updateProfile', { name: '未同意' }],
    ] as const) {
      const r = await gw.call(fn, action, params, openid);
      expect([action, r.body.error?.code]).toEqual([action, 'FORBIDDEN']);
      expect(r.body.error.message).toContain('隐私保护指引');
    }
    expect((await col('volunteerRegistrations').where({ openid }).count()).total).toBe(0);
    expect((await col('checkins').where({ openid }).count()).total).toBe(0);
  });
});
