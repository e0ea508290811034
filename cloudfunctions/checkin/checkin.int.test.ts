/** `checkin` through the local gateway against the embedded emulator (integration tier). */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { cmd, col } from '../../server/core/db';
import { dayjs, parkDay } from '../../server/core/time';
import { signEventCode } from './codes';
import { demoCheckins, demoEvents, DEMO_VISITORS } from '../../local/seed';

const seedEventTitle = (id: string, today: string) => demoEvents(today).find((e) => e._id === id)!.title;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/** A new person who has agreed to the privacy guideline (a check-in requires it). */
async function fresh(tag: string): Promise<string> {
  const openid = freshOpenid(tag);
  expect((await gw.call('user', 'acceptPrivacy', {}, openid)).body.ok).toBe(true);
  return openid;
}
const at = (offsetMin: number) => dayjs().tz('Asia/Shanghai').add(offsetMin, 'minute').format('YYYY-MM-DD HH:mm');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const secret = () => process.env.REDPARK_CHECKIN_SECRET!;

async function openEvent(title = '测试活动', more: Record<string, unknown> = {}) {
  const r = await gw.call('checkin', 'createEvent', { title, venueId: 'venue-school', startAt: at(-10), endAt: at(120), ...more }, 'demo-admin');
  expect(r.body.ok).toBe(true);
  return r.body.data as { id: string; rotateSeconds: number };
}
async function kioskCode(eventId: string): Promise<string> {
  const r = await gw.call('checkin', 'currentCode', { eventId }, 'demo-admin');
  expect(r.body.ok).toBe(true);
  return r.body.data.scene;
}

describe('venue check-in', () => {
  test('scanning_a_venue_code_records_a_visit_greets_by_name_and_a_second_scan_is_already', async () => {
    const first = await gw.call('checkin', 'scan', { code: 'v:venue-hall' }, 'demo-member');
    expect(first.body).toMatchObject({ ok: true, data: { status: 'ok', kind: 'venue', person: { name: '张卫东' }, venue: { id: 'venue-hall', name: '党群服务中心大厅' } } });
    const again = await gw.call('checkin', 'scan', { code: 'v:venue-hall' }, 'demo-member');
    expect(again.body).toMatchObject({ ok: true, data: { status: 'already', at: first.body.data.at } });
    const docs = (await col('checkins').where({ openid: 'demo-member', day: parkDay() }).get()).data;
    expect(docs).toHaveLength(1);
    // Who, where, when — nothing else.
    expect(Object.keys(docs[0]).sort()).toEqual(['_id', 'at', 'day', 'eventId', 'key', 'kind', 'nonce', 'openid', 'venueId']);
  });

  test('the_h5_url_a_camera_reads_works_as_the_code', async () => {
    const openid = (await fresh('url'));
    const url = `${gw.url}/#/packages/checkin/scan/index?scene=${encodeURIComponent('v:venue-life')}`;
    expect((await gw.call('checkin', 'scan', { code: url }, openid)).body.data).toMatchObject({ status: 'ok', venue: { id: 'venue-life' } });
  });

  test('an_unknown_venue_or_garbage_is_a_coded_error', async () => {
    expect((await gw.call('checkin', 'scan', { code: 'v:nowhere' })).body.error.code).toBe('NOT_FOUND');
    const g = await gw.call('checkin', 'scan', { code: 'https://example.com/hello' });
    expect(g.body.error).toMatchObject({ code: 'VALIDATION' });
    expect(g.body.error.message).toMatch(/签到码/);
  });
});

