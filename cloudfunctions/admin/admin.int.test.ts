/** `admin` through the local gateway: dashboard figures, every export read back with exceljs, the enterprise import, the audit log. */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { LEDGERS } from './ledgerRegistry';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Workbook = require('exceljs/lib/doc/workbook');

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const ADMIN = 'demo-admin';
const ok = async (fn: string, action: string, params: unknown = {}, openid = ADMIN) => {
  const r = await gw.call(fn, action, params, openid);
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(r.body.error)}`);
  return r.body.data;
};

async function open(base64: string) {
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64'));
  return wb.worksheets[0];
}

// A period of its own, far from the seed's days, so the counts are exactly what this file adds.
/**
 * The fixture's year: five years ahead of today's park year, so its days are always in the future
 * (nothing in it is overdue, no seeded record falls in its range) on whatever day the tests run.
 */
const Y = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) + 5;
const DAYS = [`${Y}-03-01`, `${Y}-03-02`, `${Y}-03-02`];
beforeAll(async () => {
  await Promise.all(
    DAYS.map((day, i) =>
      col('checkins').add({ _id: `adm-ck-${i}`, key: `v:venue-hall:adm-${i}:${day}`, openid: i === 2 ? 'demo-member' : 'demo-visitor', nonce: `adm-${i}`, kind: 'venue', venueId: 'venue-hall', eventId: null, day, at: new Date(`${day}T02:00:00Z`) }),
    ),
  );
  const booking = (i: number, teamId: string, teamName: string, state: string, score: number | null) =>
    col('bookings').add({
      _id: `adm-bk-${i}`, slotId: `adm-slot-${i}`, slotTurn: `adm-slot-${i}#1`, expertId: 'demo-expert-legal', expertName: '周文', teamId, teamName,
      enterpriseId: 'ent-a', enterpriseName: '星河智能', bookedBy: 'demo-enterprise-a', bookedByName: '李娜', startAt: new Date(`${Y}-03-01T06:00:00Z`),
      endAt: new Date(`${Y}-03-01T07:00:00Z`), mode: 'venue', place: '大厅', kind: 'bookable', rovingDayId: null, topic: '合同审查', note: '', state, history: [],
      serviceRecord: null, score, comment: score ? '很专业' : null, cancelReason: null, createdAt: new Date(`${Y}-02-20T00:00:00Z`), updatedAt: new Date(),
    });
  await Promise.all([booking(1, 'team-legal', '法律', 'rated', 5), booking(2, 'team-legal', '法律', 'rated', 4), booking(3, 'team-finance', '金融', 'confirmed', null)]);
  // Volunteering: two credited registrations of one person, one of another, one not credited.
  const reg = (i: number, openid: string, minutes: number) =>
    col('volunteerRegistrations').add({
      _id: `adm-reg-${i}`, activityId: `adm-act-${i}`, openid, activeKey: `adm-act-${i}:${openid}`, status: 'confirmed', ticket: 1, teamId: 'vt-test', title: '送党课进企业',
      startAt: new Date(`${Y}-03-02T01:00:00Z`), endAt: new Date(`${Y}-03-02T03:00:00Z`), signedInAt: null, signedOutAt: null, minutes, hours: minutes ? 'auto' : 'none',
      noShow: false, promotedAt: null, cancelledAt: null, createdAt: new Date(), updatedAt: new Date(),
    });
  await Promise.all([reg(1, 'demo-member', 120), reg(2, 'demo-member', 60), reg(3, 'demo-visitor', 90), reg(4, 'demo-secretary', 0)]);
  // Demands: one resolved in 48 hours, one still open.
  const demand = (i: number, state: string, resolvedAt: Date | null, dueDate: string) =>
    col('demands').add({
      _id: `adm-dm-${i}`, kind: '诉求', category: '用工', title: '招聘技术工人', description: '需要协助', contactWay: null, contactPhone: null, proxyMode: null, policies: [],
      packageId: null, packageTitle: null, enterpriseId: 'ent-a', enterpriseName: '星河智能', submittedBy: 'demo-enterprise-a', submitterName: '李娜', state,
      handlerOpenid: 'demo-admin', handlerName: '王建国', dueDate, submittedAt: new Date(`${Y}-03-01T02:00:00Z`), month: `${Y}-03`, assignedAt: null, acceptedAt: null,
      resolvedAt, resolution: null, ratedAt: null, score: null, comment: null, cancelledAt: null, reopenCount: 0, timeline: [], updatedAt: new Date(),
    });
  await Promise.all([demand(1, 'resolved', new Date(`${Y}-03-03T02:00:00Z`), `${Y}-03-10`), demand(2, 'accepted', null, `${Y}-03-02`)]);
  // Study: a group whose March topic has two materials; of its three members one finished (both
  // read + a record), one read one and wrote, one did nothing; a person who left had finished (not
  // counted). A second group has a topic and no members.
  const now = new Date(`${Y}-03-01T00:00:00Z`);
  const group = (id: string, name: string) => col('studyGroups').add({ _id: id, name, kind: 'branch', branchId: null, description: '', ownerOpenid: 'demo-secretary', inviteCode: id.toUpperCase().replace(/[^A-Z]/g, ''), chatCount: 0, createdBy: 'demo-admin', createdAt: now, updatedAt: now });
  await Promise.all([group('adm-sg-a', '测试第一学习小组'), group('adm-sg-b', '测试第二学习小组')]);
  const topic = (groupId: string) => col('studyTopics').add({ _id: `${groupId}:${Y}-03`, groupId, month: `${Y}-03`, title: '学习党章', intro: '', materials: [{ id: 'm1', kind: 'text', title: '一', body: '', url: '' }, { id: 'm2', kind: 'text', title: '二', body: '', url: '' }], minRecordChars: 10, updatedBy: 'demo-admin', createdAt: now, updatedAt: now });
  await Promise.all([topic('adm-sg-a'), topic('adm-sg-b')]);
  const member = (openid: string) => col('studyMembers').add({ _id: `adm-sg-a:${openid}`, groupId: 'adm-sg-a', openid, via: 'code', joinedAt: now });
  await Promise.all(['adm-p1', 'adm-p2', 'adm-p3'].map(member));
  const progress = (openid: string, readIds: string[], recordChars: number) => col('studyProgress').add({ _id: `adm-sg-a:${Y}-03:${openid}`, groupId: 'adm-sg-a', month: `${Y}-03`, openid, readIds, recordChars, recordAt: recordChars ? now : null, updatedAt: now });
  await Promise.all([progress('adm-p1', ['m1', 'm2'], 120), progress('adm-p2', ['m1'], 80), progress('adm-left', ['m1', 'm2'], 99)]);
  // Star ratings of Q1 of that year: three finalised (5, 4, 4 stars), one still a draft (not counted).
  const rating = (i: number, stars: number, status: 'final' | 'draft') => col('ratings').add({ _id: `${Y}Q1_adm-b${i}`, quarter: `${Y}Q1`, branchId: `adm-b${i}`, branchName: `测试支部${i}`, rubricVersion: 1, items: [], total: 60 + stars * 6, stars, allowance: stars * 500, status, log: [], finalizedBy: status === 'final' ? 'demo-admin' : null, finalizedAt: status === 'final' ? now : null, createdAt: now, updatedAt: now });
  await Promise.all([rating(1, 5, 'final'), rating(2, 4, 'final'), rating(3, 4, 'final'), rating(4, 3, 'draft')]);
});

