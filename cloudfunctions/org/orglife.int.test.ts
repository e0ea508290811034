/**
 * Organisation-life evidence (findings G-02, G-03, G-05 in ../shared/findings/party.md): 三会一课
 * scored kind by kind against the rule table, records that count only when credible (核实 of
 * back-fills and edits, withdraw, the finalised quarter locked), and 列席 scans kept apart.
 * Every period is computed from the clock (quarters of the meeting, relative days), never a date.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col, during } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { previousQuarter, quarterOf, quarterRange } from './scoring';
import { makeMember } from '../../local/party.testkit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const admin = (action: string, params: unknown = {}) => gw.call('org', action, params, 'demo-admin');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const park = () => dayjs().tz(PARK_TZ);
const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
const at = (offsetMin: number) => fmt(park().add(offsetMin, 'minute'));

let seq = 0;

/** Someone who has opened the app and accepted the privacy policy, holding `role` if given. */
async function person(name: string, role?: string, scope: Record<string, string> = {}) {
  const openid = freshOpenid('ol');
  await gw.call('user', 'acceptPrivacy', {}, openid);
  await gw.call('user', 'updateProfile', { name }, openid);
  if (role) ok(await gw.call('user', 'grantRole', { openid, role, ...scope }, 'demo-admin'));
  return openid;
}

/** A new joint branch of two enterprises (ledger: 2 members), its secretary (also a member) and one more member. */
async function branch() {
  const n = ++seq;
  const founded = park().subtract(5, 'year').format('YYYY-MM-DD');
  const ent = async (tag: string) =>
    ok(await admin('createEnterprise', { name: `组织生活测试${n}${tag}科技有限公司`, industry: '人工智能', foundedAt: founded, headcount: 20, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } })).id;
  const branchId = ok(await admin('upsertBranch', { name: `组织生活测试${n}联合党支部`, form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] })).id as string;
  const secretary = await person(`测试书记${n}`, 'secretary', { branchId });
  await col('users').doc(secretary).update({ memberStatus: 'approved', branchId, roles: ['secretary', 'member'] });
  // Set directly, not by grantRole (which enrols from this month): the fixture's members have
  // belonged for two years, so the quarters the tests rate are theirs.
  const member = await person(`测试党员${n}`);
  await col('users').doc(member).update({ memberStatus: 'approved', branchId, roles: ['member'] });
  // Both are on the branch's 花名册 (organisation life counts the roster's members, org/members.ts).
  for (const openid of [secretary, member]) await makeMember({ branchId, openid });
  return { branchId, secretary, member };
}

/** The version of a record an admin's page holds (what pendingOrgLife gave it): its `updatedAt`. */
const version = async (id: string) => new Date((await col('orgLife').doc(id).get()).data[0].updatedAt).toISOString();
const rating = async (branchId: string, quarter: string) => ok(await admin('branchRating', { branchId, quarter })).sheet;
const item = (sheet: any, key: string) => sheet.items.find((i: any) => i.key === key);

/** A record written straight into the database (setup only): `month` 0..2 of `quarter`, day 10. Returns its event id. */
async function placeMeeting(branchId: string, quarter: string, month: number, kind: string, guestNames: string[] = []): Promise<string> {
  const day = dayjs.utc(quarterRange(quarter).fromDay).add(month, 'month').add(9, 'day').format('YYYY-MM-DD');
  const startAt = dayjs.tz(`${day} 09:00`, PARK_TZ).toDate();
  const endAt = dayjs.tz(`${day} 10:00`, PARK_TZ).toDate();
  const n = ++seq;
  const eventId = `ev-test-${n}-${Date.now().toString(36)}`;
  await col('orgLife').add({
    _id: `ol-test${n}x${Date.now().toString(36)}`.slice(0, 19), branchId, kind: kind as any, topic: `${kind}${n}`, startAt, endAt, venueId: null, place: '会议室', summary: '',
    eventId, guestNames, recordedBy: 'demo-secretary', createdAt: endAt, updatedAt: endAt, state: 'counted',
  });
  return eventId;
}

