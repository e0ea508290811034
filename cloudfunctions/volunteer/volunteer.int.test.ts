/** `volunteer` through the local gateway against the embedded emulator (integration tier). */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { signEventCode } from '../checkin/codes';
import { VOLUNTEER_ACTIVITIES } from '../../local/seed-volunteer';
import { codeOf, countersAndRows, makeActivity, moveActivity, ok, parkAt, people } from '../../local/volunteer.testkit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const signUp = (activityId: string, who: string) => gw.call('volunteer', 'signUp', { activityId }, who);
const cancel = (activityId: string, who: string) => gw.call('volunteer', 'cancel', { activityId }, who);

async function expectExact(id: string) {
  const { a, rows, confirmed, waitlisted, active } = await countersAndRows(id);
  expect(a.confirmed).toBe(confirmed.length);
  expect(a.waiting).toBe(waitlisted.length);
  expect(a.confirmed + a.left).toBe(a.capacity);
  expect(a.debt).toBe(0);
  expect(confirmed.length).toBeLessThanOrEqual(a.capacity);
  expect(confirmed.length + waitlisted.length).toBe(active.length);
  if (waitlisted.length) expect(a.left).toBe(0);
  return { a, rows, confirmed, waitlisted, active };
}

test('seeded_activities_have_counters_equal_to_their_rows', async () => {
  for (const s of VOLUNTEER_ACTIVITIES) await expectExact(s.id);
  const { items: list } = await ok(gw.call('volunteer', 'listActivities', {}, 'demo-visitor'));
  const titles = list.map((a: { title: string }) => a.title);
  expect(titles).toContain('送党课进企业：新质生产力与基层党建');
  // Soonest first; past activities are not in the upcoming list.
  const starts = list.map((a: { startAt: string }) => new Date(a.startAt).getTime());
  expect([...starts].sort((x, y) => x - y)).toEqual(starts);
  expect(titles).not.toContain('送服务：园区企业职工义诊与政策咨询');
  const kepu = list.find((a: { id: string }) => a.id === 'va-kepu');
  expect(kepu).toMatchObject({ placesLeft: 1, capacity: 8, canSignUp: true });
});

test('places_fill_in_order_then_the_waitlist_gives_positions_and_a_cancel_promotes_the_first_waiting', async () => {
  const id = await makeActivity(gw, { capacity: 2 });
  const [p1, p2, p3, p4] = await people(gw, 4);
  expect((await ok(signUp(id, p1))).status).toBe('confirmed');
  expect((await ok(signUp(id, p2))).status).toBe('confirmed');
  expect(await ok(signUp(id, p3))).toMatchObject({ status: 'waitlisted', position: 1 });
  expect(await ok(signUp(id, p4))).toMatchObject({ status: 'waitlisted', position: 2 });
  // A repeated tap holds nothing new.
  expect(await ok(signUp(id, p3))).toMatchObject({ status: 'waitlisted', position: 1, already: true });
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, p4))).mine).toMatchObject({ status: 'waitlisted', position: 2 });

  await ok(cancel(id, p1));
  const mine3 = (await ok(gw.call('volunteer', 'getActivity', { id }, p3))).mine;
  expect(mine3).toMatchObject({ status: 'confirmed' });
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, p4))).mine).toMatchObject({ status: 'waitlisted', position: 1 });
  const note = (await col('outbox').where({ type: 'volunteer.promoted', toOpenid: p3 }).get()).data;
  expect(note).toHaveLength(1);
  expect(note[0]).toMatchObject({ template: 'volunteerPromoted', page: `packages/volunteer/detail/index?id=${id}`, status: 'pending' });
  // Cancelled people may sign up again (to the back of the line).
  expect(await ok(signUp(id, p1))).toMatchObject({ status: 'waitlisted', position: 2 });
  const { waitlisted } = await expectExact(id);
  expect(waitlisted.map((r) => r.openid)).toEqual([p4, p1]);
  expect((await ok(gw.call('volunteer', 'myRegistrations', {}, p1))).map((r: { status: string }) => r.status)).toEqual(['waitlisted', 'cancelled']);
});