/**
 * Coverage counted by hand: every enterprise, organisation and roster row read, the rule applied in
 * JS — a 单独/联合组建 organisation counts with 3+ 正式党员 on its roster now (已转入), 挂靠 always,
 * 派驻 never (findings G-12).
 */
async function coverageByHand() {
  const [ents, branches, roster] = await Promise.all([col('enterprises').limit(1000).get(), col('branches').limit(1000).get(), col('partyMembers').limit(1000).get()]);
  const full = (branchId: string) => roster.data.filter((m) => m.branchId === branchId && m.state === 'active' && m.standing === '正式' && m.relation === '已转入').length;
  const counts = (b: { _id: string; form: string }) => b.form === '挂靠组建' || ((b.form === '单独组建' || b.form === '联合组建') && full(b._id) >= 3);
  const orgOf = new Map(branches.data.flatMap((b) => b.enterpriseIds.map((id) => [id, b] as const)));
  const e = ents.data;
  const counted = (x: { _id: string }) => !!orgOf.get(x._id) && counts(orgOf.get(x._id)!);
  return {
    enterprises: e.length,
    withOrg: e.filter(counted).length,
    withOrgOrInstructor: e.filter((x) => orgOf.has(x._id) || !!x.instructor?.openid).length,
    single: e.filter((x) => counted(x) && orgOf.get(x._id)!.form === '单独组建').length,
    joint: e.filter((x) => counted(x) && orgOf.get(x._id)!.form === '联合组建').length,
    members: e.reduce((s, x) => s + (x.partyMembers?.full ?? 0) + (x.partyMembers?.probationary ?? 0), 0),
  };
}