describe('三会一课 against the rule table (G-02)', () => {
  const lastQ = () => previousQuarter(quarterOf());

  test('four_group_meetings_in_one_month_no_longer_earn_the_three_meetings_one_lesson_item_each_kind_meets_its_own_minimum', async () => {
    const { branchId } = await branch();
    const q = lastQ();
    for (let i = 0; i < 4; i++) await placeMeeting(branchId, q, 0, '党小组会');
    for (let i = 0; i < 3; i++) await placeMeeting(branchId, q, 0, '主题党日');
    let sheet = await rating(branchId, q);
    // The kind-blind sum scored 4 of 8 (12.5 points) and the three theme days in one month 15/15.
    expect(item(sheet, 'sanhui')).toMatchObject({ auto: true, value: 1, points: 3.1 });
    expect(item(sheet, 'sanhui').detail).toContain('党小组会 每月 1 次：应开 3 次，已开 4 次（按月计 1 次），缺 2 次');
    expect(item(sheet, 'sanhui').detail).toContain('支部党员大会 每季度 1 次：应开 1 次，已开 0 次，缺 1 次');
    expect(item(sheet, 'sanhui').detail).toContain('党课 每季度 1 次：应开 1 次，已开 0 次，缺 1 次');
    expect(item(sheet, 'themeDay')).toMatchObject({ value: 1, points: 5 });
    expect(item(sheet, 'themeDay').detail).toBe('主题党日 每月 1 次：应开 3 次，已开 3 次（按月计 1 次），缺 2 次');

    // Every kind to its minimum: 大会 and 党课 once, 支委会 and 党小组会 every month → full marks.
    await placeMeeting(branchId, q, 1, '支部党员大会');
    await placeMeeting(branchId, q, 2, '党课');
    for (const m of [0, 1, 2]) await placeMeeting(branchId, q, m, '支委会');
    for (const m of [1, 2]) await placeMeeting(branchId, q, m, '党小组会');
    sheet = await rating(branchId, q);
    expect(item(sheet, 'sanhui')).toMatchObject({ value: 8, points: 25 });
    expect(item(sheet, 'sanhui').detail).not.toMatch(/缺 [1-9]/);
  });

  test('the_rule_table_is_one_versioned_table_admins_edit_and_the_rating_follows_it', async () => {
    const { branchId, secretary } = await branch();
    const q = lastQ();
    for (let i = 0; i < 4; i++) await placeMeeting(branchId, q, 0, '党小组会');
    const table = ok(await gw.call('org', 'getOrgLifeRules', {}, secretary));
    expect(table.rules).toEqual([
      { kind: '支部党员大会', per: 'quarter', min: 1 },
      { kind: '支委会', per: 'month', min: 1 },
      { kind: '党小组会', per: 'month', min: 1 },
      { kind: '党课', per: 'quarter', min: 1 },
      { kind: '主题党日', per: 'month', min: 1 },
    ]);
    const quarterly = table.rules.map((r: any) => (r.kind === '党小组会' ? { ...r, per: 'quarter' } : r));
    expect((await gw.call('org', 'updateOrgLifeRules', { version: table.version, rules: quarterly }, secretary)).status).toBe(403);
    expect((await admin('updateOrgLifeRules', { version: table.version, rules: [...quarterly, quarterly[0]] })).body.error.code).toBe('VALIDATION');
    // Two admins saving the same version: one wins, the other is told to reload.
    const [a, b] = await Promise.all([
      admin('updateOrgLifeRules', { version: table.version, rules: quarterly }),
      admin('updateOrgLifeRules', { version: table.version, rules: quarterly }),
    ]);
    expect([a.body.ok, b.body.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.body.ok)!.body.error.code).toBe('CONFLICT');
    expect(ok(await admin('getOrgLifeRules')).version).toBe(table.version + 1);
    expect((await col('audit').where({ fn: 'org', action: 'updateOrgLifeRules' }).count()).total).toBe(1);
    // 党小组会 now once a quarter: required 1 + 3 + 1 + 1 = 6, and the four count once.
    const sheet = await rating(branchId, q);
    expect(item(sheet, 'sanhui')).toMatchObject({ value: 1, points: 4.2 });
    expect(item(sheet, 'sanhui').detail).toContain('党小组会 每季度 1 次：应开 1 次，已开 4 次，缺 0 次');
    ok(await admin('updateOrgLifeRules', { version: table.version + 1, rules: table.rules }));
  });
});

