/** `org` through the local gateway against the embedded emulator (integration tier). */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { previousQuarter, quarterOf } from './scoring';
import { makeMember } from '../../local/party.testkit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const fresh = freshOpenid;
const admin = (action: string, params: unknown = {}) => gw.call('org', action, params, 'demo-admin');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
const at = (offsetMin: number) => dayjs().tz(PARK_TZ).add(offsetMin, 'minute').format('YYYY-MM-DD HH:mm');

/** A person holding `role` (with its scope) who has opened the app. */
async function person(role: string, scope: Record<string, string> = {}, name = '测试') {
  const openid = fresh(role);
  await gw.call('user', 'acceptPrivacy', {}, openid);
  await gw.call('user', 'updateProfile', { name }, openid);
  ok(await gw.call('user', 'grantRole', { openid, role, ...scope }, 'demo-admin'));
  return openid;
}

// Runs first, on the seed as it is: the figures are counted by hand from local/seed-org.ts.
describe('coverage figures', () => {
  test('park_and_industry_figures_on_the_seeded_ledger_match_hand_counts', async () => {
    const c = ok(await admin('coverage'));
    // 42 enterprises: 12 single-built + 16 in 5 joint branches + 3 attached + 2 under the dispatched
    // branch = 33 with an organisation; instructors on 10, of which 5 have no organisation
    // (ent-e, n18, n20, n31, n34) → 38 covered by the work; 148 full + 27 probationary members (the joint
    // branch's enterprises ent-b, ent-c, ent-f hold its nine roster members, local/seed-party.ts).
    // Every seeded organisation has its roster (local/seed-party.ts); one single-built organisation has
    // fewer than 3 正式党员 with their relation in the park, so it is listed, not counted (G-12): 11 single
    // + 16 joint + 3 attached = 30 counted. The 2 under 派驻 count only as work coverage; 派驻 and the 5
    // instructor-only enterprises have no 未建立原因 yet (7).
    expect(c.park.counts).toEqual({ enterprises: 42, withOrg: 30, withOrgOrInstructor: 38, single: 11, joint: 16, attached: 3, dispatched: 2, members: 175, full: 148, instructors: 10, mismatch: 9, belowThree: 1, noReason: 7 });
    expect(c.park.rates).toEqual({ orgCoverage: 0.7143, workCoverage: 0.9048, singleRate: 0.2619, jointRate: 0.381, membersPerEnterprise: 4.17 });
    // 绿源环保 (ent-n29): 3 正式党员 in the ledger, one of whose relation is still outside the park.
    expect(c.belowThree).toEqual([{ id: 'br-lvyuan', name: '苏州绿源环保科技有限公司党支部', form: '单独组建', full: 2 }]);
    const by = Object.fromEntries(c.byIndustry.map((r: any) => [r.industry, r]));
    expect(c.byIndustry.reduce((s: number, r: any) => s + r.counts.enterprises, 0)).toBe(42);
    // 高端装备制造: ent-a, n13, n14 single; n15, n16 joint; members 16+10+5+3+1.
    expect(by['高端装备制造'].counts).toMatchObject({ enterprises: 5, withOrg: 5, single: 3, joint: 2, members: 35, mismatch: 0 });
    expect(by['高端装备制造'].rates).toMatchObject({ orgCoverage: 1, singleRate: 0.6, jointRate: 0.4, membersPerEnterprise: 7 });
    // 新材料: ent-d single; n17 (3 full) and n18 (2 full) without an organisation, n18 has an instructor.
    expect(by['新材料'].counts).toMatchObject({ enterprises: 3, withOrg: 1, withOrgOrInstructor: 2, single: 1, members: 32, mismatch: 2 });
    expect(by['新材料'].rates).toMatchObject({ orgCoverage: 0.3333, workCoverage: 0.6667, singleRate: 0.3333, jointRate: 0 });
    // 商务服务: n26 single; n27 and the incubator's joint three (n21–n23); n28 alone without members or instructor,
    // and n22 (no full member, no instructor) in a joint branch.
    expect(by['商务服务'].counts).toMatchObject({ enterprises: 6, withOrg: 5, single: 1, joint: 4, members: 11, mismatch: 2 });
    expect(c.byIndustry).toHaveLength(12);
  });

  test('the_ledger_flags_list_exactly_the_enterprises_the_rule_and_assignments_say', async () => {
    const mismatch = ok(await admin('ledgerList', { flag: 'mismatch' }));
    expect(mismatch.rows.map((r: any) => r.id).sort()).toEqual(['ent-e', 'ent-n07', 'ent-n08', 'ent-n17', 'ent-n18', 'ent-n22', 'ent-n28', 'ent-n33', 'ent-n34'].sort());
    expect(mismatch.counts).toEqual({ all: 42, noInstructor: 32, mismatch: 9, noOrg: 9 });
    const noOrg = ok(await admin('ledgerList', { flag: 'noOrg' }));
    expect(noOrg.rows.map((r: any) => r.id).sort()).toEqual(['ent-e', 'ent-n08', 'ent-n17', 'ent-n18', 'ent-n20', 'ent-n28', 'ent-n31', 'ent-n33', 'ent-n34'].sort());
    const all = ok(await admin('ledgerList', {}));
    expect([all.total, all.rows.length]).toEqual([42, 20]);
    expect(ok(await admin('ledgerList', { page: 3 })).rows).toHaveLength(2);
    const search = ok(await admin('ledgerList', { q: '检测', flag: 'noInstructor' }));
    expect(search.rows.map((r: any) => r.name).sort()).toEqual(['星河湾基因检测技术有限公司', '星河湾环境检测有限公司', '苏州易达检测仪器有限公司'].sort());
    const industry = ok(await admin('ledgerList', { industry: '新材料' }));
    expect(industry.counts).toEqual({ all: 3, noInstructor: 2, mismatch: 2, noOrg: 2 });
    // Regular-expression characters in a search are text, not a pattern.
    expect(ok(await admin('ledgerList', { q: '.*' })).total).toBe(0);
  });
});