test('a_burst_of_sign_ups_confirms_exactly_the_capacity_and_queues_the_rest_in_ticket_order', async () => {
  const id = await makeActivity(gw, { capacity: 10 });
  const crowd = await people(gw, 60, 'burst');
  const replies = await Promise.all(crowd.map((o) => ok(signUp(id, o))));
  expect(replies.filter((r) => r.status === 'confirmed')).toHaveLength(10);
  const positions = replies.filter((r) => r.status === 'waitlisted').map((r) => r.position).sort((x, y) => x - y);
  expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  const { rows } = await expectExact(id);
  expect(rows.map((r) => r.ticket).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  // The same person tapping ten times at once holds one registration.
  const [twice] = await people(gw, 1, 'twice');
  const taps = await Promise.all(Array.from({ length: 10 }, () => ok(signUp(id, twice))));
  expect(taps.filter((t) => !t.already)).toHaveLength(1);
  const after = await expectExact(id);
  expect(after.active.filter((r) => r.openid === twice)).toHaveLength(1);
});

test('concurrent_cancels_promote_different_people_in_order', async () => {
  const id = await makeActivity(gw, { capacity: 5 });
  const crowd = await people(gw, 12, 'cc');
  for (const o of crowd) await ok(signUp(id, o));
  await Promise.all(crowd.slice(0, 4).map((o) => ok(cancel(id, o))));
  const { confirmed, waitlisted } = await expectExact(id);
  expect(confirmed.map((r) => r.openid).sort()).toEqual([crowd[4], ...crowd.slice(5, 9)].sort());
  expect(waitlisted.map((r) => r.openid)).toEqual(crowd.slice(9));
});

test('sign_up_rules_members_only_not_open_closed_and_cancelled', async () => {
  const members = await makeActivity(gw, { eligibility: 'members' });
  expect(await codeOf(signUp(members, 'demo-visitor'))).toBe('FORBIDDEN');
  expect((await ok(signUp(members, 'demo-member'))).status).toBe('confirmed');
  const later = await makeActivity(gw, { signupOpensAt: parkAt(Date.now() + 86400_000) });
  const r = await signUp(later, 'demo-visitor');
  expect(r.body.error).toMatchObject({ code: 'CLOSED', message: '报名尚未开始，请在报名开始后再来。' });
  await ok(gw.call('volunteer', 'closeActivity', { id: members }, 'demo-admin'));
  expect(await codeOf(signUp(members, 'demo-secretary'))).toBe('CLOSED');
  expect(await codeOf(signUp('va-nonexistent', 'demo-visitor'))).toBe('NOT_FOUND');
  const gone = await makeActivity(gw);
  const [x, y] = await people(gw, 2);
  await ok(signUp(gone, x));
  await ok(signUp(gone, y));
  const c = await ok(gw.call('volunteer', 'cancelActivity', { id: gone, reason: '天气原因' }, 'demo-admin'));
  expect(c.notified).toBe(2);
  expect((await col('outbox').where({ type: 'volunteer.cancelled', ref: `volunteerActivities/${gone}` }).count()).total).toBe(2);
  expect(await codeOf(signUp(gone, 'demo-visitor'))).toBe('CLOSED');
  expect(await codeOf(cancel(gone, x))).toBe('CLOSED');
  expect((await col('audit').where({ fn: 'volunteer', action: 'cancelActivity', target: `volunteerActivities/${gone}` }).count()).total).toBe(1);
});

test('cancelling_a_closed_activity_is_audited_with_the_status_it_had_before', async () => {
  const id = await makeActivity(gw);
  await ok(gw.call('volunteer', 'closeActivity', { id }, 'demo-admin'));
  const c = await ok(gw.call('volunteer', 'cancelActivity', { id, reason: '天气原因取消' }, 'demo-admin'));
  expect(c.status).toBe('cancelled');
  const [row] = (await col('audit').where({ action: 'cancelActivity', target: `volunteerActivities/${id}` }).get()).data;
  expect(row).toMatchObject({ before: { status: 'closed' }, after: { status: 'cancelled', reason: '天气原因取消' } });
  expect(await codeOf(gw.call('volunteer', 'cancelActivity', { id, reason: '天气原因取消' }, 'demo-admin'))).toBe('CLOSED');
});

test('cancel_deadline_holds_for_confirmed_people', async () => {
  const id = await makeActivity(gw, { capacity: 1, cancelClosesAt: parkAt(Date.now() + 2 * 60_000) }, 60);
  const [a, b] = await people(gw, 2);
  await ok(signUp(id, a));
  await ok(signUp(id, b));
  await col('volunteerActivities').doc(id).update({ cancelClosesAt: new Date(Date.now() - 1000) });
  expect((await cancel(id, a)).body.error.code).toBe('CLOSED');
  // The waitlisted may still leave until the start.
  await ok(cancel(id, b));
  await expectExact(id);
});

test('capacity_changes_promote_the_waitlist_and_never_drop_a_confirmed_person', async () => {
  const id = await makeActivity(gw, { capacity: 2 });
  const crowd = await people(gw, 5, 'cap');
  for (const o of crowd) await ok(signUp(id, o));
  expect((await ok(gw.call('volunteer', 'updateActivity', { id, capacity: 4 }, 'demo-admin'))).promoted).toBe(2);
  let s = await expectExact(id);
  expect(s.confirmed.map((r) => r.openid).sort()).toEqual(crowd.slice(0, 4).sort());
  expect(await codeOf(gw.call('volunteer', 'updateActivity', { id, capacity: 3 }, 'demo-admin'))).toBe('CONFLICT');
  await ok(gw.call('volunteer', 'updateActivity', { id, capacity: 7, title: '改名后的活动' }, 'demo-admin'));
  s = await expectExact(id);
  expect(s.confirmed).toHaveLength(5);
  expect(s.a).toMatchObject({ left: 2, title: '改名后的活动' });
  expect(s.rows.every((r) => r.title === '改名后的活动')).toBe(true);
  await ok(gw.call('volunteer', 'updateActivity', { id, capacity: 5 }, 'demo-admin'));
  await expectExact(id);
});

test('an_activity_edit_is_all_or_nothing_and_its_event_and_registrations_follow_with_a_notice', async () => {
  const id = await makeActivity(gw, { title: '测试活动C', capacity: 2 });
  const crowd = await people(gw, 2, 'edit');
  for (const o of crowd) await ok(signUp(id, o));
  const before = (await col('volunteerActivities').doc(id).get()).data[0];
  const eventOf = async () => (await col('events').doc(before.eventId).get()).data[0];
  const eventBefore = await eventOf();
  const later = new Date(before.startAt).getTime() + 86400_000 + 3600_000;
  const moved = { title: '测试活动C（改期）', place: '党员活动室', startAt: parkAt(later), endAt: parkAt(later + 2 * 3600_000), signupClosesAt: parkAt(later), cancelClosesAt: parkAt(later - 2 * 3600_000) };

  // A capacity below the confirmed people: refused, and nothing of the edit is stored anywhere.
  const refused = await gw.call('volunteer', 'updateActivity', { id, ...moved, capacity: 1 }, 'demo-admin');
  expect([refused.body.error?.code, refused.body.error?.message]).toEqual(['CONFLICT', '已确认的人数多于新的名额，不能减少到这么少；请先与已报名的志愿者沟通。']);
  // Merged times that do not hold (the end before the kept start): refused before any write.
  expect(await codeOf(gw.call('volunteer', 'updateActivity', { id, endAt: parkAt(new Date(before.startAt).getTime() - 3600_000) }, 'demo-admin'))).toBe('VALIDATION');
  let s = await expectExact(id);
  expect(s.a).toMatchObject({ title: '测试活动C', place: before.place, capacity: 2, startAt: before.startAt, endAt: before.endAt });
  expect(await eventOf()).toMatchObject({ title: eventBefore.title, startAt: eventBefore.startAt, endAt: eventBefore.endAt });
  expect(s.rows.map((r) => [r.title, new Date(r.startAt).getTime()])).toEqual(crowd.map(() => ['测试活动C', new Date(before.startAt).getTime()]));
  expect((await col('outbox').where({ ref: `volunteerActivities/${id}`, type: 'volunteer.changed' }).count()).total).toBe(0);

  // The same move with a capacity that fits: the activity, its event and every registration follow,
  // and both people are told the new time and place.
  const r = await ok(gw.call('volunteer', 'updateActivity', { id, ...moved, capacity: 3 }, 'demo-admin'));
  expect(r.notified).toBe(2);
  s = await expectExact(id);
  expect(s.a).toMatchObject({ title: '测试活动C（改期）', place: '党员活动室', capacity: 3 });
  const start = new Date(s.a.startAt).getTime();
  expect(start).toBe(new Date(moved.startAt.replace(' ', 'T') + ':00+08:00').getTime());
  const ev = await eventOf();
  expect([ev.title, ev.place, new Date(ev.startAt).getTime(), new Date(ev.endAt).getTime()]).toEqual(['测试活动C（改期）', '党员活动室', start, new Date(s.a.endAt).getTime()]);
  expect(s.rows.map((x) => [x.title, new Date(x.startAt).getTime(), new Date(x.endAt).getTime()])).toEqual(crowd.map(() => ['测试活动C（改期）', start, new Date(s.a.endAt).getTime()]));
  const told = (await col('outbox').where({ ref: `volunteerActivities/${id}`, type: 'volunteer.changed' }).get()).data;
  expect(told.map((o) => o.toOpenid).sort()).toEqual([...crowd].sort());
  expect(told[0]).toMatchObject({ template: 'volunteerChanged', data: { title: '测试活动C（改期）', place: '党员活动室' } });
  // A title-only edit tells nobody.
  await ok(gw.call('volunteer', 'updateActivity', { id, title: '测试活动C（第二期）' }, 'demo-admin'));
  expect((await col('outbox').where({ ref: `volunteerActivities/${id}`, type: 'volunteer.changed' }).count()).total).toBe(2);
});

describe('sign-in and sign-out with the activity code (checkin.scan)', () => {
  test('a_volunteer_sign_out_is_answered_signed_out_not_already_signed_in', async () => {
    const id = await makeActivity(gw, { capacity: 1 }, 60);
    const [vol] = await people(gw, 1, 'scan');
    await ok(signUp(id, vol));
    await moveActivity(id, Date.now() - 50 * 60_000, 120);
    const { admin } = await ok(gw.call('volunteer', 'getActivity', { id }, 'demo-admin'));
    const code = (await ok(gw.call('checkin', 'currentCode', { eventId: admin.eventId }, 'demo-admin'))).scene;
    expect(await ok(gw.call('checkin', 'scan', { code }, vol))).toMatchObject({ status: 'ok', volunteer: { action: 'signIn' } });
    const reg = (await col('volunteerRegistrations').where({ activityId: id, openid: vol }).get()).data[0];
    await col('volunteerRegistrations').doc(reg._id).update({ signedInAt: new Date(Date.now() - 40 * 60_000) });
    expect(await ok(gw.call('checkin', 'scan', { code }, vol))).toMatchObject({ status: 'signedOut', volunteer: { action: 'signOut' } });
  });

  test('first_scan_signs_in_a_later_scan_signs_out_and_hours_are_capped_at_the_span', async () => {
    const id = await makeActivity(gw, { capacity: 1 }, 60);
    const [vol, waiting, stranger] = await people(gw, 3, 'scan');
    await ok(signUp(id, vol));
    await ok(signUp(id, waiting));
    // The activity started 50 minutes ago and runs for 2 hours.
    await moveActivity(id, Date.now() - 50 * 60_000, 120);
    const { admin } = await ok(gw.call('volunteer', 'getActivity', { id }, 'demo-admin'));
    const code = (await ok(gw.call('checkin', 'currentCode', { eventId: admin.eventId }, 'demo-admin'))).scene;

    const first = await ok(gw.call('checkin', 'scan', { code }, vol));
    expect(first).toMatchObject({ status: 'ok', volunteer: { action: 'signIn' } });
    const again = await ok(gw.call('checkin', 'scan', { code }, vol));
    expect(again).toMatchObject({ status: 'already', volunteer: { action: 'repeat' } });
    expect(await codeOf(gw.call('checkin', 'scan', { code }, waiting))).toBe('FORBIDDEN');
    expect(await codeOf(gw.call('checkin', 'scan', { code }, stranger))).toBe('FORBIDDEN');

    // Signed in 40 minutes ago (i.e. 10 minutes after the start): a scan now is the sign-out.
    const reg = (await col('volunteerRegistrations').where({ activityId: id, openid: vol }).get()).data[0];
    await col('volunteerRegistrations').doc(reg._id).update({ signedInAt: new Date(Date.now() - 40 * 60_000) });
    const out = await ok(gw.call('checkin', 'scan', { code }, vol));
    expect(out.volunteer).toMatchObject({ action: 'signOut', minutes: 40 });
    expect(await ok(gw.call('volunteer', 'myHours', {}, vol))).toMatchObject({ minutes: 40, activities: 1, label: '40 分' });
    expect((await col('checkins').where({ eventId: admin.eventId, openid: vol }).count()).total).toBe(1);
  });

  test('a_sign_out_scanned_from_an_expired_code_is_refused_with_what_to_do_and_the_fresh_code_signs_out', async () => {
    const id = await makeActivity(gw, { capacity: 2 }, 60);
    const [vol] = await people(gw, 1, 'stale-out');
    await ok(signUp(id, vol));
    await moveActivity(id, Date.now() - 50 * 60_000, 120);
    const { admin } = await ok(gw.call('volunteer', 'getActivity', { id }, 'demo-admin'));
    const fresh = async () => (await ok(gw.call('checkin', 'currentCode', { eventId: admin.eventId }, 'demo-admin'))).scene;
    expect(await ok(gw.call('checkin', 'scan', { code: await fresh() }, vol))).toMatchObject({ volunteer: { action: 'signIn' } });
    const reg = (await col('volunteerRegistrations').where({ activityId: id, openid: vol }).get()).data[0];
    await col('volunteerRegistrations').doc(reg._id).update({ signedInAt: new Date(Date.now() - 40 * 60_000) });

    // The kiosk's last code, photographed or left on screen, long expired.
    const { rotateSeconds } = (await col('events').doc(admin.eventId).get()).data[0];
    const stale = signEventCode({ eventId: admin.eventId, rotateSeconds, secret: process.env.REDPARK_CHECKIN_SECRET!, now: Date.now() - 10 * 60_000 }).scene;
    const refused = await gw.call('checkin', 'scan', { code: stale }, vol);
    expect(refused.body.error).toMatchObject({ code: 'CLOSED', message: '签到码已过期，请扫描现场大屏上最新的二维码签到或签退。' });
    expect((await col('volunteerRegistrations').doc(reg._id).get()).data[0]).toMatchObject({ signedOutAt: null });

    expect((await ok(gw.call('checkin', 'scan', { code: await fresh() }, vol))).volunteer).toMatchObject({ action: 'signOut', minutes: 40 });
  });

  test('a_volunteer_who_signed_in_cannot_cancel_and_the_place_does_not_move_to_the_waitlist', async () => {
    const id = await makeActivity(gw, { capacity: 1 }, 60);
    const [vol, waiting] = await people(gw, 2, 'signed-in');
    await ok(signUp(id, vol));
    await ok(signUp(id, waiting));
    // Sign-in is open (the activity starts in 20 minutes) and the organiser left cancelling open until later.
    await moveActivity(id, Date.now() + 20 * 60_000, 120);
    await col('volunteerActivities').doc(id).update({ cancelClosesAt: new Date(Date.now() + 3600_000) });
    const { admin } = await ok(gw.call('volunteer', 'getActivity', { id }, 'demo-admin'));
    const code = (await ok(gw.call('checkin', 'currentCode', { eventId: admin.eventId }, 'demo-admin'))).scene;
    expect(await ok(gw.call('checkin', 'scan', { code }, vol))).toMatchObject({ volunteer: { action: 'signIn' } });

    const refused = await gw.call('volunteer', 'cancel', { activityId: id }, vol);
    expect(refused.body.error).toMatchObject({ code: 'CLOSED', message: '您已签到，不能取消报名；如需离开，请扫描现场二维码签退。' });
    expect((await ok(gw.call('volunteer', 'getActivity', { id }, vol))).mine).toMatchObject({ status: 'confirmed', cancelRefusal: '您已签到，不能取消报名；如需离开，请扫描现场二维码签退。' });
    const rows = (await col('volunteerRegistrations').where({ activityId: id }).get()).data;
    expect(Object.fromEntries(rows.map((r) => [r.openid, r.status]))).toEqual({ [vol]: 'confirmed', [waiting]: 'waitlisted' });
  });

  test('missing_sign_out_is_flagged_then_confirmed_no_shows_are_marked_and_the_roster_counts_them', async () => {
    const id = await makeActivity(gw, { capacity: 3 }, 60);
    const [stays, forgets, absent, late] = await people(gw, 4, 'roster');
    for (const o of [stays, forgets, absent]) await ok(signUp(id, o));
    await ok(signUp(id, late));
    // Ran 22:00–01:00 across midnight, ended 2 hours ago.
    const start = Math.floor((Date.now() - 5 * 3600_000) / 60_000) * 60_000;
    await moveActivity(id, start, 180);
    const rows = (await col('volunteerRegistrations').where({ activityId: id }).get()).data;
    const row = (o: string) => rows.find((r) => r.openid === o)!;
    await col('volunteerRegistrations').doc(row(stays)._id).update({ signedInAt: new Date(start - 600_000), signedOutAt: new Date(start + 200 * 60_000), minutes: 180, hours: 'auto' });
    await col('volunteerRegistrations').doc(row(forgets)._id).update({ signedInAt: new Date(start + 30 * 60_000), hours: 'open' });

    const pending = await ok(gw.call('volunteer', 'pendingHours', {}, 'demo-admin'));
    expect(pending.map((p: { id: string }) => p.id)).toContain(row(forgets)._id);

    const r1 = await ok(gw.call('volunteer', 'roster', { activityId: id }, 'demo-admin'));
    expect(r1.summary).toMatchObject({ confirmed: 3, waitlisted: 1, signedIn: 2, credited: 1, missingSignOut: 1, noShows: 1 });
    const byId = (list: { openid?: string; id: string; attendance: string }[], o: string) => list.find((p) => p.id === row(o)._id)!;
    expect(byId(r1.people, absent).attendance).toBe('no_show');
    expect(byId(r1.people, forgets).attendance).toBe('missing_out');

    await ok(gw.call('volunteer', 'settleHours', { registrationId: row(forgets)._id, mode: 'confirm' }, 'demo-admin'));
    await ok(gw.call('volunteer', 'settleHours', { registrationId: row(absent)._id, mode: 'fix', signedInAt: parkAt(start), signedOutAt: parkAt(start + 60 * 60_000) }, 'demo-admin'));
    const r2 = await ok(gw.call('volunteer', 'roster', { activityId: id }, 'demo-admin'));
    expect(r2.summary).toMatchObject({ credited: 3, missingSignOut: 0, noShows: 0, minutes: 180 + 150 + 60 });
    const csv = await ok(gw.call('volunteer', 'exportRoster', { activityId: id }, 'demo-admin'));
    expect(csv.rows).toBe(4);
    expect(csv.csv.split('\r\n')[0]).toBe('\uFEFF序号,姓名,手机号,单位,报名状态,候补位次,签到时间,签退时间,志愿时长（分钟）,出勤,累计缺席次数');
    expect((await col('audit').where({ fn: 'volunteer', action: 'settleHours' }).count()).total).toBeGreaterThanOrEqual(2);
  });
});

test('team_ranking_sums_credited_hours_by_the_database', async () => {
  const r = await ok(gw.call('volunteer', 'teamRanking', { teamId: 'vt-yuanzhifan' }, 'demo-visitor'));
  const minutes = r.teams.map((t: { minutes: number }) => t.minutes);
  expect([...minutes].sort((x: number, y: number) => y - x)).toEqual(minutes);
  expect(r.volunteers[0]).toMatchObject({ rank: 1 });
  const vm = r.volunteers.map((v: { minutes: number }) => v.minutes);
  expect([...vm].sort((x: number, y: number) => y - x)).toEqual(vm);
  expect(r.volunteers.find((v: { isMe: boolean }) => v.isMe)).toMatchObject({ name: '陈晓' });
  // Others' names are shown by family name only, except to admins.
  expect(r.volunteers.map((v: { name: string }) => v.name)).toContain('刘**');
  const asAdmin = await ok(gw.call('volunteer', 'teamRanking', { teamId: 'vt-yuanzhifan' }, 'demo-admin'));
  expect(asAdmin.volunteers.map((v: { name: string }) => v.name)).toContain('刘思远');
  const mine = await ok(gw.call('volunteer', 'myHours', {}, 'demo-visitor'));
  expect(mine.activities).toBe(2);
  expect(mine.minutes).toBe(210 + 220); // 13:30–17:00 capped, and 21:00–00:40 across midnight
});

test('marking_no_shows_after_the_end_marks_only_confirmed_people_who_never_signed_in_once', async () => {
  const id = await makeActivity(gw, { capacity: 2 }, 60);
  const [came, absent, waiting] = await people(gw, 3, 'noshow');
  for (const o of [came, absent, waiting]) await ok(signUp(id, o));
  // Not before the activity has ended (and the sign-out grace has passed).
  expect(await codeOf(gw.call('volunteer', 'markNoShows', { activityId: id }, 'demo-admin'))).toBe('CLOSED');
  const start = Math.floor((Date.now() - 4 * 3600_000) / 60_000) * 60_000;
  await moveActivity(id, start, 120);
  const rowOf = async (o: string) => (await col('volunteerRegistrations').where({ activityId: id, openid: o }).get()).data[0];
  await col('volunteerRegistrations').doc((await rowOf(came))._id).update({ signedInAt: new Date(start + 5 * 60_000), hours: 'open' });

  expect(await ok(gw.call('volunteer', 'markNoShows', { activityId: id }, 'demo-admin'))).toEqual({ marked: 1 });
  expect(await rowOf(absent)).toMatchObject({ status: 'confirmed', noShow: true });
  expect(await rowOf(came)).toMatchObject({ status: 'confirmed', noShow: false });
  expect(await rowOf(waiting)).toMatchObject({ status: 'waitlisted', noShow: false });
  const [a] = (await col('volunteerActivities').doc(id).get()).data;
  expect(a.noShowsMarkedAt).toBeTruthy();
  const log = (await col('audit').where({ fn: 'volunteer', action: 'markNoShows', target: `volunteerActivities/${id}` }).get()).data;
  expect(log).toHaveLength(1);
  expect(log[0].after).toEqual({ marked: 1 });
  // Marking again finds nobody new.
  expect(await ok(gw.call('volunteer', 'markNoShows', { activityId: id }, 'demo-admin'))).toEqual({ marked: 0 });
});

test('an_admin_adds_a_volunteer_team_whose_name_is_unique_and_it_is_audited', async () => {
  const name = `测试服务队${Date.now().toString(36)}`;
  const r = await ok(gw.call('volunteer', 'createTeam', { name, description: '周末社区服务' }, 'demo-admin'));
  expect(r).toMatchObject({ name, description: '周末社区服务' });
  expect(r.id).toMatch(/^vt-[0-9a-f]{8}$/);
  const [doc] = (await col('volunteerTeams').doc(r.id).get()).data;
  expect(doc).toMatchObject({ name, description: '周末社区服务' });
  expect(await codeOf(gw.call('volunteer', 'createTeam', { name }, 'demo-admin'))).toBe('CONFLICT');
  expect((await col('volunteerTeams').where({ name }).count()).total).toBe(1);
  expect((await col('audit').where({ fn: 'volunteer', action: 'createTeam', target: `volunteerTeams/${r.id}` }).count()).total).toBe(1);
});

test('the_team_ranking_counts_every_team_when_more_than_20_have_credited_hours', async () => {
  // Hours are grouped by team in the database; CloudBase returns 20 rows from an aggregation with no
  // final .limit() (findings P-02), so the teams beyond the 20th group showed 0 hours.
  const at = new Date();
  for (let i = 1; i <= 24; i++) {
    await col('volunteerTeams').add({ _id: `vt-many-${i}`, name: `测试志愿服务队${i}`, description: '', order: 100 + i, createdAt: at } as never);
    await col('volunteerRegistrations').add({ _id: `vr-many-${i}`, teamId: `vt-many-${i}`, activityId: `va-many-${i}`, openid: `vol-many-${i}`, activeKey: `va-many-${i}:vol-many-${i}`, status: 'confirmed', minutes: 600 + i } as never);
  }
  const r = await ok(gw.call('volunteer', 'teamRanking', {}, 'demo-visitor'));
  for (let i = 1; i <= 24; i++) {
    expect(r.teams.find((t: { id: string }) => t.id === `vt-many-${i}`)).toMatchObject({ minutes: 600 + i, people: 1 });
  }
  // and one of those teams lists its volunteer
  const one = await ok(gw.call('volunteer', 'teamRanking', { teamId: 'vt-many-7' }, 'demo-admin'));
  expect(one.volunteers.map((v: { minutes: number }) => v.minutes)).toEqual([607]);
});

test('a_waitlisted_registration_shows_as_not_promoted_once_the_activity_has_started', async () => {
  const id = await makeActivity(gw, { capacity: 1 });
  const [p1, p2] = await people(gw, 2);
  await ok(signUp(id, p1));
  expect(await ok(signUp(id, p2))).toMatchObject({ status: 'waitlisted', position: 1 });
  expect((await ok(gw.call('volunteer', 'getActivity', { id }, p2))).mine).toMatchObject({ statusLabel: '候补中', waitlistLapsed: false });
  await moveActivity(id, Date.now() - 10 * 60_000, 120);
  const mine = (await ok(gw.call('volunteer', 'getActivity', { id }, p2))).mine;
  expect(mine).toMatchObject({ status: 'waitlisted', statusLabel: '候补未递补', waitlistLapsed: true });
  const [listed] = await ok(gw.call('volunteer', 'myRegistrations', {}, p2));
  expect(listed).toMatchObject({ activityId: id, statusLabel: '候补未递补', waitlistLapsed: true });
});