describe('no silently cut list (G-20)', () => {
  test('more_than_two_hundred_records_without_a_quarter_are_refused_with_the_way_to_narrow_them_never_cut', async () => {
    const { branchId, secretary } = await branch();
    const last = previousQuarter(quarterOf(new Date()));
    const before = previousQuarter(last);
    // 201 records over the two quarters before this one (setup straight into the database).
    for (let i = 0; i < 201; i += 1) await placeMeeting(branchId, i < 101 ? last : before, i % 3, '党小组会');
    const all = await gw.call('org', 'listOrgLife', { branchId }, secretary);
    expect(all.body.error).toMatchObject({ code: 'VALIDATION', message: '组织生活记录超过 200 条，请按季度筛选查看。' });
    // By quarter (as the page asks), each answers in full.
    expect(ok(await gw.call('org', 'listOrgLife', { branchId, quarter: last }, secretary))).toHaveLength(101);
    expect(ok(await gw.call('org', 'listOrgLife', { branchId, quarter: before }, secretary))).toHaveLength(100);
  });
});

describe('民主生活会 and 组织生活会 (F-05)', () => {
  test('民主生活会_and_组织生活会_are_recorded_but_stay_out_of_the_三会一课_rule_table_and_its_item', async () => {
    const { branchId, secretary } = await branch();
    const start = park().subtract(2, 'day').hour(9).minute(0);
    const q = quarterOf(start.toDate());
    const before = item(await rating(branchId, q), 'sanhui');
    for (const kind of ['民主生活会', '组织生活会']) {
      const rec = ok(await gw.call('org', 'createOrgLife', { branchId, kind, topic: `年度${kind}`, startAt: fmt(start), endAt: fmt(start.add(2, 'hour')), place: '党员活动室' }, secretary));
      expect(rec).toMatchObject({ kind, state: 'counted' });
    }
    // Not in the rule table, and an admin cannot put them there.
    const table = ok(await admin('getOrgLifeRules'));
    expect(table.rules.map((r: any) => r.kind)).not.toContain('民主生活会');
    expect((await admin('updateOrgLifeRules', { version: table.version, rules: [...table.rules.slice(0, 4), { kind: '民主生活会', per: 'quarter', min: 1 }] })).body.error.code).toBe('VALIDATION');
    // The 三会一课 item is scored as before.
    const after = item(await rating(branchId, q), 'sanhui');
    expect([after.value, after.detail]).toEqual([before.value, before.detail]);
    expect(after.detail).not.toContain('生活会');
  });
});