describe('the 五清 ledger entry', () => {
  test('an_entry_shows_the_rule_check_and_nearby_candidates_or_instructors', async () => {
    const n17 = ok(await admin('getEnterprise', { id: 'ent-n17' }));
    expect(n17.check).toMatchObject({ suggested: '单独组建', ok: false });
    expect(n17.org).toBeNull();
    expect(n17.candidates).toEqual([]);
    const n34 = ok(await admin('getEnterprise', { id: 'ent-n34' }));
    expect(n34.check.suggested).toBe('联合组建');
    // D 栋 already has a joint branch: it comes first.
    expect(n34.candidates[0]).toMatchObject({ id: 'br-joint-d', why: '同在D 栋，可加入联合党支部' });
    const n33 = ok(await admin('getEnterprise', { id: 'ent-n33' }));
    expect(n33.check).toMatchObject({ suggested: '派驻', ok: false });
    expect(n33.instructorCandidates.map((i: any) => i.name)).toEqual(['吴海涛', '郑丽娟', '陈雪梅', '刘志刚']);
    const a = ok(await gw.call('org', 'getEnterprise', {}, 'demo-enterprise-a'));
    expect(a).toMatchObject({ id: 'ent-a', partyMembers: { full: 14, probationary: 2 }, org: { name: '苏州星河智能装备有限公司党支部', form: '单独组建' }, check: { ok: true }, canEdit: true, canEditName: false });
    expect(a.candidates).toEqual([]);
  });

  test('a_contact_keeps_their_own_entry_up_to_date_and_every_change_is_logged_with_who_and_when', async () => {
    const r = ok(await gw.call('org', 'updateEnterprise', { headcount: 240, partyMembers: { full: 15, probationary: 2, registeredInPark: 13 }, workforce: { activists: 6, applicants: 4 } }, 'demo-enterprise-a'));
    expect(r).toEqual({ id: 'ent-a', changed: 3 });
    const e = ok(await gw.call('org', 'getEnterprise', {}, 'demo-enterprise-a'));
    expect(e.headcount).toBe(240);
    expect(e.changes[0]).toMatchObject({ actorName: '赵敏', actorRole: 'enterprise' });
    expect(e.changes[0].changes).toEqual([
      { field: 'headcount', label: '从业人员', before: 236, after: 240 },
      { field: 'partyMembers.full', label: '正式党员', before: 14, after: 15 },
      { field: 'partyMembers.registeredInPark', label: '组织关系在园区', before: 12, after: 13 },
    ]);
    expect(Date.now() - new Date(e.changes[0].at).getTime()).toBeLessThan(60_000);
    // Sending the same values again changes and logs nothing.
    expect(ok(await gw.call('org', 'updateEnterprise', { headcount: 240 }, 'demo-enterprise-a')).changed).toBe(0);
    expect((await col('ledgerChanges').where({ enterpriseId: 'ent-a' }).count()).total).toBe(1);
  });

  test('one_profile_a_change_made_on_the_policy_profile_page_shows_in_the_ledgers_change_log', async () => {
    const before = ok(await gw.call('org', 'getEnterprise', {}, 'demo-enterprise-b'));
    ok(await gw.call('policy', 'updateMyProfile', { annualRevenueWan: 7300 }, 'demo-enterprise-b'));
    const after = ok(await gw.call('org', 'getEnterprise', {}, 'demo-enterprise-b'));
    expect(after).toMatchObject({ annualRevenueWan: 7300, revenueBand: '2000万–1亿元' });
    expect(after.changes[0]).toMatchObject({ actorName: '孙磊', actorRole: 'enterprise' });
    expect(after.changes[0].changes).toEqual([{ field: 'annualRevenueWan', label: '年营业收入（万元）', before: before.annualRevenueWan, after: 7300 }]);
    // And the ledger edits the very same field policy matching reads.
    ok(await gw.call('org', 'updateEnterprise', { annualRevenueWan: before.annualRevenueWan }, 'demo-enterprise-b'));
    expect(ok(await gw.call('policy', 'myProfile', {}, 'demo-enterprise-b')).annualRevenueWan).toBe(before.annualRevenueWan);
  });

  test('another_enterprises_ledger_entry_is_answered_exactly_like_a_missing_one', async () => {
    const other = await gw.call('org', 'getEnterprise', { id: 'ent-b' }, 'demo-enterprise-a');
    const missing = await gw.call('org', 'getEnterprise', { id: 'ent-zzz' }, 'demo-enterprise-a');
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
  });

  test('a_contact_cannot_touch_another_enterprise_or_the_registered_name_and_facts_must_agree', async () => {
    expect((await gw.call('org', 'updateEnterprise', { id: 'ent-b', headcount: 1 }, 'demo-enterprise-a')).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('org', 'updateEnterprise', { name: '改个名字有限公司' }, 'demo-enterprise-b')).body.error.code).toBe('FORBIDDEN');
    gw.emulator.stats.reset();
    const bad = await gw.call('org', 'updateEnterprise', { headcount: 2 }, 'demo-enterprise-b');
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION' });
    expect(bad.body.error.message).toContain('不能多于从业人员');
    expect(gw.emulator.stats.writes).toBe(0);
    expect((await gw.call('org', 'updateEnterprise', { headcount: 1 }, 'demo-member')).status).toBe(403);
  });

  test('an_admin_edit_is_logged_and_audited_and_a_duplicate_name_is_a_conflict', async () => {
    ok(await admin('updateEnterprise', { id: 'ent-n28', building: 'A2 栋', qualifications: ['科技型中小企业'] }));
    const [log] = (await col('ledgerChanges').where({ enterpriseId: 'ent-n28' }).get()).data;
    expect(log).toMatchObject({ actor: 'demo-admin', actorName: '王建国', actorRole: 'admin' });
    expect((await col('audit').where({ target: 'enterprises/ent-n28', action: 'updateEnterprise' }).count()).total).toBe(1);
    expect((await admin('updateEnterprise', { id: 'ent-n28', name: '苏州星河智能装备有限公司' })).body.error.code).toBe('CONFLICT');
    const created = ok(await admin('createEnterprise', { name: '苏州测试新入园科技有限公司', industry: '人工智能', foundedAt: '2026-10-01', headcount: 12, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } }));
    const fresh = ok(await admin('getEnterprise', { id: created.id }));
    expect(fresh).toMatchObject({ name: '苏州测试新入园科技有限公司', check: { suggested: '联合组建', ok: false } });
    expect(fresh.changes[0].changes[0]).toMatchObject({ label: '建档' });
  });

  test('more_members_flag_a_joint_enterprise_that_should_stand_alone', async () => {
    ok(await admin('updateEnterprise', { id: 'ent-b', partyMembers: { full: 3, probationary: 1, registeredInPark: 3 } }));
    const joint = ok(await gw.call('org', 'listOrgBranches', {}, 'demo-secretary'));
    expect(joint.branches.map((b: any) => b.id)).toEqual(['branch-joint']);
    const b = joint.branches[0].enterprises.find((e: any) => e.id === 'ent-b');
    expect(b).toMatchObject({ ok: false, suggested: '单独组建' });
    expect(ok(await admin('ledgerList', { flag: 'mismatch' })).rows.map((r: any) => r.id)).toContain('ent-b');
    ok(await admin('updateEnterprise', { id: 'ent-b', partyMembers: { full: 2, probationary: 2, registeredInPark: 3 } }));
  });
});