describe('event check-in with the kiosk code', () => {
  test('exactly_once_under_50_concurrent_scans_of_one_person', async () => {
    const event = await openEvent('并发签到测试');
    const code = await kioskCode(event.id);
    const openid = (await fresh('burst'));
    gw.emulator.stats.reset();
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gw.call('checkin', 'scan', { code, nonce: `nonce-${openid}-${i}` }, openid)),
    );
    expect(replies.every((r) => r.status === 200 && r.body.ok)).toBe(true);
    expect(replies.filter((r) => r.body.data.status === 'ok')).toHaveLength(1);
    expect(replies.filter((r) => r.body.data.status === 'already')).toHaveLength(49);
    expect((await col('checkins').where({ eventId: event.id, openid }).count()).total).toBe(1);
  });

  test('a_retried_request_with_the_same_nonce_yields_one_check_in', async () => {
    const event = await openEvent('重试测试');
    const code = await kioskCode(event.id);
    const openid = (await fresh('retry'));
    const a = await gw.call('checkin', 'scan', { code, nonce: 'same-nonce-123' }, openid);
    const b = await gw.call('checkin', 'scan', { code, nonce: 'same-nonce-123' }, openid);
    expect([a.body.data.status, b.body.data.status]).toEqual(['ok', 'already']);
    expect((await col('checkins').where({ openid }).count()).total).toBe(1);
  });

  test('each_bad_code_answers_its_own_error_in_chinese_and_writes_nothing', async () => {
    const event = await openEvent('错误码测试');
    const other = await openEvent('另一个活动');
    const openid = (await fresh('bad'));
    const good = await kioskCode(event.id);
    const [head, w, mac] = good.split('.');
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    const expired = signEventCode({ eventId: event.id, rotateSeconds: 30, secret: secret(), now: Date.now() - 61_000 }).scene;
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['tampered', { code: `${head}.${w}.${flip(mac)}` }, 'VALIDATION', /无效|改动/],
      ['forged window', { code: `${head}.${(parseInt(w, 36) + 1).toString(36)}.${mac}` }, 'VALIDATION', /无效|改动/],
      ['other secret', { code: signEventCode({ eventId: event.id, rotateSeconds: 30, secret: 'not-the-server-secret', now: Date.now() }).scene }, 'VALIDATION', /无效/],
      ['expired', { code: expired }, 'CLOSED', /过期/],
      ['another event', { code: await kioskCode(other.id), eventId: event.id }, 'VALIDATION', /其他活动/],
      ['venue code where an event is expected', { code: 'v:venue-hall', eventId: event.id }, 'VALIDATION', /活动/],
      ['unknown event', { code: signEventCode({ eventId: 'zzzz9999', rotateSeconds: 30, secret: secret(), now: Date.now() }).scene }, 'NOT_FOUND', /活动/],
    ];
    for (const [label, params, code, message] of cases) {
      const r = await gw.call('checkin', 'scan', params, openid);
      expect([label, r.body.ok, r.body.error?.code]).toEqual([label, false, code]);
      expect(r.body.error.message).toMatch(message);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await col('checkins').where({ openid }).count()).total).toBe(0);
  });

  test('a_code_replayed_after_its_window_is_closed_but_a_late_retry_of_a_success_is_already', async () => {
    const event = await openEvent('迟到重试');
    const openid = (await fresh('late'));
    const old = signEventCode({ eventId: event.id, rotateSeconds: 30, secret: secret(), now: Date.now() - 30_000 }).scene; // exactly the previous window
    expect((await gw.call('checkin', 'scan', { code: old, nonce: 'late-nonce-1' }, openid)).body.data.status).toBe('ok');
    const stale = signEventCode({ eventId: event.id, rotateSeconds: 30, secret: secret(), now: Date.now() - 90_000 }).scene;
    expect((await gw.call('checkin', 'scan', { code: stale }, (await fresh('friend')))).body.error.code).toBe('CLOSED');
    expect((await gw.call('checkin', 'scan', { code: stale, nonce: 'late-nonce-1' }, openid)).body.data.status).toBe('already');
  });

  test('events_outside_their_sign_in_time_answer_closed', async () => {
    const later = await openEvent('明天的活动', { startAt: at(24 * 60), endAt: at(25 * 60) });
    expect((await gw.call('checkin', 'currentCode', { eventId: later.id }, 'demo-admin')).body.error.code).toBe('CLOSED');
    const code = signEventCode({ eventId: later.id, rotateSeconds: 30, secret: secret(), now: Date.now() }).scene;
    const r = await gw.call('checkin', 'scan', { code }, (await fresh('early')));
    expect(r.body.error).toMatchObject({ code: 'CLOSED' });
    expect(r.body.error.message).toMatch(/尚未开始/);
  });
});