describe('records count only when credible (G-03)', () => {
  test('a_record_entered_more_than_seven_days_after_the_meeting_counts_only_after_another_admin_verifies_it', async () => {
    const { branchId, secretary } = await branch();
    const start = park().subtract(10, 'day').hour(9).minute(0);
    const q = quarterOf(start.toDate());
    const late = { branchId, kind: '主题党日', topic: '补录主题党日', startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '线上' };
    const rec = ok(await gw.call('org', 'createOrgLife', late, secretary));
    expect(rec).toMatchObject({ state: 'pending', pendingReason: 'late', recordedBy: secretary, confirmedBy: null });
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(0);

    // Not the branch's own secretary, even one who is also an admin; not whoever entered it.
    await col('users').doc(secretary).update({ roles: ['secretary', 'member', 'admin'] });
    const own = await gw.call('org', 'verifyOrgLife', { id: rec.id, updatedAt: await version(rec.id), approve: true }, secretary);
    expect(own.body.error).toMatchObject({ code: 'FORBIDDEN' });
    await col('users').doc(secretary).update({ roles: ['secretary', 'member'] });
    expect((await gw.call('org', 'verifyOrgLife', { id: rec.id, updatedAt: await version(rec.id), approve: true }, secretary)).status).toBe(403);
    const byAdmin = ok(await admin('createOrgLife', { ...late, topic: '管理员补录' }));
    expect((await admin('verifyOrgLife', { id: byAdmin.id, updatedAt: await version(byAdmin.id), approve: true })).body.error.code).toBe('FORBIDDEN');

    // The list of records awaiting 核实: admins only, oldest meeting first.
    const pending = ok(await admin('pendingOrgLife'));
    expect(pending.rows.map((r: any) => r.id)).toEqual(expect.arrayContaining([rec.id, byAdmin.id]));
    expect(pending.rows.find((r: any) => r.id === rec.id)).toMatchObject({ branchName: expect.stringContaining('组织生活测试'), recordedByName: expect.stringContaining('测试书记'), pendingReason: 'late' });
    const starts = pending.rows.map((r: any) => r.startAt);
    expect(starts).toEqual([...starts].sort());
    expect((await gw.call('org', 'pendingOrgLife', {}, secretary)).status).toBe(403);

    expect((await admin('verifyOrgLife', { id: rec.id, updatedAt: await version(rec.id), approve: false })).body.error.code).toBe('VALIDATION');
    expect(ok(await admin('verifyOrgLife', { id: rec.id, updatedAt: await version(rec.id), approve: true, note: '已核对会议签到表照片' }))).toMatchObject({ state: 'counted' });
    expect((await admin('verifyOrgLife', { id: rec.id, updatedAt: await version(rec.id), approve: true })).body.error.code).toBe('CONFLICT');
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(1);
    const full = ok(await gw.call('org', 'getOrgLife', { id: rec.id }, secretary));
    expect(full).toMatchObject({ state: 'counted', recordedBy: secretary, confirmedBy: 'demo-admin', confirmedByName: '王建国', reviewNote: '已核对会议签到表照片' });
    expect(full.recordedByName).toContain('测试书记');
    expect((await col('audit').where({ action: 'verifyOrgLife', target: `orgLife/${rec.id}` }).count()).total).toBe(1);
    expect(ok(await admin('pendingOrgLife')).rows.map((r: any) => r.id)).not.toContain(rec.id);

    // Attendance added by hand this late is a late edit too: 核实 again before it counts.
    expect(ok(await gw.call('org', 'addAttendees', { id: rec.id, openids: [secretary] }, secretary))).toEqual({ members: 1, guests: 0 });
    expect(ok(await gw.call('org', 'getOrgLife', { id: rec.id }, secretary))).toMatchObject({ state: 'pending', pendingReason: 'edited', confirmedBy: null });
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(0);
  });

  test('an_edit_after_the_meeting_waits_for_verification_again_and_a_withdrawn_record_stops_counting', async () => {
    const { branchId, secretary } = await branch();
    const start = park().subtract(2, 'day').hour(9).minute(0);
    const q = quarterOf(start.toDate());
    const rec = ok(await gw.call('org', 'createOrgLife', { branchId, kind: '主题党日', topic: '按时录入', startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '线上' }, secretary));
    expect(rec.state).toBe('counted');
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(1);

    const edited = ok(await gw.call('org', 'updateOrgLife', { id: rec.id, topic: '会后改过的主题' }, secretary));
    expect(edited).toMatchObject({ topic: '会后改过的主题', state: 'pending', pendingReason: 'edited', changed: 1 });
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(0);
    expect(ok(await gw.call('org', 'getOrgLife', { id: rec.id }, secretary)).editedByName).toContain('测试书记');
    ok(await admin('verifyOrgLife', { id: rec.id, updatedAt: await version(rec.id), approve: true }));
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(1);

    const withdrawn = await Promise.all([1, 2].map(() => gw.call('org', 'withdrawOrgLife', { id: rec.id, reason: '重复录入' }, secretary)));
    expect(withdrawn.map((r) => r.body.ok).sort()).toEqual([false, true]);
    expect(item(await rating(branchId, q), 'themeDay').value).toBe(0);
    expect((await gw.call('org', 'updateOrgLife', { id: rec.id, topic: '撤回后再改' }, secretary)).body.error.code).toBe('CONFLICT');
    const [stored] = (await col('orgLife').doc(rec.id).get()).data;
    expect(stored).toMatchObject({ state: 'withdrawn', withdrawnBy: secretary, withdrawReason: '重复录入', topic: '会后改过的主题' });
    for (const action of ['updateOrgLife', 'withdrawOrgLife']) {
      expect([action, (await col('audit').where({ action, target: `orgLife/${rec.id}` }).count()).total]).toEqual([action, 1]);
    }

    // A meeting still ahead can be corrected freely: nothing has been evidenced yet.
    const ahead = park().add(2, 'day').hour(9).minute(0);
    const plan = ok(await gw.call('org', 'createOrgLife', { branchId, kind: '党课', topic: '下周党课', startAt: fmt(ahead), endAt: fmt(ahead.add(1, 'hour')), place: '会议室' }, secretary));
    expect(ok(await gw.call('org', 'updateOrgLife', { id: plan.id, summary: '书记讲党课' }, secretary))).toMatchObject({ state: 'counted', summary: '书记讲党课' });
    expect((await gw.call('org', 'updateOrgLife', { id: plan.id, summary: '越权' }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
  });

  test('a_finalised_quarters_records_are_locked_against_edit_and_withdraw', async () => {
    const r = quarterRange(previousQuarter(quarterOf()));
    const [rec] = (await col('orgLife').where({ branchId: 'branch-joint', startAt: during(r.from, r.to) }).limit(1).get()).data;
    expect(ok(await gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: r.quarter }, 'demo-secretary')).sheet.status).toBe('final');
    expect((await gw.call('org', 'updateOrgLife', { id: rec._id, topic: '定级后修改' }, 'demo-secretary')).body.error.code).toBe('CLOSED');
    expect((await gw.call('org', 'withdrawOrgLife', { id: rec._id, reason: '定级后撤回' }, 'demo-secretary')).body.error.code).toBe('CLOSED');
    // The meeting page reads the lock, so it hides edit and withdraw instead of letting them fail.
    expect(ok(await gw.call('org', 'getOrgLife', { id: rec._id }, 'demo-secretary')).locked).toBe(true);
    expect((await col('orgLife').doc(rec._id).get()).data[0]).toMatchObject({ topic: rec.topic, state: 'counted' });
  });

  test('a_finalised_quarters_attendance_cannot_be_struck_either_a_member_nor_a_guest', async () => {
    const r = quarterRange(previousQuarter(quarterOf()));
    const [rec] = (await col('orgLife').where({ branchId: 'branch-joint', startAt: during(r.from, r.to) }).limit(1).get()).data;
    expect(ok(await gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: r.quarter }, 'demo-secretary')).sheet.status).toBe('final');
    // A sign-in and a guest name on the frozen record (written directly: adding them is refused too).
    const key = `e:${rec.eventId}:demo-member`;
    await col('checkins').where({ key }).remove();
    await col('checkins').add({ key, openid: 'demo-member', nonce: key, kind: 'event', venueId: null, eventId: rec.eventId, day: r.fromDay, at: new Date(rec.startAt) } as any);
    await col('orgLife').doc(rec._id).update({ guestNames: [...rec.guestNames, '定级前列席的同志'] });
    expect((await gw.call('org', 'removeAttendee', { id: rec._id, openid: 'demo-member' }, 'demo-secretary')).body.error?.code).toBe('CLOSED');
    expect((await gw.call('org', 'removeAttendee', { id: rec._id, guestName: '定级前列席的同志' }, 'demo-secretary')).body.error?.code).toBe('CLOSED');
    expect((await col('checkins').where({ key }).count()).total).toBe(1);
    expect((await col('orgLife').doc(rec._id).get()).data[0].guestNames).toContain('定级前列席的同志');
    await col('checkins').where({ key }).remove();
    await col('orgLife').doc(rec._id).update({ guestNames: rec.guestNames });
  });

  test('an_admin_verifies_only_the_version_they_saw_an_edit_after_they_loaded_it_is_a_conflict', async () => {
    const { branchId, secretary } = await branch();
    const start = park().subtract(10, 'day').hour(9).minute(0);
    const rec = ok(await gw.call('org', 'createOrgLife', { branchId, kind: '党课', topic: '补录的党课', startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '会议室' }, secretary));
    const seen = ok(await admin('pendingOrgLife')).rows.find((r: any) => r.id === rec.id);
    expect(seen).toMatchObject({ state: 'pending', topic: '补录的党课', updatedAt: expect.any(String) });
    // The secretary edits it after the admin loaded the list: it stays pending, but it is not what the admin read.
    ok(await gw.call('org', 'updateOrgLife', { id: rec.id, topic: '改过的党课主题' }, secretary));
    const stale = await admin('verifyOrgLife', { id: rec.id, approve: true, updatedAt: seen.updatedAt });
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('修改') });
    expect((await col('orgLife').doc(rec.id).get()).data[0]).toMatchObject({ state: 'pending', confirmedBy: null });
    // Reloaded, the admin confirms what is there now.
    const fresh = ok(await admin('pendingOrgLife')).rows.find((r: any) => r.id === rec.id);
    expect(fresh.topic).toBe('改过的党课主题');
    expect(ok(await admin('verifyOrgLife', { id: rec.id, approve: true, updatedAt: fresh.updatedAt }))).toMatchObject({ state: 'counted' });
    // Without the version it is refused outright: the page always sends it.
    expect((await admin('verifyOrgLife', { id: rec.id, approve: true })).body.error.code).toBe('VALIDATION');
  });

  test('minutes_and_up_to_nine_photos_round_trip_and_an_edit_of_them_after_the_meeting_waits_for_verification', async () => {
    const { branchId, secretary } = await branch();
    const start = park().subtract(2, 'day').hour(9).minute(0);
    const base = { branchId, kind: '支委会', topic: '附件会议', startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '线上' };
    const photo = (n: number) => `cloud://redpark-test.7265-redpark/orglife/${branchId}/p${n}.jpg`;
    // Neither is required.
    expect(ok(await gw.call('org', 'createOrgLife', base, secretary))).toMatchObject({ minutes: '', photos: [] });
    const minutes = '一、传达学习文件。\n二、讨论本季度工作。';
    const rec = ok(await gw.call('org', 'createOrgLife', { ...base, minutes, photos: [photo(1), photo(2)] }, secretary));
    expect(rec).toMatchObject({ minutes, photos: [photo(1), photo(2)], state: 'counted' });
    const stored = (await col('orgLife').doc(rec.id).get()).data[0];
    expect([stored.minutes, stored.photos]).toEqual([minutes, [photo(1), photo(2)]]);

    // Refused: outside URLs, data URLs, paths that climb, more than nine, minutes over 5000 characters.
    for (const photos of [['https://example.com/a.jpg'], ['data:image/png;base64,AAAA'], ['cloud://redpark-test.x/../a.jpg'], Array.from({ length: 10 }, (_, i) => photo(i))]) {
      expect((await gw.call('org', 'createOrgLife', { ...base, photos }, secretary)).body.error).toMatchObject({ code: 'VALIDATION' });
      expect((await gw.call('org', 'updateOrgLife', { id: rec.id, photos }, secretary)).body.error).toMatchObject({ code: 'VALIDATION' });
    }
    expect((await gw.call('org', 'createOrgLife', { ...base, minutes: '记'.repeat(5001) }, secretary)).body.error).toMatchObject({ code: 'VALIDATION' });
    expect((await col('orgLife').doc(rec.id).get()).data[0].photos).toEqual([photo(1), photo(2)]);

    // Adding a photo to a past meeting is an edit like any other: back to 待核实.
    const edited = ok(await gw.call('org', 'updateOrgLife', { id: rec.id, photos: [photo(1), photo(2), photo(3)] }, secretary));
    expect(edited).toMatchObject({ changed: 1, photos: [photo(1), photo(2), photo(3)], state: 'pending', pendingReason: 'edited' });
    // The same photos again change nothing.
    expect(ok(await gw.call('org', 'updateOrgLife', { id: rec.id, photos: [photo(1), photo(2), photo(3)], minutes }, secretary))).toMatchObject({ changed: 0 });
    expect(ok(await gw.call('org', 'getOrgLife', { id: rec.id }, secretary))).toMatchObject({ minutes, photos: [photo(1), photo(2), photo(3)] });
  });
});