describe('organisations and instructors', () => {
  test('an_enterprise_joins_at_most_one_organisation_even_when_two_admins_race', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => admin('upsertBranch', { name: `测试联合党支部${i}`, form: '联合组建', enterpriseIds: ['ent-n08', 'ent-n33'] })),
    );
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1);
    for (const r of replies.filter((x) => !x.body.ok)) expect(r.body.error).toMatchObject({ code: 'CONFLICT' });
    expect((await col('branches').where({ enterpriseIds: 'ent-n08' }).count()).total).toBe(1);
    const taken = await admin('upsertBranch', { name: '再来一个联合党支部', form: '联合组建', enterpriseIds: ['ent-n33', 'ent-n28'] });
    expect(taken.body.error.message).toMatch(/已属于“测试联合党支部\d”/);
    // n08 (0 full) is now in a joint branch but still has no instructor: flagged; n33 likewise.
    const n08 = ok(await admin('getEnterprise', { id: 'ent-n08' }));
    expect(n08.org.form).toBe('联合组建');
    expect(n08.check.ok).toBe(false);
  });

  test('form_rules_of_an_organisation_are_checked', async () => {
    expect((await admin('upsertBranch', { name: '单独组建但两家企业', form: '单独组建', enterpriseIds: ['ent-n28', 'ent-n31'] })).body.error.message).toContain('只对应一家企业');
    expect((await admin('upsertBranch', { name: '联合组建但只一家', form: '联合组建', enterpriseIds: ['ent-n28'] })).body.error.message).toContain('至少两家');
    expect((await admin('upsertBranch', { name: '挂靠但未写挂靠谁', form: '挂靠组建', enterpriseIds: ['ent-n28'] })).body.error.message).toContain('挂靠');
    expect((await admin('upsertBranch', { name: '不存在的企业支部', form: '派驻', enterpriseIds: ['ent-nope'] })).body.error.code).toBe('NOT_FOUND');
  });

  test('a_ledger_edit_killed_before_its_log_row_is_logged_when_the_entry_is_next_opened_once', async () => {
    // ledgerWrite's saga: the entry's conditional update, then its log row. The database refuses the
    // log row's insert, as a call killed between the two writes would leave it.
    const building = `半途楼${fresh('b').slice(-5)}`;
    const real = gw.emulator.handle.bind(gw.emulator);
    const spy = jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) =>
      body?.action === 'database.insertDocument' && body.collectionName === 'ledgerChanges' ? { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'connection reset (injected)' } : real(body),
    );
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await admin('updateEnterprise', { id: 'ent-n31', building })).body.ok).toBe(false);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    const [e] = (await col('enterprises').doc('ent-n31').get()).data as any[];
    expect(e.building).toBe(building);
    const rowsOf = async () => (await col('ledgerChanges').where({ enterpriseId: 'ent-n31', 'changes.after': building }).get()).data;
    expect(await rowsOf()).toHaveLength(0);
    // Opening the entry writes the missing row from what the entry kept; opening it again adds nothing.
    const page = ok(await admin('getEnterprise', { id: 'ent-n31' }));
    expect(page.changes[0]).toMatchObject({ actorRole: 'admin', changes: [{ field: 'building', after: building }] });
    ok(await admin('getEnterprise', { id: 'ent-n31' }));
    expect(await rowsOf()).toHaveLength(1);
    // The next edit goes on from there, logged as usual.
    expect(ok(await admin('updateEnterprise', { id: 'ent-n31', building: `${building}2` })).changed).toBe(1);
    expect((await col('ledgerChanges').where({ enterpriseId: 'ent-n31', 'changes.after': `${building}2` }).count()).total).toBe(1);
  });

  test('two_ledger_edits_at_once_each_land_and_each_log_its_own_change', async () => {
    const [a, b] = await Promise.all([
      admin('updateEnterprise', { id: 'ent-n28', workforce: { activists: 7, applicants: 5 } }),
      gw.call('org', 'updateEnterprise', { id: 'ent-n28', legalPerson: { name: '并发法人', isPartyMember: true } }, 'demo-admin'),
    ]);
    expect([ok(a).changed > 0, ok(b).changed > 0]).toEqual([true, true]);
    const [e] = (await col('enterprises').doc('ent-n28').get()).data as any[];
    expect([e.workforce, e.legalPerson]).toEqual([{ activists: 7, applicants: 5 }, { name: '并发法人', isPartyMember: true }]);
    const rows = (await col('ledgerChanges').where({ enterpriseId: 'ent-n28' }).orderBy('at', 'desc').limit(2).get()).data;
    expect(rows.map((r: any) => r.changes[0].field.split('.')[0]).sort()).toEqual(['legalPerson', 'workforce']);
  });

  test('assigning_an_instructor_covers_the_work_and_revoking_the_role_unassigns', async () => {
    const before = ok(await admin('coverage')).park.counts;
    const instructor = await person('instructor', {}, '孙立');
    expect((await admin('assignInstructor', { enterpriseId: 'ent-n28', openid: 'demo-member' })).body.error.code).toBe('VALIDATION');
    ok(await admin('assignInstructor', { enterpriseId: 'ent-n28', openid: instructor }));
    const after = ok(await admin('coverage')).park.counts;
    expect(after.withOrgOrInstructor).toBe(before.withOrgOrInstructor + 1);
    expect(after.mismatch).toBe(before.mismatch - 1);
    expect(ok(await admin('getEnterprise', { id: 'ent-n28' })).changes[0].changes).toEqual([{ field: 'instructor', label: '党建指导员', before: null, after: '孙立' }]);
    expect(ok(await gw.call('org', 'getEnterprise', { id: 'ent-n28' }, instructor)).instructor.name).toBe('孙立');
    expect((await gw.call('org', 'getEnterprise', { id: 'ent-a' }, instructor)).body.error.code).toBe('NOT_FOUND');
    expect(ok(await admin('listInstructors')).find((i: any) => i.openid === instructor)).toMatchObject({ name: '孙立', enterprises: 1 });
    ok(await gw.call('user', 'revokeRole', { openid: instructor, role: 'instructor' }, 'demo-admin'));
    expect(ok(await admin('coverage')).park.counts.withOrgOrInstructor).toBe(before.withOrgOrInstructor);
  });
});