describe('dashboard', () => {
  test('figures_of_the_period_come_grouped_from_the_database', async () => {
    const d = await ok('admin', 'dashboard', { from: `${Y}-03-01`, to: `${Y}-03-03` });
    expect(d.visits.totals).toEqual({ visits: 3, people: 2 });
    expect(d.visits.byDay.map((r: { visits: number }) => r.visits)).toEqual([1, 2, 0]);
    expect(d.appointments.total).toBe(3);
    const legal = d.appointments.byTeam.find((t: { teamId: string }) => t.teamId === 'team-legal');
    expect(legal).toMatchObject({ bookings: 2, served: 2, rated: 2, satisfaction: 4.5 });
    expect(d.appointments.byTeam.find((t: { teamId: string }) => t.teamId === 'team-finance')).toMatchObject({ bookings: 1, rated: 0, satisfaction: null });
    expect(d.totals.enterprises).toBeGreaterThanOrEqual(2);
    expect(d.volunteer).toMatchObject({ hours: 4.5, volunteers: 2 });
    expect(d.demands.total).toMatchObject({ collected: 2, resolved: 1, rate: 0.5, medianHours: 48 });
    // Overdue is open past the due day as of today: the fixture's year is still ahead.
    expect(d.demands.total.overdue).toBe(0);
  });

  test('study_completion_by_group_counts_current_members_who_read_everything_and_wrote_a_record', async () => {
    const d = await ok('admin', 'dashboard', { from: `${Y}-03-01`, to: `${Y}-03-03` });
    expect(d.study.byGroup).toEqual([
      { groupId: 'adm-sg-a', groupName: '测试第一学习小组', month: `${Y}-03`, members: 3, finished: 1, rate: 0.3333 },
      { groupId: 'adm-sg-b', groupName: '测试第二学习小组', month: `${Y}-03`, members: 0, finished: 0, rate: null },
    ]);
    // The same definition as the secretaries' completion page (study.completion).
    const page = await ok('study', 'completion', { groupId: 'adm-sg-a', month: `${Y}-03` });
    expect(page.figures).toMatchObject({ members: 3, started: 2, finished: 1 });
  });

  test('study_by_group_past_500_group_months_says_where_it_stops_instead_of_cutting_silently', async () => {
    // 41 groups × 13 months = 533 group-months, in years of their own (no other test's topics there).
    const now = new Date();
    const months = Array.from({ length: 13 }, (_, i) => `${Y + 2 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const groups = Array.from({ length: 41 }, (_, g) => `adm-cap-${String(g).padStart(2, '0')}`);
    await Promise.all(groups.map((id) => col('studyGroups').add({ _id: id, name: `上限小组${id.slice(-2)}`, kind: 'topic', branchId: null, description: '', ownerOpenid: 'demo-secretary', inviteCode: `CAP${id.slice(-2)}`, chatCount: 0, createdBy: 'demo-admin', createdAt: now, updatedAt: now })));
    for (const month of months)
      await Promise.all(groups.map((groupId) => col('studyTopics').add({ _id: `${groupId}:${month}`, groupId, month, title: '学习', intro: '', materials: [], minRecordChars: 10, updatedBy: 'demo-admin', createdAt: now, updatedAt: now })));
    // 31 January to 1 January: thirteen months in under a year.
    const d = await ok('admin', 'dashboard', { from: `${Y + 2}-01-31`, to: `${Y + 3}-01-01` });
    const shownMonths = [...new Set(d.study.byGroup.map((r: { month: string }) => r.month))];
    // 500 rows hold 12 whole months of 41 groups (492); the 13th is not shown half-filled, and the page is told so.
    expect(d.study.byGroup).toHaveLength(12 * 41);
    expect(shownMonths).toEqual(months.slice(0, 12));
    expect(d.study.cutAfter).toBe(months[11]);
    // A period within the cap says nothing was cut.
    const small = await ok('admin', 'dashboard', { from: `${Y + 2}-01-01`, to: `${Y + 2}-02-28` });
    expect(small.study.byGroup).toHaveLength(2 * 41);
    expect(small.study.cutAfter).toBeNull();
  });

  test('coverage_matches_a_hand_count_of_the_ledger_and_the_coverage_page', async () => {
    const [d, page, hand] = await Promise.all([ok('admin', 'dashboard', { from: `${Y}-03-01`, to: `${Y}-03-03` }), ok('org', 'coverage'), coverageByHand()]);
    expect(d.coverage.counts).toMatchObject(hand);
    expect(d.coverage.rates.orgCoverage).toBeCloseTo(hand.withOrg / hand.enterprises, 4);
    expect(d.coverage).toEqual({ counts: page.park.counts, rates: page.park.rates });
  });

  test('star_distribution_is_the_latest_finalised_quarter_drafts_left_out', async () => {
    const d = await ok('admin', 'dashboard', { from: `${Y}-03-01`, to: `${Y}-03-03` });
    expect(d.stars.quarter).toBe(`${Y}Q1`);
    expect(d.stars.rated).toBe(3);
    expect(d.stars.byStars.map((r: { stars: number; branches: number }) => [r.stars, r.branches])).toEqual([[5, 1], [4, 2], [3, 0], [2, 0], [1, 0], [0, 0]]);
    // A period ending before the fixture's year shows the seed's last finalised quarter instead.
    const earlier = await ok('admin', 'dashboard', {});
    expect(earlier.stars.quarter).not.toBe(`${Y}Q1`);
    expect(earlier.stars.rated).toBeGreaterThan(0);
  });

  test('the_dashboard_costs_a_fixed_number_of_database_calls_whatever_the_data', async () => {
    const calls = async (from: string, to: string) => {
      gw.emulator.stats.reset();
      await ok('admin', 'dashboard', { from, to });
      return gw.emulator.stats.requests;
    };
    // 16 figure calls (see dashboard.ts; the park calendar for the demands' service levels) + reading the caller's user record.
    expect(await calls(`${Y}-03-01`, `${Y}-03-03`)).toBe(17);
    expect(await calls(`${Y - 1}-03-04`, `${Y}-03-03`)).toBe(17);
  });

  test('only_admins_see_the_dashboard', async () => {
    for (const who of ['demo-secretary', 'demo-member', 'demo-visitor']) {
      expect((await gw.call('admin', 'dashboard', {}, who)).body.error.code).toBe('FORBIDDEN');
    }
  });

  test('a_period_longer_than_a_year_is_refused', async () => {
    expect((await gw.call('admin', 'dashboard', { from: `${Y - 2}-01-01`, to: `${Y}-01-01` }, ADMIN)).body.error.code).toBe('VALIDATION');
  });
});

describe('export', () => {
  test('every_ledger_opens_with_exceljs_with_a_title_row_chinese_headers_and_its_rows', async () => {
    const expected: Record<string, number> = {
      checkins: 3, appointments: 3, volunteerHours: 2, demands: 2, studyCompletion: 2,
      enterprises: (await col('enterprises').count()).total, organisations: (await col('branches').count()).total,
      partyRoster: (await col('partyMembers').where({ state: 'active' }).count()).total,
    };
    for (const l of LEDGERS) {
      const r = await ok('admin', 'exportLedger', { key: l.key, from: `${Y}-03-01`, to: `${Y}-03-03` });
      expect(r.fileName).toMatch(/\.xlsx$/);
      const ws = await open(r.base64);
      expect(String(ws.getRow(1).getCell(1).value)).toBe(l.title);
      const headers = (ws.getRow(3).values as unknown[]).slice(1);
      expect(headers).toEqual(l.columns.map((c) => c.header));
      expect(ws.rowCount - 3).toBe(expected[l.key]);
      expect(r.rows).toBe(expected[l.key]);
    }
  });

  test('the_enterprise_export_holds_the_same_facts_as_the_five_clear_ledger_page', async () => {
    const ws = await open((await ok('admin', 'exportLedger', { key: 'enterprises' })).base64);
    const headers = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    const rowOf = (name: string) => {
      for (let i = 4; i <= ws.rowCount; i++) {
        if (ws.getRow(i).getCell(1).value === name) return Object.fromEntries(headers.map((h, k) => [h, ws.getRow(i).getCell(k + 1).value]));
      }
      return null;
    };
    const name = '苏州星河智能装备有限公司';
    const page = (await ok('org', 'ledgerList', { q: '星河智能' })).rows.find((r: { name: string }) => r.name === name);
    const entry = await ok('org', 'getEnterprise', { id: page.id });
    const row = rowOf(name)!;
    expect(row).toMatchObject({
      所属行业: page.industry, 所在楼宇: page.building, 从业人员: page.headcount, 营收规模: page.revenueBand, 正式党员: page.full, 预备党员: page.probationary,
      所在党组织: page.branchName, 组建形式: page.form, 党建指导员: page.instructorName || null, 资质荣誉: page.qualifications.join('、'),
    });
    const e = entry.enterprise ?? entry;
    expect(row['法定代表人']).toBe(e.legalPerson.name);
    expect(row['组织关系在园区']).toBe(e.partyMembers.registeredInPark);
    expect(row['入党积极分子']).toBe(e.workforce.activists);
    // An enterprise with nothing filled in yet reads the ledger's defaults, not blanks.
    await col('enterprises').add({ _id: 'adm-bare', name: '测试未填台账企业', industry: '软件', headcount: 5, foundedAt: '2020-01-01', qualifications: [], contactOpenids: [], createdAt: new Date() });
    const bare = (await open((await ok('admin', 'exportLedger', { key: 'enterprises' })).base64));
    let found = false;
    bare.eachRow((r: { getCell(i: number): { value: unknown } }) => {
      if (r.getCell(1).value === '测试未填台账企业') {
        found = true;
        expect([r.getCell(headers.indexOf('正式党员') + 1).value, r.getCell(headers.indexOf('所在党组织') + 1).value]).toEqual([0, '未建立党组织']);
      }
    });
    expect(found).toBe(true);
  });

  test('the_organisation_export_has_one_row_per_organisation_and_a_coverage_sheet', async () => {
    const r = await ok('admin', 'exportLedger', { key: 'organisations' });
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64'));
    const [orgs, cover] = wb.worksheets;
    const headers = (orgs.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual(['党组织名称', '组建形式', '挂靠单位', '覆盖企业数', '覆盖企业', '从业人员', '正式党员', '预备党员', '书记', '最近星级评定', '星级', '评定得分', '红星津贴（元）', '建立时间']);
    const branches = (await col('branches').limit(1000).get()).data;
    expect(orgs.rowCount - 3).toBe(branches.length);
    // Each organisation's enterprise count is its own list; the finalised ones show their stars.
    const byName = new Map(branches.map((b) => [b.name, b]));
    let rated = 0;
    for (let i = 4; i <= orgs.rowCount; i++) {
      const row = orgs.getRow(i);
      expect(row.getCell(4).value).toBe(byName.get(String(row.getCell(1).value))!.enterpriseIds.length);
      if (typeof row.getCell(11).value === 'number') rated++;
    }
    const finals = (await col('ratings').where({ status: 'final' }).limit(1000).get()).data;
    expect(rated).toBe(branches.filter((b) => finals.some((f) => f.branchId === b._id)).length);
    expect(rated).toBeGreaterThan(0);

    expect(String(cover.getRow(1).getCell(1).value)).toBe('党组织覆盖情况（按行业）');
    expect((cover.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['行业', '企业数', '计入组织覆盖', '组织覆盖率']);
    const hand = await coverageByHand();
    const park = cover.getRow(4);
    expect([park.getCell(1).value, park.getCell(2).value, park.getCell(3).value]).toEqual(['全园区', hand.enterprises, hand.withOrg]);
    expect(park.getCell(4).value).toBeCloseTo(hand.withOrg / hand.enterprises, 4);
    expect(park.getCell(4).numFmt).toBe('0.0%');
    const industries = new Set((await col('enterprises').limit(1000).get()).data.map((e) => e.industry));
    expect(cover.rowCount - 4).toBe(industries.size);
  });

  test('the_study_export_has_one_row_per_group_and_month_with_the_rate', async () => {
    const ws = await open((await ok('admin', 'exportLedger', { key: 'studyCompletion', from: `${Y}-03-01`, to: `${Y}-03-31` })).base64);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['月份', '学习小组', '类型', '本月专题', '成员数', '已参加学习', '学完资料', '写了自学记录', '已完成', '完成率']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([`${Y}年3月`, '测试第一学习小组', '支部', '学习党章', 3, 2, 1, 2, 1, 0.3333]);
    expect(ws.rowCount - 3).toBe(2);
  });

  test('volunteer_hours_are_summed_per_person_most_first', async () => {
    const ws = await open((await ok('admin', 'exportLedger', { key: 'volunteerHours', from: `${Y}-03-01`, to: `${Y}-03-03` })).base64);
    expect([ws.getRow(4).getCell(3).value, ws.getRow(4).getCell(4).value]).toEqual([2, 3]);
    expect([ws.getRow(5).getCell(3).value, ws.getRow(5).getCell(4).value]).toEqual([1, 1.5]);
  });

  test('dates_are_written_in_park_time', async () => {
    const ws = await open((await ok('admin', 'exportLedger', { key: 'checkins', from: `${Y}-03-01`, to: `${Y}-03-01` })).base64);
    // 02:00 UTC is 10:00 in Asia/Shanghai.
    const cell = ws.getRow(4).getCell(1);
    expect((cell.value as Date).toISOString()).toBe(`${Y}-03-01T10:00:00.000Z`);
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(4).getCell(3).value).toBe('场所到访');
  });

  test('an_unknown_ledger_is_not_found', async () => {
    expect((await gw.call('admin', 'exportLedger', { key: 'nope' }, ADMIN)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('enterprise import', () => {
  async function fileWith(rows: string[][]) {
    const t = await ok('admin', 'importTemplate');
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(t.base64, 'base64'));
    const ws = wb.worksheets[0];
    rows.forEach((r, i) => (ws.getRow(3 + i).values = r));
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  async function runImport(base64: string, uploadId: string) {
    // Two pieces, as the page sends a large file.
    const half = Math.ceil(base64.length / 2);
    await ok('admin', 'importUpload', { uploadId, index: 1, count: 2, data: base64.slice(half) });
    await ok('admin', 'importUpload', { uploadId, index: 0, count: 2, data: base64.slice(0, half) });
    let offset = 0;
    const steps = [];
    for (;;) {
      const r = await ok('admin', 'importRun', { uploadId, offset });
      steps.push(r);
      if (r.finished) return steps;
      offset = r.done;
    }
  }

  test('mixed_file_imports_the_good_rows_and_lists_each_bad_row_with_its_reason', async () => {
    const tag = Date.now().toString(36);
    const rows = [
      [`云帆新材料${tag}`, '91350100M000100Y43', '新材料', '85', '2018-04-12', '高新技术企业、专精特新'],
      [`绿洲食品${tag}`, '', '其他', '三十', '2020-02-30', ''],
      [`远航物流${tag}`, '', '现代物流', '40', '2021-06-01', ''],
      ['', '', '软件和信息技术服务', '12', '2022-01-01', ''],
    ];
    const base64 = await fileWith(rows);
    const before = (await col('enterprises').count()).total;
    const steps = await runImport(base64, `test-${tag}-a`);
    const last = steps[steps.length - 1];
    expect(last).toMatchObject({ total: 4, valid: 2, done: 2, finished: true, created: 2 });
    expect(last.rejected).toEqual([
      { rowNumber: 4, name: `绿洲食品${tag}`, reason: '「从业人员」应为 1 至 100000 的整数；「成立日期」“2020-02-30”不是有效日期（如 2019-05-20）' },
      { rowNumber: 6, name: '', reason: '「企业名称」不能为空' },
    ]);
    expect((await col('enterprises').count()).total).toBe(before + 2);
    const [e] = (await col('enterprises').where({ name: `云帆新材料${tag}` }).get()).data;
    expect(e).toMatchObject({ industry: '新材料', headcount: 85, foundedAt: '2018-04-12', qualifications: ['高新技术企业', '专精特新'], creditCode: '91350100M000100Y43' });

    // The same file again (a retry): nothing duplicated, the rows are updated in place.
    const again = await runImport(await fileWith(rows.map((r, i) => (i === 0 ? [r[0], r[1], r[2], '90', r[4], r[5]] : r))), `test-${tag}-b`);
    expect(again[again.length - 1]).toMatchObject({ valid: 2, created: 0, updated: 2 });
    expect((await col('enterprises').count()).total).toBe(before + 2);
    expect((await col('enterprises').where({ name: `云帆新材料${tag}` }).get()).data[0].headcount).toBe(90);
    // Every imported enterprise is in the 五清 ledger's change log, as an edit on the ledger page is.
    const logs = (await col('ledgerChanges').where({ enterpriseId: e._id }).orderBy('at', 'asc').get()).data;
    expect(logs.map((l) => l.changes.map((c) => [c.label, c.before, c.after]))).toEqual([[['建档（Excel 导入）', null, `云帆新材料${tag}`]], [['从业人员', 85, 90]]]);
    expect(logs[0]).toMatchObject({ actor: ADMIN, actorRole: 'admin' });
    const page = await ok('org', 'getEnterprise', { id: e._id });
    expect(JSON.stringify(page)).toContain('建档（Excel 导入）');
    // The pieces are gone once the import finished.
    expect((await col('importChunks').where({ uploadId: `test-${tag}-a` }).count()).total).toBe(0);
  });

  test('a_row_contradicting_facts_already_on_the_ledger_is_refused_with_its_row_number', async () => {
    // 苏州星河智能装备有限公司 has 16 Party members on the ledger: 10 employees cannot be right.
    const steps = await runImport(await fileWith([['苏州星河智能装备有限公司', '', '高端装备制造', '10', '2015-04-18', '']]), `test-${Date.now().toString(36)}-refused`);
    const last = steps[steps.length - 1];
    expect(last).toMatchObject({ valid: 1, updated: 0, created: 0, rejected: [] });
    expect(last.refused).toEqual([{ rowNumber: 3, name: '苏州星河智能装备有限公司', reason: expect.stringContaining('党员人数（16）不能多于从业人员（10）') }]);
    expect((await col('enterprises').doc('ent-a').get()).data[0].headcount).toBe(236);
  });

  test('a_large_file_is_written_in_batches_with_progress', async () => {
    const tag = Date.now().toString(36);
    const rows = Array.from({ length: 230 }, (_, i) => [`批量企业${tag}-${i}`, '', '软件和信息技术服务', String(i + 1), '2015-01-01', '']);
    const steps = await runImport(await fileWith(rows), `test-${tag}-big`);
    expect(steps.map((s) => s.done)).toEqual([100, 200, 230]);
    expect((await col('enterprises').where({ name: new RegExp(`^批量企业${tag}-`) }).count()).total).toBe(230);
  });

  // G-15: the finding's two spellings of one enterprise (half- and full-width brackets).
  test('bracket_variants_of_one_name_make_one_enterprise_in_one_file_and_across_imports', async () => {
    const tag = Date.now().toString(36);
    const half = `苏州星河智能装备(苏州${tag})有限公司`;
    const full = `苏州星河智能装备（苏州${tag}）有限公司`;
    const steps = await runImport(await fileWith([[half, '', '高端装备制造', '20', '2015-04-18', ''], [full, '', '高端装备制造', '20', '2015-04-18', '']]), `test-${tag}-br1`);
    const last = steps[steps.length - 1];
    expect(last).toMatchObject({ valid: 1, created: 1 });
    expect(last.rejected).toEqual([{ rowNumber: 4, name: full, reason: '与第 3 行是同一家企业（企业名称相同）' }]);
    const found = async () => (await col('enterprises').where({ name: new RegExp(`^苏州星河智能装备.苏州${tag}.有限公司$`) }).get()).data;
    expect((await found()).map((e) => e.name)).toEqual([full]);
    // A later file spelling it the other way (and with a stray space) updates the same enterprise.
    const again = await runImport(await fileWith([[`苏州星河智能装备 (苏州${tag}) 有限公司`, '', '高端装备制造', '25', '2015-04-18', '']]), `test-${tag}-br2`);
    expect(again[again.length - 1]).toMatchObject({ valid: 1, created: 0, updated: 1 });
    expect((await found()).map((e) => [e.name, e.headcount])).toEqual([[full, 25]]);
    // The form's duplicate check is the same database invariant: the half-width spelling is 同名.
    const r = await gw.call('org', 'createEnterprise', { name: half, industry: '高端装备制造', foundedAt: '2015-04-18', headcount: 3 }, ADMIN);
    expect(r.body.error).toMatchObject({ code: 'CONFLICT', message: '已有同名企业，请核对企业名称。' });
  });

  test('the_five_clear_columns_land_in_the_record_and_a_credit_code_keys_the_row_even_under_a_corrected_name', async () => {
    const tag = Date.now().toString(36);
    const name = `五清导入${tag}`;
    // Template order: 企业名称 统一社会信用代码 所属行业 从业人员 成立日期 资质荣誉 所在楼宇 入党积极分子 入党申请人 正式党员 预备党员 组织关系在园区 法定代表人 法定代表人是否党员 主要出资人 出资人是否党员
    const t = await ok('admin', 'importTemplate');
    const tws = await open(t.base64);
    expect((tws.getRow(2).values as string[]).slice(1)).toEqual(['企业名称*', '统一社会信用代码', '所属行业*', '从业人员*', '成立日期*', '资质荣誉', '所在楼宇', '入党积极分子', '入党申请人', '正式党员', '预备党员', '组织关系在园区', '法定代表人', '法定代表人是否党员', '主要出资人', '出资人是否党员']);
    const code = '91350100M000100Y43';
    await col('enterprises').where({ creditCode: code }).update({ creditCode: `old-${tag}` });
    await runImport(await fileWith([[name, code, '新材料', '40', '2018-04-12', '专精特新', 'B座', '2', '3', '5', '1', '4', '赵一', '是', '钱二', '否']]), `test-${tag}-wq1`);
    const [e] = (await col('enterprises').where({ name }).get()).data;
    expect(e).toMatchObject({
      creditCode: code, headcount: 40, building: 'B座', workforce: { activists: 2, applicants: 3 }, partyMembers: { full: 5, probationary: 1, registeredInPark: 4 },
      legalPerson: { name: '赵一', isPartyMember: true }, investor: { name: '钱二', isPartyMember: false },
    });
    // Same code, the name corrected (full-width letters) and one fact changed, blank 五清 cells left as they are.
    const renamed = `五清导入${tag}Ｂ`;
    const steps = await runImport(await fileWith([[renamed, code, '新材料', '40', '2018-04-12', '专精特新', '', '', '', '6', '', '', '', '', '', '']]), `test-${tag}-wq2`);
    expect(steps[steps.length - 1]).toMatchObject({ created: 0, updated: 1 });
    const [after] = (await col('enterprises').where({ creditCode: code }).get()).data;
    expect(after).toMatchObject({ _id: e._id, name: `${name}B`, building: 'B座', partyMembers: { full: 6, probationary: 1, registeredInPark: 4 }, legalPerson: { name: '赵一', isPartyMember: true } });
    // A row whose facts contradict each other is refused and changes nothing.
    const bad = await runImport(await fileWith([[`${name}B`, code, '新材料', '40', '2018-04-12', '', '', '', '', '1', '0', '3', '', '', '', '']]), `test-${tag}-wq3`);
    expect(bad[bad.length - 1].refused).toEqual([{ rowNumber: 3, name: `${name}B`, reason: expect.stringContaining('组织关系在园区的党员（3）不能多于党员总数（1）') }]);
    expect((await col('enterprises').doc(e._id).get()).data[0].partyMembers?.full).toBe(6);
  });

  test('an_over_long_name_is_refused_by_the_import_as_by_createEnterprise', async () => {
    const long = '长'.repeat(41);
    const form = await gw.call('org', 'createEnterprise', { name: long, industry: '新材料', foundedAt: '2018-04-12', headcount: 3 }, ADMIN);
    expect(form.body.error.code).toBe('VALIDATION');
    expect(form.body.error.message).toContain('企业名称不能超过 40 字');
    const steps = await runImport(await fileWith([[long, '', '新材料', '3', '2018-04-12', '']]), `test-${Date.now().toString(36)}-long`);
    expect(steps[steps.length - 1]).toMatchObject({ valid: 0, created: 0, rejected: [{ rowNumber: 3, name: long, reason: '「企业名称」不能超过 40 字' }] });
    expect((await col('enterprises').where({ name: long }).count()).total).toBe(0);
  });

  test('the_five_clear_export_re_imports_as_updates_without_duplicates', async () => {
    const tag = Date.now().toString(36);
    const ent = (await col('enterprises').doc('ent-b').get()).data[0];
    const ws = await open((await ok('admin', 'exportLedger', { key: 'enterprises' })).base64);
    const headers = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    const col1 = (h: string) => headers.indexOf(h) + 1;
    let corrected = 0;
    ws.eachRow((r: { getCell(i: number): { value: unknown } }) => {
      if (r.getCell(1).value === ent.name) {
        r.getCell(col1('所在楼宇')).value = `改${tag}`.slice(0, 20);
        corrected++;
      }
    });
    expect(corrected).toBe(1);
    const wb = ws.workbook;
    const before = (await col('enterprises').count()).total;
    const steps = await runImport(Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), `test-${tag}-rt`);
    const totals = steps.reduce((a, s) => ({ created: a.created + s.created, updated: a.updated + s.updated }), { created: 0, updated: 0 });
    expect(totals.created).toBe(0);
    expect(totals.updated).toBeGreaterThan(1);
    expect((await col('enterprises').count()).total).toBe(before);
    const [b] = (await col('enterprises').doc('ent-b').get()).data;
    expect(b.building).toBe(`改${tag}`.slice(0, 20));
    expect(b.partyMembers).toEqual(ent.partyMembers ?? { full: 0, probationary: 0, registeredInPark: 0 });
  });

  test('names_written_before_g15_are_migrated_to_their_canonical_spelling_and_a_twice_spelt_enterprise_is_listed_not_merged', async () => {
    const tag = Date.now().toString(36);
    const legacy = { industry: '新材料', headcount: 5, foundedAt: '2020-01-01', qualifications: [], contactOpenids: [], createdAt: new Date() };
    await col('enterprises').add({ _id: `mig-${tag}-a`, name: `旧名(苏州${tag})有限公司`, ...legacy });
    await col('enterprises').add({ _id: `mig-${tag}-b`, name: `重名（苏州${tag}）有限公司`, ...legacy });
    await col('enterprises').add({ _id: `mig-${tag}-c`, name: `重名 (苏州${tag}) 有限公司`, ...legacy });
    const renamed: { id: string; to: string }[] = [];
    const conflicts: { id: string }[] = [];
    let after: string | undefined;
    for (let i = 0; i < 50; i++) {
      const r = await ok('org', 'canonicaliseNames', after ? { after } : {});
      renamed.push(...r.renamed);
      conflicts.push(...r.conflicts);
      if (r.done) break;
      after = r.after;
    }
    expect(renamed.filter((r) => r.id.startsWith(`mig-${tag}`))).toEqual([{ id: `mig-${tag}-a`, from: `旧名(苏州${tag})有限公司`, to: `旧名（苏州${tag}）有限公司` }]);
    expect(conflicts.filter((c) => c.id.startsWith(`mig-${tag}`))).toEqual([{ id: `mig-${tag}-c`, name: `重名 (苏州${tag}) 有限公司`, reason: expect.stringContaining('请人工合并') }]);
    // The import now finds the migrated entry under the other spelling.
    const steps = await runImport(await fileWith([[`旧名(苏州${tag})有限公司`, '', '新材料', '6', '2020-01-01', '']]), `test-${tag}-mig`);
    expect(steps[steps.length - 1]).toMatchObject({ created: 0, updated: 1 });
    expect((await col('enterprises').doc(`mig-${tag}-a`).get()).data[0].headcount).toBe(6);
  });

  test('a_file_that_is_not_the_template_says_which_columns_are_missing', async () => {
    const wb = new Workbook();
    wb.addWorksheet('x').addRow(['名称', '行业']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    await ok('admin', 'importUpload', { uploadId: 'test-missing-cols', index: 0, count: 1, data: base64 });
    const r = await gw.call('admin', 'importRun', { uploadId: 'test-missing-cols', offset: 0 }, ADMIN);
    expect(r.body.error.code).toBe('VALIDATION');
    expect(r.body.error.message).toContain('企业名称');
  });

  test('a_file_not_fully_uploaded_is_not_run', async () => {
    await ok('admin', 'importUpload', { uploadId: 'test-partial-1', index: 0, count: 2, data: 'AAAA' });
    expect((await gw.call('admin', 'importRun', { uploadId: 'test-partial-1', offset: 0 }, ADMIN)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('audit log', () => {
  test('admin_actions_are_recorded_with_before_and_after_and_browsable_by_filter', async () => {
    const who = freshOpenid('audit');
    await gw.call('user', 'me', {}, who);
    await ok('user', 'grantRole', { openid: who, role: 'expert', teamId: 'team-legal' });
    await ok('user', 'revokeRole', { openid: who, role: 'expert' });
    await ok('admin', 'exportLedger', { key: 'enterprises' });

    const grants = await ok('admin', 'auditLog', { fn: 'user', target: `users/${who}` });
    expect(grants.rows.map((r: { action: string }) => r.action)).toEqual(['revokeRole', 'grantRole']);
    const g = grants.rows[1];
    expect(g).toMatchObject({ actor: ADMIN, fn: 'user', target: `users/${who}` });
    expect(g.before.roles).toEqual([]);
    expect(g.after.roles).toEqual(['expert']);

    const exports = await ok('admin', 'auditLog', { action: 'exportLedger' });
    expect(exports.rows[0]).toMatchObject({ fn: 'admin', target: 'ledgers/enterprises', actor: ADMIN });
    const imports = await ok('admin', 'auditLog', { action: 'importEnterprises' });
    expect(imports.total).toBeGreaterThan(0);
    expect(imports.rows[0].after.rows.length).toBeGreaterThan(0);
  });

  test('the_log_pages_newest_first', async () => {
    const p1 = await ok('admin', 'auditLog', { page: 1 });
    const p2 = await ok('admin', 'auditLog', { page: 2 });
    expect(p1.pageSize).toBe(20);
    expect(p1.total).toBeGreaterThan(0);
    const all = [...p1.rows, ...p2.rows].map((r: { at: string }) => new Date(r.at).getTime());
    expect([...all].sort((a, b) => b - a)).toEqual(all);
  });
});

describe('users and outbox', () => {
  test('users_are_searched_by_name_and_filtered_by_role', async () => {
    const experts = await ok('admin', 'users', { role: 'expert' });
    expect(experts.rows.map((u: { openid: string }) => u.openid).sort()).toEqual(expect.arrayContaining(['demo-expert-finance', 'demo-expert-legal']));
    expect(experts.rows.every((u: { roles: string[] }) => u.roles.includes('expert'))).toBe(true);
    const me = await ok('admin', 'users', { q: 'demo-secre' });
    expect(me.rows.map((u: { openid: string }) => u.openid)).toEqual(['demo-secretary']);
  });

  test('outbox_counts_by_status', async () => {
    await col('outbox').add({ _id: 'adm-ob-1', type: 't', toOpenid: 'demo-member', template: 'x', data: {}, page: '', dueAt: new Date(), status: 'failed', attempts: 5, failedReason: '用户拒收', ref: 'x/1', createdAt: new Date() });
    const o = await ok('admin', 'outbox');
    expect(o.counts.failed).toBeGreaterThanOrEqual(1);
    expect(o.failed.find((f: { id: string }) => f.id === 'adm-ob-1').reason).toBe('用户拒收');
  });
});