describe('attendance over the roster (G-04)', () => {
  test('attendance_is_distinct_roster_members_present_over_the_months_roster_with_guests_apart_and_a_ledger_mismatch_flagged', async () => {
    const { branchId, secretary, member } = await branch();
    // A third roster member who is not on WeChat (expected, cannot scan): the roster holds 3, the ledger says 2.
    await makeMember({ branchId, name: '未绑定党员' });
    const quarter = previousQuarter(quarterOf());
    const general = await placeMeeting(branchId, quarter, 0, '支部党员大会', ['列席的区委组织部同志']);
    const committee = await placeMeeting(branchId, quarter, 1, '支委会');
    const signIn = (eventId: string, openid: string) =>
      col('checkins').add({ key: `e:${eventId}:${openid}`, openid, nonce: `e:${eventId}:${openid}`, kind: 'event', venueId: null, eventId, day: quarterRange(quarter).fromDay, at: new Date() });
    // At the 支部党员大会: one roster member and a Party member of another branch; at the 支委会: the secretary.
    await signIn(general, member);
    await signIn(general, 'demo-member');
    await signIn(committee, secretary);

    const attendance = item(await rating(branchId, quarter), 'attendance');
    // 1 of 3 roster members (not 1 + 2 guests + the 支委会 over 2 meetings × 2 ledger members, capped at 100 %).
    expect(attendance).toMatchObject({ auto: true, value: 33 });
    expect(attendance.detail).toContain('应到 3 人次，实到 1 人次');
    expect(attendance.detail).toContain('列席 2 人次（不计入）');
    expect(attendance.detail).toContain('支委会、党小组会 1 次');
    expect(attendance.detail).toContain('花名册党员 3 名与台账党员 2 名不一致');
  });
});