describe('instructor assignment on entries whose stored instructor is null', () => {
  // createEnterprise stores `instructor: null` and revoking the role writes null back. CloudBase refuses
  // update({instructor: {openid, name}}) there: the SDK sends $set {"instructor.openid": …}, which MongoDB
  // cannot create inside a null (PathNotViable, findings P-01). The emulator now refuses it too.
  test('an_enterprise_created_by_the_form_gets_an_instructor_and_after_a_revoke_a_new_one', async () => {
    const id = ok(await admin('createEnterprise', { name: '指导员测试新入园有限公司', industry: '人工智能', foundedAt: '2026-09-01', headcount: 8, partyMembers: { full: 0, probationary: 0, registeredInPark: 0 } })).id;
    expect((await col('enterprises').doc(id).get()).data[0].instructor).toBeNull();
    const first = await person('instructor', {}, '周指导');
    expect(ok(await admin('assignInstructor', { enterpriseId: id, openid: first })).instructor).toEqual({ openid: first, name: '周指导' });
    expect((await col('enterprises').doc(id).get()).data[0].instructor).toEqual({ openid: first, name: '周指导' });
    ok(await gw.call('user', 'revokeRole', { openid: first, role: 'instructor' }, 'demo-admin'));
    expect((await col('enterprises').doc(id).get()).data[0].instructor).toBeNull();
    const second = await person('instructor', {}, '吴指导');
    ok(await admin('assignInstructor', { enterpriseId: id, openid: second }));
    expect(ok(await admin('getEnterprise', { id })).instructor).toMatchObject({ openid: second, name: '吴指导' });
    ok(await admin('assignInstructor', { enterpriseId: id, openid: null }));
    expect((await col('enterprises').doc(id).get()).data[0].instructor).toBeNull();
  });
});