describe('kiosk and venue codes', () => {
  test('a_venue_kiosk_shows_the_running_event_else_the_static_venue_code', async () => {
    const hall = await gw.call('checkin', 'currentCode', { venueId: 'venue-hall' }, 'demo-admin');
    expect(hall.body.data).toMatchObject({ kind: 'venue', scene: 'v:venue-hall', rotateSeconds: null, image: { kind: 'qr' } });
    expect(hall.body.data.image.dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(hall.body.data.image.opens).toBe(`${gw.url}/#/packages/checkin/scan/index?scene=${encodeURIComponent('v:venue-hall')}`);
    const event = await openEvent('讲习所正在进行', { venueId: 'venue-life' });
    const life = await gw.call('checkin', 'currentCode', { venueId: 'venue-life' }, 'demo-admin');
    expect(life.body.data).toMatchObject({ kind: 'event', event: { id: event.id }, rotateSeconds: 30 });
    expect(life.body.data.refreshInMs).toBeGreaterThan(0);
    expect(life.body.data.refreshInMs).toBeLessThanOrEqual(30_000);
    expect(life.body.data.scene.length).toBeLessThanOrEqual(32);
  });

  test('only_admins_get_codes_and_manage_venues_and_changes_are_audited', async () => {
    expect((await gw.call('checkin', 'currentCode', { venueId: 'venue-hall' }, 'demo-member')).status).toBe(403);
    const made = await gw.call('checkin', 'upsertVenue', { name: '职工之家', address: '服务大楼三层 302', description: '职工休闲、阅读' }, 'demo-admin');
    expect(made.body.ok).toBe(true);
    const id = made.body.data.id as string;
    expect(`v:${id}`.length).toBeLessThanOrEqual(32);
    const dup = await gw.call('checkin', 'upsertVenue', { name: '党员活动室' }, 'demo-admin');
    expect(dup.body.error.code).toBe('CONFLICT');
    const edited = await gw.call('checkin', 'upsertVenue', { id, name: '职工之家（书屋）', address: '服务大楼三层 302' }, 'demo-admin');
    expect(edited.body.data.name).toBe('职工之家（书屋）');
    const code = await gw.call('checkin', 'venueCode', { venueId: id }, 'demo-admin');
    expect(code.body.data).toMatchObject({ scene: `v:${id}`, image: { kind: 'qr' } });
    expect((await gw.call('checkin', 'listVenues', {}, 'demo-visitor')).body.data.map((v: { name: string }) => v.name)).toContain('职工之家（书屋）');
    const log = (await col('audit').where({ target: `venues/${id}` }).get()).data;
    expect(log).toHaveLength(2);
  });
});

describe('the kiosk chooser and events (lifecycle L-24, L-25, L-27)', () => {
  test('an_event_running_now_is_listed_as_open_however_many_later_events_exist_and_history_pages', async () => {
    const running = await openEvent('正在进行的活动', { venueId: undefined, place: '园区广场' });
    for (let i = 0; i < 50; i++) {
      ok(await gw.call('checkin', 'createEvent', { title: `以后的活动${i}`, place: '园区广场', startAt: at(3 * 24 * 60 + i * 10), endAt: at(3 * 24 * 60 + i * 10 + 60) }, 'demo-admin'));
    }
    const first = ok(await gw.call('checkin', 'listEvents', {}, 'demo-admin'));
    expect(first.open.map((e: { id: string }) => e.id)).toContain(running.id);
    for (const e of first.open) expect(e.signIn).toBe('open');
    expect(first).toMatchObject({ page: 1, hasMore: true });
    // Paging walks the whole history, newest first, each event once.
    const seen: string[] = [];
    for (let page = 1, more = true; more; page++) {
      const r = ok(await gw.call('checkin', 'listEvents', { page }, 'demo-admin'));
      seen.push(...r.items.map((e: { id: string }) => e.id));
      more = r.hasMore;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(running.id);
    expect(seen.length).toBeGreaterThanOrEqual(51);
  });

  test('an_admin_event_is_generic_lecture_or_study_never_a_volunteer_event_without_an_activity', async () => {
    const r = await gw.call('checkin', 'createEvent', { title: '测试', kind: 'volunteer', place: '园区广场', startAt: at(0), endAt: at(60) }, 'demo-admin');
    expect(r.body.error.code).toBe('VALIDATION');
    for (const kind of ['generic', 'lecture', 'study']) ok(await gw.call('checkin', 'createEvent', { title: `测试${kind}`, kind, place: '园区广场', startAt: at(24 * 60), endAt: at(25 * 60) }, 'demo-admin'));
  });

  test('an_event_code_rotates_at_least_every_60_seconds_so_a_relayed_code_expires_within_two_minutes', async () => {
    const r = await gw.call('checkin', 'createEvent', { title: '长周期', place: '园区广场', startAt: at(0), endAt: at(60), rotateSeconds: 3600 }, 'demo-admin');
    expect(r.body.error.code).toBe('VALIDATION');
    const e = ok(await gw.call('checkin', 'createEvent', { title: '一分钟', place: '园区广场', startAt: at(0), endAt: at(60), rotateSeconds: 60 }, 'demo-admin'));
    const code = ok(await gw.call('checkin', 'currentCode', { eventId: e.id }, 'demo-admin'));
    expect(new Date(code.validUntil).getTime() - Date.now()).toBeLessThanOrEqual(120_000);
  });

  test('a_venue_kiosk_shows_the_centers_event_even_when_a_branch_meeting_there_started_earlier', async () => {
    // The branch records its meeting first (nothing of the center's there yet), then the center schedules its lecture.
    const meeting = ok(await gw.call('org', 'createOrgLife', { branchId: 'branch-joint', kind: '党课', topic: '支部党课', startAt: at(-5), endAt: at(600), venueId: 'venue-meet' }, 'demo-secretary'));
    const before = ok(await gw.call('checkin', 'currentCode', { venueId: 'venue-meet' }, 'demo-admin'));
    expect(before.event.id).toBe(meeting.eventId);
    const lecture = ok(await gw.call('checkin', 'createEvent', { title: '中心大党课', kind: 'lecture', venueId: 'venue-meet', startAt: at(25), endAt: at(145) }, 'demo-admin'));
    const shown = ok(await gw.call('checkin', 'currentCode', { venueId: 'venue-meet' }, 'demo-admin'));
    expect(shown.event).toMatchObject({ id: lecture.id, kind: 'lecture' });
    // The secretary still shows their own meeting's code by its id.
    expect(ok(await gw.call('checkin', 'currentCode', { eventId: meeting.eventId }, 'demo-secretary')).event.id).toBe(meeting.eventId);
  });
});

describe('figures', () => {
  test('visits_per_day_venue_and_event_and_unique_people_match_the_seeded_check_ins', async () => {
    const today = parkDay();
    const from = dayjs(today).subtract(7, 'day').format('YYYY-MM-DD');
    const to = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');
    // What to expect is read from the same database: the week before today holds the base seed's
    // visits and lecture, and — depending on the day of the month and quarter — other seeds' meeting
    // and activity check-ins. Counting the rows here keeps the test true on any day.
    const { data: rows } = await col('checkins').where({ day: cmd().gte(from).and(cmd().lte(to)) }).limit(1000).get();
    const seeded = demoCheckins(today);
    expect(rows.length).toBeGreaterThanOrEqual(seeded.length);
    expect(rows.map((c) => c._id)).toEqual(expect.arrayContaining(seeded.map((c) => c._id)));
    gw.emulator.stats.reset();
    const r = await gw.call('checkin', 'stats', { from, to }, 'demo-admin');
    expect(r.body.ok).toBe(true);
    // Caller + four aggregations, whatever the number of check-ins.
    expect(gw.emulator.stats.byAction['database.aggregateDocuments']).toBe(4);
    expect(gw.emulator.stats.byAction['database.getDocument'] ?? 0).toBeLessThanOrEqual(1);

    const people = (list: { openid: string }[]) => new Set(list.map((c) => c.openid)).size;
    const data = r.body.data;
    // 到访 is a check-in at a center venue (G-16); meetings elsewhere are only in byEvent.
    const visits = rows.filter((c) => c.venueId != null);
    expect(data.totals).toEqual({ visits: visits.length, people: people(visits) });
    expect(data.totals.people).toBeGreaterThanOrEqual(DEMO_VISITORS.length);
    expect(data.byDay).toHaveLength(7);
    for (const d of data.byDay) {
      const day = visits.filter((c) => c.day === d.day);
      expect(d).toEqual({ day: d.day, visits: day.length, people: people(day) });
    }
    for (const v of data.byVenue) {
      const at = rows.filter((c) => c.venueId === v.venueId);
      expect([v.venueId, v.visits, v.people]).toEqual([v.venueId, at.length, people(at)]);
    }
    expect(data.byVenue.map((v: { name: string }) => v.name)).toContain('“三新”讲习所');
    for (const e of data.byEvent) {
      const at = rows.filter((c) => c.eventId === e.eventId);
      expect([e.eventId, e.visits, e.people]).toEqual([e.eventId, at.length, people(at)]);
    }
    expect(data.byEvent).toContainEqual({ eventId: 'demolect1', title: seedEventTitle('demolect1', today), visits: 9, people: 9 });
  });

  test('a_sign_in_at_an_event_held_away_from_the_center_is_attendance_not_a_visit_G_16', async () => {
    const today = parkDay();
    const stats = async () => ok(await gw.call('checkin', 'stats', { from: today, to: today }, 'demo-admin'));
    const before = await stats();
    const who = await fresh('away');
    const away = await openEvent('企业内党小组会', { venueId: undefined, place: '星河智能三楼会议室' });
    ok(await gw.call('checkin', 'scan', { code: await kioskCode(away.id) }, who));
    const after = await stats();
    expect(after.totals).toEqual(before.totals);
    expect(after.byDay).toEqual(before.byDay);
    expect(after.byEvent).toContainEqual(expect.objectContaining({ eventId: away.id, visits: 1, people: 1 }));
    // The same person at an event in a center venue is a visit.
    const here = await openEvent('中心讲座');
    ok(await gw.call('checkin', 'scan', { code: await kioskCode(here.id) }, who));
    expect((await stats()).totals).toEqual({ visits: before.totals.visits + 1, people: before.totals.people + 1 });
  });

  test('a_reversed_or_too_long_range_is_refused_and_visitors_see_no_figures', async () => {
    expect((await gw.call('checkin', 'stats', { from: '2026-11-20', to: '2026-11-01' }, 'demo-admin')).body.error.code).toBe('VALIDATION');
    expect((await gw.call('checkin', 'stats', { from: '2024-01-01', to: '2026-01-01' }, 'demo-admin')).body.error.code).toBe('VALIDATION');
    expect((await gw.call('checkin', 'stats', {}, 'demo-visitor')).status).toBe(403);
  });
});

describe('secret', () => {
  test('the_local_secret_is_kept_in_the_data_folder_so_codes_survive_a_restart', async () => {
    const event = await openEvent('重启测试');
    const code = await kioskCode(event.id);
    const dataDir = gw.dataDir;
    await gw.close();
    gw = await startTestGateway({ dataDir });
    expect((await gw.call('checkin', 'scan', { code }, (await fresh('restart')))).body.data.status).toBe('ok');
  });
});