describe('列席 scans (G-05)', () => {
  let meeting: { id: string; eventId: string; branchId: string; secretary: string; member: string; outsider: string; quarter: string };

  test('a_scan_of_a_branch_meeting_code_by_someone_outside_the_branch_is_listed_as_a_guest_and_never_counted_as_a_member_present', async () => {
    const { branchId, secretary, member } = await branch();
    const outsider = await person('路过的访客');
    const rec = ok(await gw.call('org', 'createOrgLife', { branchId, kind: '支部党员大会', topic: '扫码测试支部党员大会', startAt: at(-10), endAt: at(50), place: '会议室' }, secretary));
    meeting = { id: rec.id, eventId: rec.eventId, branchId, secretary, member, outsider, quarter: quarterOf(dayjs.tz(at(-10), PARK_TZ).toDate()) };
    const code = ok(await gw.call('checkin', 'currentCode', { eventId: rec.eventId }, secretary));
    expect(ok(await gw.call('checkin', 'scan', { code: code.scene }, member)).guest).toBeUndefined();
    expect(ok(await gw.call('checkin', 'scan', { code: code.scene }, outsider))).toMatchObject({ status: 'ok', guest: true });
    // A Party member of another branch is a guest here too.
    expect(ok(await gw.call('checkin', 'scan', { code: code.scene }, 'demo-member'))).toMatchObject({ status: 'ok', guest: true });

    const full = ok(await gw.call('org', 'getOrgLife', { id: rec.id }, secretary));
    expect(full.signedIn.map((a: any) => a.openid)).toEqual([member]);
    expect(full.guestsScanned.map((a: any) => [a.openid, a.via]).sort()).toEqual([[outsider, 'code'], ['demo-member', 'code']].sort());
    expect(full).toMatchObject({ attendees: 1, guests: 2 });
    expect(full.absentMembers.map((m: any) => m.openid)).toEqual([secretary]);
    expect(ok(await gw.call('org', 'listOrgLife', { branchId }, secretary)).find((r: any) => r.id === rec.id)).toMatchObject({ attendees: 1, guests: 2 });
    // Attendance: 1 of the 2 roster members present → 50 % (the guests would have made it 100 %).
    expect(item(await rating(branchId, meeting.quarter), 'attendance')).toMatchObject({ value: 50 });
  });

  test('the_secretary_strikes_a_wrong_scan_and_an_audit_row_keeps_what_was_struck', async () => {
    const { id, branchId, secretary, member, outsider, quarter } = meeting;
    ok(await gw.call('org', 'removeAttendee', { id, openid: outsider }, secretary));
    ok(await gw.call('org', 'removeAttendee', { id, openid: member }, secretary));
    const full = ok(await gw.call('org', 'getOrgLife', { id }, secretary));
    expect(full.guestsScanned.map((a: any) => a.openid)).toEqual(['demo-member']);
    expect(full).toMatchObject({ signedIn: [], attendees: 0, guests: 1 });
    const rows = (await col('audit').where({ action: 'removeAttendee', target: `orgLife/${id}` }).limit(10).get()).data;
    expect(rows.map((r) => r.before).sort((a: any, b: any) => a.openid.localeCompare(b.openid))).toEqual(
      [
        { openid: outsider, checkin: { via: 'code', at: expect.any(String), guest: true } },
        { openid: member, checkin: { via: 'code', at: expect.any(String), guest: false } },
      ].sort((a, b) => a.openid.localeCompare(b.openid)),
    );
    expect(rows.every((r) => r.actor === secretary)).toBe(true);
    expect((await gw.call('org', 'removeAttendee', { id, openid: outsider }, secretary)).body.error.code).toBe('NOT_FOUND');
    // A guest name that was never on the list is NOT_FOUND too, and leaves no audit row claiming it was struck.
    expect((await gw.call('org', 'removeAttendee', { id, guestName: '根本不存在的人' }, secretary)).body.error?.code).toBe('NOT_FOUND');
    expect((await col('audit').where({ action: 'removeAttendee', target: `orgLife/${id}`, 'before.guestName': '根本不存在的人' }).count()).total).toBe(0);
    expect(item(await rating(branchId, quarter), 'attendance')).toMatchObject({ value: 0 });
  });
});