describe('organisation life', () => {
  test('a_secretary_records_a_theme_day_attendees_scan_the_code_or_are_added_by_hand_counted_once', async () => {
    const rec = ok(await gw.call('org', 'createOrgLife', { branchId: 'branch-joint', kind: '主题党日', topic: '学习贯彻全会精神', startAt: at(-5), endAt: at(90), venueId: 'venue-activity', guestNames: ['何晓东'] }, 'demo-secretary'));
    expect(rec).toMatchObject({ kind: '主题党日', place: '党员活动室', attendees: 0, guests: 1 });
    // The secretary shows the rotating code of their own meeting on the kiosk; the member scans it.
    const code = ok(await gw.call('checkin', 'currentCode', { eventId: rec.eventId }, 'demo-secretary'));
    expect(ok(await gw.call('checkin', 'scan', { code: code.scene }, 'demo-member')).status).toBe('ok');
    // By hand: the member again (already counted) and a second member; a guest by name.
    const added = ok(await gw.call('org', 'addAttendees', { id: rec.id, openids: ['demo-member', 'seed-member-01'], guestNames: ['何晓东', '园区团委 小王'] }, 'demo-secretary'));
    expect(added).toEqual({ members: 1, guests: 1 });
    const full = ok(await gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary'));
    expect(full.signedIn.map((a: any) => [a.name, a.via]).sort()).toEqual([['刘芳', 'hand'], ['张卫东', 'code']].sort());
    expect(full.guestNames).toEqual(['何晓东', '园区团委 小王']);
    expect(full.signedIn).toHaveLength(2);
    // Members present; guests (列席) are counted apart and never as members present.
    expect(full).toMatchObject({ attendees: 2, guests: 2, guestsScanned: [] });
    const absent = full.absentMembers.map((m: any) => m.name);
    expect(absent).toEqual(expect.arrayContaining(['李红梅', '高建']));
    expect(absent).not.toContain('张卫东');
    expect(absent).not.toContain('刘芳');
    expect(ok(await gw.call('org', 'listOrgLife', { branchId: 'branch-joint' }, 'demo-secretary')).find((r: any) => r.id === rec.id)).toMatchObject({ attendees: 2, guests: 2 });
    // A hand-added member and a guest can be removed (a wrong scan too: orglife.int.test.ts).
    ok(await gw.call('org', 'removeAttendee', { id: rec.id, openid: 'seed-member-01' }, 'demo-secretary'));
    ok(await gw.call('org', 'removeAttendee', { id: rec.id, guestName: '园区团委 小王' }, 'demo-secretary'));
    expect(ok(await gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary'))).toMatchObject({ signedIn: [{ name: '张卫东' }], guestNames: ['何晓东'], attendees: 1, guests: 1 });
  });

  test('a_secretary_only_sees_and_runs_their_own_branch', async () => {
    expect((await gw.call('org', 'createOrgLife', { branchId: 'br-xinyuan', kind: '支委会', topic: '越权记录', startAt: at(-60), endAt: at(-10) }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
    const other = ok(await admin('createOrgLife', { branchId: 'br-xinyuan', kind: '党课', topic: '芯源党课', startAt: at(-10), endAt: at(60), place: '芯源微电子三楼会议室' }));
    expect((await gw.call('checkin', 'currentCode', { eventId: other.eventId }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('checkin', 'currentCode', { venueId: 'venue-hall' }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('org', 'getOrgLife', { id: other.id }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('org', 'listOrgLife', { branchId: 'br-xinyuan' }, 'demo-secretary')).body.error.code).toBe('FORBIDDEN');
    expect((await gw.call('org', 'addAttendees', { id: other.id, openids: ['demo-member'] }, 'demo-admin')).body.error.message).toContain('本支部');
    expect((await gw.call('org', 'createOrgLife', { branchId: 'branch-joint', kind: '支委会', topic: '时间倒置', startAt: at(60), endAt: at(10) }, 'demo-secretary')).body.error.code).toBe('VALIDATION');
  });
});

describe('a branch meeting at a center venue (lifecycle L-25)', () => {
  const day = (n: number) => dayjs().tz(PARK_TZ).add(n, 'day').format('YYYY-MM-DD');
  test('a_meeting_overlapping_a_center_event_at_its_venue_is_refused_unless_the_branch_booked_the_room_for_that_time', async () => {
    ok(await gw.call('checkin', 'createEvent', { title: '中心大党课', kind: 'lecture', venueId: 'venue-life', startAt: `${day(3)} 09:00`, endAt: `${day(3)} 12:00` }, 'demo-admin'));
    const meeting = { branchId: 'branch-joint', kind: '党课', topic: '支部党课', startAt: `${day(3)} 09:30`, endAt: `${day(3)} 10:30`, venueId: 'venue-life' };
    const refused = await gw.call('org', 'createOrgLife', meeting, 'demo-secretary');
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(refused.body.error.message).toContain('预约');
    // A booking by another holder, or one that covers only part of the meeting, is not enough.
    const partial = ok(await gw.call('room', 'book', { venueId: 'venue-life', day: day(3), start: '09:30', end: '10:00', purpose: '支部党课', attendees: 10 }, 'demo-secretary'));
    expect((await gw.call('org', 'createOrgLife', meeting, 'demo-secretary')).body.error.code).toBe('CONFLICT');
    ok(await gw.call('room', 'book', { venueId: 'venue-life', day: day(3), start: '10:00', end: '10:30', purpose: '支部党课', attendees: 10 }, 'demo-enterprise-a'));
    expect((await gw.call('org', 'createOrgLife', meeting, 'demo-secretary')).body.error.code).toBe('CONFLICT');
    // The branch's own booking(s) covering the whole meeting let it through.
    ok(await gw.call('room', 'cancelBooking', { id: partial.id }, 'demo-secretary'));
    ok(await gw.call('room', 'book', { venueId: 'venue-life', day: day(3), start: '09:00', end: '10:00', purpose: '支部党课', attendees: 10 }, 'demo-secretary'));
    expect((await gw.call('org', 'createOrgLife', meeting, 'demo-secretary')).body.error.code).toBe('CONFLICT');
    ok(await gw.call('org', 'createOrgLife', { ...meeting, endAt: `${day(3)} 10:00` }, 'demo-secretary'));
    // A free-text place or a time the center does not use needs no booking.
    ok(await gw.call('org', 'createOrgLife', { ...meeting, venueId: undefined, place: '支部会议室' }, 'demo-secretary'));
    ok(await gw.call('org', 'createOrgLife', { ...meeting, startAt: `${day(3)} 14:00`, endAt: `${day(3)} 15:00` }, 'demo-secretary'));
  });
});

describe('star ratings', () => {
  test('evidence_items_are_filled_from_meetings_attendance_and_lecture_check_ins', async () => {
    // A new branch of two enterprises with 1 + 2 members (ledger 4 with one probationary) and two bound members.
    const entA = ok(await admin('createEnterprise', { name: '星级测试甲科技有限公司', industry: '人工智能', foundedAt: '2020-01-01', headcount: 20, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } })).id;
    const entB = ok(await admin('createEnterprise', { name: '星级测试乙科技有限公司', industry: '人工智能', foundedAt: '2021-01-01', headcount: 30, partyMembers: { full: 2, probationary: 1, registeredInPark: 3 } })).id;
    const branchId = ok(await admin('upsertBranch', { name: '星级测试联合党支部', form: '联合组建', enterpriseIds: [entA, entB] })).id;
    const secretary = await person('secretary', { branchId }, '星级书记');
    await col('users').doc(secretary).update({ memberStatus: 'approved', roles: ['secretary', 'member'] });
    // Set directly, not by grantRole (which enrols from this month): the rated quarter must be theirs.
    const member = fresh('member');
    await gw.call('user', 'acceptPrivacy', {}, member);
    await gw.call('user', 'updateProfile', { name: '星级党员' }, member);
    await col('users').doc(member).update({ memberStatus: 'approved', branchId, roles: ['member'] });
    // Both on the branch's 花名册: organisation life counts the roster's members (org/members.ts).
    for (const openid of [secretary, member]) await makeMember({ branchId, openid });

    // This quarter: 2 支委会 + 1 党课 + 2 主题党日 (one earlier today and so on: all inside the quarter).
    const meet = async (kind: string, who: string[], guests: string[] = []) => {
      const r = ok(await gw.call('org', 'createOrgLife', { branchId, kind, topic: `${kind}测试`, startAt: at(-120), endAt: at(-60), place: '会议室', guestNames: guests }, secretary));
      if (who.length) ok(await gw.call('org', 'addAttendees', { id: r.id, openids: who }, secretary));
    };
    await meet('支委会', [secretary, member]);
    await meet('支委会', [secretary]);
    await meet('党课', [secretary, member], ['入党积极分子 甲']);
    await meet('主题党日', [secretary, member], ['入党积极分子 甲']);
    await meet('主题党日', [member]);
    // A Party lecture this quarter: the member scans, the secretary does not.
    const lecture = ok(await gw.call('checkin', 'createEvent', { title: '测试大党课', kind: 'lecture', venueId: 'venue-school', startAt: at(-10), endAt: at(60) }, 'demo-admin'));
    const code = ok(await gw.call('checkin', 'currentCode', { eventId: lecture.id }, 'demo-admin'));
    ok(await gw.call('checkin', 'scan', { code: code.scene }, member));

    const r = ok(await gw.call('org', 'branchRating', { branchId }, secretary));
    const item = (k: string) => r.sheet.items.find((i: any) => i.key === k);
    expect(r.sheet.ledgerMembers).toBe(4);
    // Kind by kind against the rule table: the second 支委会 of the same month does not make up for
    // the months and kinds still missing (2 of 8 requirements met); two theme days in one month meet 1 of 3.
    expect(item('sanhui')).toMatchObject({
      auto: true, value: 2, points: 6.3,
      detail: '支部党员大会 每季度 1 次：应开 1 次，已开 0 次，缺 1 次；支委会 每月 1 次：应开 3 次，已开 2 次（按月计 1 次），缺 2 次；党小组会 每月 1 次：应开 3 次，已开 0 次，缺 3 次；党课 每季度 1 次：应开 1 次，已开 1 次，缺 0 次',
    });
    expect(item('themeDay')).toMatchObject({ auto: true, value: 1, points: 5 });
    // Over the roster (G-04): 党课 + 2 主题党日 × 2 roster members = 6 expected, 2+2+1 present → 83 % of the
    // 90 % target; the 支委会 (no committee list) and the guests are listed apart, never counted.
    expect(item('attendance')).toMatchObject({ auto: true, value: 83, points: 9.2 });
    expect(item('attendance').detail).toContain('花名册党员 2 名与台账党员 4 名不一致');
    // 1 of the 2 bound members scanned in at the lecture.
    expect(item('lecture')).toMatchObject({ auto: true, value: 50, points: 6.3 });
    // Study, volunteer and demand items are evidence too (G-01): nobody studied, served or handled a demand.
    expect(item('study')).toMatchObject({ auto: true, value: 0, points: 0, detail: '本季度本支部学习小组没有学习专题' });
    expect(item('volunteer')).toMatchObject({ auto: true, value: 0, points: 0, detail: '党员 2 名，志愿服务共 0 小时，0 人参加' });
    expect(item('demands')).toMatchObject({ auto: true, value: 0, points: 0, detail: '本季度本支部党员没有办结的诉求' });
    expect(item('feature')).toMatchObject({ auto: false, points: null });
    expect(r.sheet.total).toBe(26.8); // 23.2 + the attendance over the roster (G-04) at 9.2 instead of 5.6
    expect(r.sheet.complete).toBe(false);

    // The assessor scores the rest with notes; evidence items cannot be scored by hand.
    const q = quarterOf();
    expect((await admin('scoreItem', { quarter: q, branchId, itemKey: 'sanhui', points: 25, note: '手工改分' })).body.error.code).toBe('VALIDATION');
    expect((await admin('scoreItem', { quarter: q, branchId, itemKey: 'feature', points: 12, note: '超过满分' })).body.error.code).toBe('VALIDATION');
    ok(await admin('scoreItem', { quarter: q, branchId, itemKey: 'feature', points: 8.5, note: '楼宇党建有特色' }));
    ok(await admin('scoreItem', { quarter: q, branchId, itemKey: 'feature', points: 9, note: '复核后调整' }));
    const sheet = ok(await admin('ratingSheet', {}));
    const row = sheet.rows.find((x: any) => x.branchId === branchId);
    expect(row.items.find((i: any) => i.key === 'feature')).toMatchObject({ points: 9, note: '复核后调整', scoredByName: '王建国' });
    expect(row.total).toBe(35.8);
    const log = ok(await admin('branchRating', { branchId })).log;
    expect(log.map((l: any) => [l.itemKey, l.points, l.note])).toEqual([['feature', 9, '复核后调整'], ['feature', 8.5, '楼宇党建有特色']]);
    // The quarter is not over: no final rating yet.
    expect((await admin('finalizeRating', { quarter: q, branchId })).body.error.code).toBe('CLOSED');
  });

  test('last_quarter_is_finalised_once_with_stars_and_allowance_and_kept_in_history', async () => {
    const last = previousQuarter(quarterOf());
    const seeded = ok(await gw.call('org', 'branchRating', { branchId: 'branch-joint', quarter: last }, 'demo-secretary'));
    expect(seeded.sheet.status).toBe('final');
    expect(seeded.history[0]).toMatchObject({ quarter: last, status: 'final' });
    // Two stars or more: 三会一课 is scored kind by kind (G-02), attendance over the roster-backed
    // member count, and study, volunteer and demands from records (G-01) — the seed has last
    // quarter's study records but no volunteer hours or demands of its members, which the
    // hand-typed scores used to supply.
    expect(seeded.sheet.stars).toBeGreaterThanOrEqual(2);
    // (How much depends on the day: the study seed's own "last month" may fall in that quarter.)
    const study = seeded.sheet.items.find((i: any) => i.key === 'study');
    expect(study).toMatchObject({ auto: true });
    expect(study.value).toBeGreaterThan(0);
    // br-zhixing has no record last quarter: evidence gives 0, the assessor must score the rest first.
    const missing = await admin('finalizeRating', { quarter: last, branchId: 'br-zhixing' });
    expect(missing.body.error.code).toBe('VALIDATION');
    // Only the hand-scored item is left to score (study, volunteer and demands are evidence, G-01).
    expect(missing.body.error.message).toBe('还有未评分的项目：特色亮点与群众评价，请评分后再定级。');
    for (const [itemKey, points] of [['feature', 6]] as const) {
      ok(await admin('scoreItem', { quarter: last, branchId: 'br-zhixing', itemKey, points, note: '评议打分' }));
    }
    const racers = await Promise.all(Array.from({ length: 5 }, () => admin('finalizeRating', { quarter: last, branchId: 'br-zhixing' })));
    expect(racers.filter((r) => r.body.ok)).toHaveLength(1);
    const won = racers.find((r) => r.body.ok)!.body.data;
    // No records at all: every evidence item is 0, the assessor's 6 is the total (no hand-typed 17 more).
    expect(won).toEqual({ total: 6, stars: 1, allowance: 0 });
    expect((await admin('scoreItem', { quarter: last, branchId: 'br-zhixing', itemKey: 'feature', points: 10, note: '定级后再改' })).body.error.code).toBe('CLOSED');
    const sheet = ok(await admin('ratingSheet', { quarter: last }));
    expect(sheet.rows.filter((r: any) => r.status === 'final').map((r: any) => r.branchId).sort()).toEqual(['br-joint-d', 'br-xinyuan', 'br-zhixing', 'branch-joint'].sort());
    expect(sheet.allowanceTotal).toBe(sheet.rows.filter((r: any) => r.status === 'final').reduce((s: number, r: any) => s + r.allowance, 0));
  });

  test('the_rubric_is_edited_with_its_version_and_must_total_100', async () => {
    const r = ok(await admin('getRubric'));
    // G-01: the study, volunteer and demand items are computed, no longer placeholders.
    for (const key of ['study.completion', 'volunteer.hours', 'demand.handled']) expect(r.sources.find((s: any) => s.key === key)).toMatchObject({ available: true });
    const items = r.items.map((i: any) => (i.key === 'feature' ? { ...i, points: 5 } : i));
    expect((await admin('updateRubric', { version: r.version, items, bands: r.bands })).body.error.message).toContain('100');
    const balanced = items.map((i: any) => (i.key === 'themeDay' ? { ...i, points: 20 } : i));
    const [a, b] = await Promise.all([
      admin('updateRubric', { version: r.version, items: balanced, bands: r.bands }),
      admin('updateRubric', { version: r.version, items: balanced, bands: r.bands }),
    ]);
    expect([a.body.ok, b.body.ok].sort()).toEqual([false, true]);
    expect(ok(await admin('getRubric')).version).toBe(r.version + 1);
    expect((await gw.call('org', 'updateRubric', { version: 2, items: balanced, bands: r.bands }, 'demo-secretary')).status).toBe(403);
  });

  test('a_finalised_rating_keeps_its_scores_and_stars_when_the_rubric_is_edited_afterwards', async () => {
    const last = previousQuarter(quarterOf());
    const branchId = 'br-yida';
    const open = ok(await admin('branchRating', { branchId, quarter: last }));
    expect(open.sheet.status).not.toBe('final');
    for (const i of open.sheet.items.filter((x: any) => x.points === null)) {
      ok(await admin('scoreItem', { quarter: last, branchId, itemKey: i.key, points: Math.floor(i.max / 2), note: '季度评议' }));
    }
    const fin = ok(await admin('finalizeRating', { quarter: last, branchId }));
    const rubric = ok(await admin('getRubric'));
    const [stored] = (await col('ratings').doc(`${last}_${branchId}`).get()).data;
    expect(stored).toMatchObject({ status: 'final', quarter: last, branchId, rubricVersion: rubric.version, finalizedBy: 'demo-admin', total: fin.total, stars: fin.stars, allowance: fin.allowance });
    expect(stored.items.every((i) => i.points !== null)).toBe(true);

    // The rubric changes: one band now gives every total 5 stars and 9999 元 — the final rating does not move.
    expect(fin).not.toMatchObject({ stars: 5, allowance: 9999 });
    const saved = ok(await admin('updateRubric', { version: rubric.version, items: rubric.items, bands: [{ stars: 5, minScore: 0, allowance: 9999 }] }));
    expect(saved).toEqual({ version: rubric.version + 1 });
    const [current] = (await col('rubrics').doc('current').get()).data;
    expect(current).toMatchObject({ version: rubric.version + 1, bands: [{ stars: 5, minScore: 0, allowance: 9999 }], updatedBy: 'demo-admin' });
    const edits = (await col('audit').where({ fn: 'org', action: 'updateRubric' }).limit(100).get()).data;
    expect(edits.filter((e) => (e.after as { version: number }).version === rubric.version + 1)).toHaveLength(1);
    const after = ok(await admin('branchRating', { branchId, quarter: last }));
    expect(after.sheet).toMatchObject({ status: 'final', total: fin.total, stars: fin.stars, allowance: fin.allowance });
    // A branch still open this quarter is scored with the new bands.
    expect(ok(await admin('branchRating', { branchId, quarter: quarterOf() })).sheet).toMatchObject({ stars: 5, allowance: 9999 });
    expect((await admin('finalizeRating', { quarter: last, branchId })).body.error.code).toBe('CONFLICT');
    // Put the rubric back for whatever runs after on this gateway.
    ok(await admin('updateRubric', { version: rubric.version + 1, items: rubric.items, bands: rubric.bands }));
  });
});