/** The database refuses inserts into `name` (as a lost connection would) until restored: a failure between two writes. */
function failInsertsInto(name: string) {
  const real = gw.emulator.handle.bind(gw.emulator);
  return jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) =>
    body?.action === 'database.insertDocument' && body.collectionName === name ? { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'connection reset (injected)' } : real(body),
  );
}

describe('half-done writes (G-22)', () => {
  test('a_record_that_fails_to_save_leaves_no_sign_in_event_behind', async () => {
    const { branchId, secretary } = await branch();
    const start = park().subtract(2, 'hour');
    const topic = `注入失败${freshOpenid('t').slice(-6)}`;
    const spy = failInsertsInto('orgLife');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const r = await gw.call('org', 'createOrgLife', { branchId, kind: '主题党日', topic, startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '党员活动室' }, secretary);
      expect(r.body.ok).toBe(false);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    expect((await col('orgLife').where({ branchId, topic }).count()).total).toBe(0);
    expect((await col('events').where({ title: `主题党日：${topic}` }).count()).total).toBe(0);
    // And once the database answers again, the same form saves both.
    const rec = ok(await gw.call('org', 'createOrgLife', { branchId, kind: '主题党日', topic, startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '党员活动室' }, secretary));
    const [event] = (await col('events').where({ title: `主题党日：${topic}` }).get()).data;
    expect(event).toMatchObject({ refId: rec.id, kind: 'meeting' });
    expect((await col('orgLife').doc(rec.id).get()).data[0].eventId).toBe(event._id);
  });

  test('a_call_killed_between_the_record_and_its_event_leaves_no_event_without_record_and_the_record_page_puts_the_event_back', async () => {
    // The saga (createOrgLife.ts): the record first, then its event. The database refuses the event's
    // insert, as a call killed between the two writes would leave it.
    const { branchId, secretary, member } = await branch();
    const start = park().subtract(2, 'hour');
    const topic = `半途保存${freshOpenid('k').slice(-6)}`;
    const spy = failInsertsInto('events');
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const r = await gw.call('org', 'createOrgLife', { branchId, kind: '主题党日', topic, startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '党员活动室' }, secretary);
      expect(r.body.ok).toBe(false);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    // No event at all (so no code at the kiosk for a meeting nobody sees); the record is there, naming its event's id.
    expect((await col('events').where({ title: `主题党日：${topic}` }).count()).total).toBe(0);
    const [rec] = (await col('orgLife').where({ branchId, topic }).get()).data;
    expect(rec).toBeDefined();
    // The record's page puts the event back from the record, under the id the record names; opening it again changes nothing.
    const page = ok(await gw.call('org', 'getOrgLife', { id: rec._id }, secretary));
    expect(page).toMatchObject({ id: rec._id });
    ok(await gw.call('org', 'getOrgLife', { id: rec._id }, secretary));
    const events = (await col('events').where({ refId: rec._id }).get()).data;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ _id: rec.eventId, kind: 'meeting', title: `主题党日：${topic}`, place: '党员活动室', status: 'open', createdBy: secretary });
    // And the secretary adds attendees to it as to any meeting.
    expect(ok(await gw.call('org', 'addAttendees', { id: rec._id, openids: [member] }, secretary))).toMatchObject({ members: 1 });
  });
});
