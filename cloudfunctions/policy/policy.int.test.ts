/** `policy` through the local gateway against the embedded emulator (integration tier). */
import { freshOpenid as fresh, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { POLICIES } from '../../local/seed-policy';
import { addDays, parkDay } from '../../server/core/time';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/** A new contact of `enterpriseId` who has agreed to the privacy guideline. */
async function contactOf(enterpriseId: string, consent = true): Promise<string> {
  const openid = fresh('contact');
  await gw.call('user', 'me', {}, openid);
  if (consent) await gw.call('user', 'acceptPrivacy', {}, openid);
  const g = await gw.call('user', 'grantRole', { openid, role: 'enterprise', enterpriseId }, 'demo-admin');
  expect(g.body.ok).toBe(true);
  return openid;
}

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

describe('finding policies', () => {
  test('there_are_at_least_30_seeded_policies_paged_ten_at_a_time_newest_first', async () => {
    const p1 = (await gw.call('policy', 'list', {})).body.data;
    expect(p1.total).toBe(POLICIES.length);
    expect(p1.total).toBeGreaterThanOrEqual(30);
    expect(p1.items).toHaveLength(10);
    expect(p1.hasMore).toBe(true);
    const dates = p1.items.map((i: { issuedAt: string }) => i.issuedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const p4 = (await gw.call('policy', 'list', { page: 4 })).body.data;
    expect(p4.items.length).toBe(POLICIES.length - 30);
    expect(p4.hasMore).toBe(false);
    const all = new Set<string>();
    for (let page = 1; page <= 4; page++) ids((await gw.call('policy', 'list', { page })).body.data.items).forEach((id) => all.add(id));
    expect(all.size).toBe(POLICIES.length);
  });

  test('search_finds_chinese_words_inside_title_or_summary', async () => {
    const inTitle = (await gw.call('policy', 'list', { q: '加计扣除' })).body.data;
    expect(ids(inTitle.items)).toEqual(['pol-rd-deduction']);
    const inSummary = (await gw.call('policy', 'list', { q: '智慧仓储' })).body.data;
    expect(ids(inSummary.items)).toEqual(['pol-logistics']);
    const both = (await gw.call('policy', 'list', { q: '研发' })).body.data;
    expect(both.total).toBeGreaterThanOrEqual(4);
    for (const i of both.items) expect(`${i.title}${i.summary}`).toContain('研发');
  });

  test('search_text_is_matched_literally_never_as_a_pattern', async () => {
    expect((await gw.call('policy', 'list', { q: '.*' })).body.data.total).toBe(0);
    expect((await gw.call('policy', 'list', { q: '(' })).body.data.total).toBe(0);
    expect(ids((await gw.call('policy', 'list', { q: '100%' })).body.data.items)).toEqual(['pol-rd-deduction']);
    expect(ids((await gw.call('policy', 'list', { q: '（套）' })).body.data.items)).toEqual(['pol-first-set']);
  });

  test('filters_by_level_category_and_derived_status_combine_with_search', async () => {
    const park = (await gw.call('policy', 'list', { level: '园区' })).body.data;
    expect(park.total).toBe(POLICIES.filter((p) => p.level === '园区').length);
    const finance = (await gw.call('policy', 'list', { category: '融资', level: '市' })).body.data;
    expect(ids(finance.items).sort()).toEqual(['pol-ip-pledge', 'pol-listing']);
    const expired = (await gw.call('policy', 'list', { status: '已过期' })).body.data;
    expect(ids(expired.items).sort()).toEqual(['pol-digital-diagnosis', 'pol-graduate-jobs', 'pol-sme-pool-2025', 'pol-trade-2025']);
    expect(expired.items.every((i: { status: string }) => i.status === '已过期')).toBe(true);
    const valid = (await gw.call('policy', 'list', { status: '有效' })).body.data;
    expect(valid.total).toBe(POLICIES.length - 4);
    const combined = (await gw.call('policy', 'list', { q: '科技', status: '已过期', level: '市' })).body.data;
    expect(ids(combined.items)).toEqual(['pol-sme-pool-2025']);
  });

  test('a_policy_page_has_its_structured_conditions_and_packages_and_fit_only_for_enterprises', async () => {
    const visitor = (await gw.call('policy', 'get', { id: 'pol-hitech-first' })).body.data;
    expect(visitor).toMatchObject({ title: '首次认定高新技术企业奖励', level: '市', status: '有效', fit: null, proxyDemandId: null });
    expect(visitor.criteriaText).toEqual(['须认定：高新技术企业']);
    expect(visitor.packages).toEqual([{ id: 'pkg-hitech', title: '高新技术企业礼包' }]);
    const b = (await gw.call('policy', 'get', { id: 'pol-hitech-first' }, 'demo-enterprise-b')).body.data;
    expect(b.fit).toMatchObject({ enterpriseName: '星河湾生物医药科技有限公司', verdict: 'near', gaps: ['高新技术企业认定'] });
    const a = (await gw.call('policy', 'get', { id: 'pol-hitech-first' }, 'demo-enterprise-a')).body.data;
    expect(a.fit).toMatchObject({ verdict: 'match', met: ['已认定高新技术企业'] });
    expect((await gw.call('policy', 'get', { id: 'nope' })).body.error.code).toBe('NOT_FOUND');
  });

  test('packages_list_their_policies_in_order_with_fit_for_an_enterprise', async () => {
    const list = (await gw.call('policy', 'listPackages', {})).body.data;
    expect(list.map((k: { title: string }) => k.title)).toEqual(['新入园企业礼包', '高新技术企业礼包', '小微企业礼包', '人才引进礼包']);
    const pkg = (await gw.call('policy', 'getPackage', { id: 'pkg-hitech' }, 'demo-enterprise-b')).body.data;
    expect(ids(pkg.policies)).toEqual(['pol-hitech-pool', 'pol-hitech-first', 'pol-hitech-tax', 'pol-rd-deduction', 'pol-rd-center', 'pol-tech-loan', 'pol-talent-leading']);
    const fit = Object.fromEntries(pkg.policies.map((p: { id: string; fit: { verdict: string } }) => [p.id, p.fit.verdict]));
    expect(fit).toMatchObject({ 'pol-hitech-pool': 'match', 'pol-hitech-first': 'near', 'pol-rd-deduction': 'match', 'pol-rd-center': 'near' });
    expect(pkg.matchedCount).toBe(4);
    const anon = (await gw.call('policy', 'getPackage', { id: 'pkg-hitech' })).body.data;
    expect(anon.policies[0].fit).toBeNull();
  });
});

describe('政策找企业', () => {
  test('an_enterprise_sees_the_open_policies_it_matches_with_reasons_and_near_misses_with_what_is_missing', async () => {
    const m = (await gw.call('policy', 'match', {}, 'demo-enterprise-b')).body.data;
    expect(m.profile).toMatchObject({ id: 'ent-b', industry: '生物医药', headcount: 88, annualRevenueWan: 6200, missing: [] });
    const matched = Object.fromEntries(m.matched.map((p: { id: string; met: string[] }) => [p.id, p.met]));
    expect(matched['pol-biomed-clinical']).toEqual(['所属行业为生物医药']);
    expect(matched['pol-tech-loan']).toEqual(['年营业收入 6200 万元（不超过 40000 万元）', '已认定科技型中小企业']);
    const near = Object.fromEntries(m.near.map((p: { id: string; gaps: string[] }) => [p.id, p.gaps]));
    expect(near['pol-hitech-first']).toEqual(['高新技术企业认定']);
    expect(near['pol-hitech-tax']).toEqual(['高新技术企业认定']);
    // Not for this enterprise at all: another industry; and expired policies never show.
    expect(matched['pol-logistics']).toBeUndefined();
    expect(near['pol-logistics']).toBeUndefined();
    expect(matched['pol-sme-pool-2025']).toBeUndefined();
    expect(m.matched.every((p: { status: string }) => p.status === '有效')).toBe(true);
    // Packages ranked by how many of their policies match.
    const counts = m.packages.map((k: { matchedCount: number }) => k.matchedCount);
    expect([...counts].sort((x: number, y: number) => y - x)).toEqual(counts);
  });

  test('updating_the_matching_profile_changes_the_match_and_is_audited', async () => {
    const openid = await contactOf('ent-f');
    const before = (await gw.call('policy', 'match', {}, openid)).body.data;
    expect(before.near.find((p: { id: string }) => p.id === 'pol-innovation-voucher').gaps).toEqual(['高新技术企业或科技型中小企业认定']);
    const bad = await gw.call('policy', 'updateMyProfile', { qualifications: ['世界五百强'] }, openid);
    expect(bad.body.error.code).toBe('VALIDATION');
    const r = await gw.call('policy', 'updateMyProfile', { qualifications: ['科技型中小企业'], headcount: 31 }, openid);
    expect(r.body.data).toMatchObject({ id: 'ent-f', qualifications: ['科技型中小企业'], headcount: 31 });
    const after = (await gw.call('policy', 'match', {}, openid)).body.data;
    expect(after.matched.map((p: { id: string }) => p.id)).toContain('pol-innovation-voucher');
    const log = (await col('audit').where({ target: 'enterprises/ent-f', action: 'updateMyProfile' }).get()).data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actor: openid, before: { headcount: 27, qualifications: [] }, after: { headcount: 31, qualifications: ['科技型中小企业'] } });
    // Only the matching fields: the name stays the center's.
    expect((await gw.call('policy', 'updateMyProfile', { name: '改名' }, openid)).body.error.code).toBe('VALIDATION');
  });

  test('a_contact_not_bound_to_an_enterprise_is_told_to_bind_one', async () => {
    const openid = fresh('unbound');
    await gw.call('user', 'me', {}, openid);
    await col('users').doc(openid).update({ roles: ['enterprise'] });
    const r = await gw.call('policy', 'match', {}, openid);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('邀请码') });
  });
});

describe('红色代办', () => {
  test('claiming_a_package_creates_one_代办_demand_with_its_policies_even_when_two_contacts_race', async () => {
    const second = await contactOf('ent-d');
    const third = await contactOf('ent-d');
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gw.call('policy', 'claimPackage', { packageId: 'pkg-small' }, i % 2 ? second : third)),
    );
    const ok = replies.filter((r) => r.body.ok);
    expect(ok).toHaveLength(1);
    for (const r of replies.filter((x) => !x.body.ok)) expect(r.body.error.code).toBe('CONFLICT');
    const { demandId } = ok[0].body.data;
    const demands = (await col('demands').where({ enterpriseId: 'ent-d', packageId: 'pkg-small' }).get()).data;
    expect(demands.map((d) => d._id)).toEqual([demandId]);
    expect(demands[0]).toMatchObject({ kind: '代办', category: '审批代办', state: 'submitted', packageTitle: '小微企业礼包', proxyMode: '窗口帮办' });
    expect(demands[0].policies.map((p) => p.id)).toEqual(['pol-small-tax', 'pol-guarantee', 'pol-ip-pledge', 'pol-stable-jobs', 'pol-skill-training', 'pol-expo']);
    expect((await col('policyClaims').where({ enterpriseId: 'ent-d', target: 'package:pkg-small' }).count()).total).toBe(1);
    // Every contact of the enterprise now sees it as claimed.
    const list = (await gw.call('policy', 'listPackages', {}, second)).body.data;
    expect(list.find((k: { id: string }) => k.id === 'pkg-small').claimedDemandId).toBe(demandId);
    const again = await gw.call('policy', 'claimPackage', { packageId: 'pkg-small' }, second);
    expect(again.body.error.message).toContain('我的诉求');
  });

  test('a_contact_claiming_a_package_records_the_claim_once_with_one_代办_demand', async () => {
    const openid = await contactOf('ent-c');
    expect((await col('policyClaims').where({ enterpriseId: 'ent-c', target: 'package:pkg-hitech' }).count()).total).toBe(0);
    const r = await gw.call('policy', 'claimPackage', { packageId: 'pkg-hitech', proxyMode: '上门代办', note: '请上门指导高企认定材料准备' }, openid);
    expect(r.body).toMatchObject({ ok: true, data: { packageId: 'pkg-hitech', policyCount: 7 } });
    const { demandId } = r.body.data;
    const claims = (await col('policyClaims').where({ enterpriseId: 'ent-c', target: 'package:pkg-hitech' }).get()).data;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: 'package', refId: 'pkg-hitech', demandId, claimedBy: openid });
    const [demand] = (await col('demands').doc(demandId).get()).data;
    expect(demand).toMatchObject({ enterpriseId: 'ent-c', kind: '代办', proxyMode: '上门代办', description: '请上门指导高企认定材料准备', packageTitle: '高新技术企业礼包' });
    expect(demand.policies).toHaveLength(7);
    const again = await gw.call('policy', 'claimPackage', { packageId: 'pkg-hitech' }, openid);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await col('policyClaims').where({ enterpriseId: 'ent-c', target: 'package:pkg-hitech' }).count()).total).toBe(1);
  });

  test('asking_代办_for_one_policy_can_be_withdrawn_and_asked_again_but_not_for_an_expired_one', async () => {
    const openid = await contactOf('ent-e');
    const expired = await gw.call('policy', 'requestProxy', { policyId: 'pol-trade-2025' }, openid);
    expect(expired.body.error.code).toBe('CLOSED');
    const first = await gw.call('policy', 'requestProxy', { policyId: 'pol-logistics', proxyMode: '上门代办', note: '请上门指导智慧仓储补助申报' }, openid);
    expect(first.body.ok).toBe(true);
    const demand = (await gw.call('demand', 'get', { id: first.body.data.demandId }, openid)).body.data;
    expect(demand).toMatchObject({ kind: '代办', proxyMode: '上门代办', description: '请上门指导智慧仓储补助申报', policies: [{ id: 'pol-logistics', title: '现代物流业高质量发展扶持' }] });
    expect((await gw.call('policy', 'get', { id: 'pol-logistics' }, openid)).body.data.proxyDemandId).toBe(first.body.data.demandId);
    expect((await gw.call('policy', 'requestProxy', { policyId: 'pol-logistics' }, openid)).body.error.code).toBe('CONFLICT');
    expect((await gw.call('demand', 'cancel', { id: first.body.data.demandId, reason: '先自行准备材料' }, openid)).body.data.state).toBe('cancelled');
    const second = await gw.call('policy', 'requestProxy', { policyId: 'pol-logistics' }, openid);
    expect(second.body.ok).toBe(true);
    expect(second.body.data.demandId).not.toBe(first.body.data.demandId);
  });

  test('a_代办_once_rated_frees_the_policy_and_package_for_a_new_request_and_the_pages_stop_pointing_to_it', async () => {
    const openid = await contactOf('ent-a');
    const first = (await gw.call('policy', 'requestProxy', { policyId: 'pol-expo' }, openid)).body.data.demandId;
    const pkg = (await gw.call('policy', 'claimPackage', { packageId: 'pkg-small' }, openid)).body.data.demandId;
    const handle = async (id: string) => {
      expect((await gw.call('demand', 'assign', { id, handlerOpenid: 'demo-expert-legal', dueDate: addDays(parkDay(), 14) }, 'demo-admin')).body.ok).toBe(true);
      expect((await gw.call('demand', 'accept', { id }, 'demo-expert-legal')).body.ok).toBe(true);
      expect((await gw.call('demand', 'resolve', { id, resolution: '已协助提交申报' }, 'demo-expert-legal')).body.ok).toBe(true);
    };
    await handle(first);
    // Resolved but not yet confirmed: the enterprise may still reopen it, so it still holds the claim.
    expect((await gw.call('policy', 'requestProxy', { policyId: 'pol-expo' }, openid)).body.error.code).toBe('CONFLICT');
    expect((await gw.call('policy', 'get', { id: 'pol-expo' }, openid)).body.data.proxyDemandId).toBe(first);
    expect((await gw.call('demand', 'rate', { id: first, score: 5 }, openid)).body.ok).toBe(true);
    expect((await gw.call('policy', 'get', { id: 'pol-expo' }, openid)).body.data.proxyDemandId).toBeNull();
    expect((await gw.call('policy', 'match', {}, openid)).body.data.matched.find((m: { id: string }) => m.id === 'pol-expo')?.proxyDemandId ?? null).toBeNull();
    const next = await gw.call('policy', 'requestProxy', { policyId: 'pol-expo' }, openid);
    expect(next.body.ok).toBe(true);
    expect(next.body.data.demandId).not.toBe(first);
    // The unique index still stops a double request of the new round…
    expect((await gw.call('policy', 'requestProxy', { policyId: 'pol-expo' }, openid)).body.error.code).toBe('CONFLICT');
    // …and the closed one stays on record as history.
    const [old] = (await col('policyClaims').where({ demandId: first }).get()).data;
    expect(old).toMatchObject({ enterpriseId: 'ent-a', kind: 'policy', refId: 'pol-expo' });
    expect(old.releasedAt).toBeTruthy();

    await handle(pkg);
    expect((await gw.call('demand', 'rate', { id: pkg, score: 4 }, openid)).body.ok).toBe(true);
    expect((await gw.call('policy', 'getPackage', { id: 'pkg-small' }, openid)).body.data.claimedDemandId).toBeNull();
    expect((await gw.call('policy', 'listPackages', {}, openid)).body.data.find((k: { id: string }) => k.id === 'pkg-small').claimedDemandId).toBeNull();
    const again = await gw.call('policy', 'claimPackage', { packageId: 'pkg-small' }, openid);
    expect(again.body.ok).toBe(true);
    expect((await gw.call('policy', 'listPackages', {}, openid)).body.data.find((k: { id: string }) => k.id === 'pkg-small').claimedDemandId).toBe(again.body.data.demandId);
  });

  test('a_policy_that_has_not_opened_yet_is_未开始_and_代办_is_refused_with_its_opening_day', async () => {
    const from = addDays(parkDay(), 30);
    const made = await gw.call('policy', 'upsertPolicy', {
      title: '园区尚未开始受理的测试政策', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕98号', level: '园区', category: '资金补贴',
      summary: '用于集成测试：申报期尚未开始的园区政策。', benefits: '测试用。', conditions: '测试用。', criteria: {},
      applyFrom: from, applyTo: addDays(parkDay(), 90), issuedAt: parkDay(), sourceUrl: 'https://zwfw.xinghewan.example/policy/soon',
    }, 'demo-admin');
    const id = made.body.data.id;
    expect((await gw.call('policy', 'get', { id })).body.data.status).toBe('未开始');
    expect(ids((await gw.call('policy', 'list', { q: '尚未开始受理', status: '未开始' })).body.data.items)).toEqual([id]);
    expect((await gw.call('policy', 'list', { q: '尚未开始受理', status: '有效' })).body.data.total).toBe(0);
    const r = await gw.call('policy', 'requestProxy', { policyId: id }, await contactOf('ent-f'));
    expect(r.body.error.code).toBe('CLOSED');
    expect(r.body.error.message).toContain(from);
  });

  test('a_package_claim_leaves_out_expired_policies_and_flags_the_ones_the_enterprise_does_not_fit', async () => {
    const made = await gw.call('policy', 'upsertPackage', {
      title: '测试混合礼包', description: '含已过期、不符合和符合的政策。', audience: '测试企业',
      policyIds: ['pol-trade-2025', 'pol-logistics', 'pol-rd-deduction'], order: 20,
    }, 'demo-admin');
    const packageId = made.body.data.id;
    // ent-b is a 生物医药 company: pol-logistics is for 现代物流 only; pol-trade-2025 has expired.
    const r = await gw.call('policy', 'claimPackage', { packageId }, await contactOf('ent-b'));
    expect(r.body.data.policyCount).toBe(2);
    const [demand] = (await col('demands').doc(r.body.data.demandId).get()).data;
    expect(demand.policies.map((p) => p.id)).toEqual(['pol-logistics', 'pol-rd-deduction']);
    expect(demand.policies[0].note).toContain('暂不符合');
    expect(demand.policies[1].note).toBeUndefined();
    expect(demand.description).toContain('1 项');
  });

  test('代办_needs_privacy_consent_first', async () => {
    const openid = await contactOf('ent-e', false);
    const r = await gw.call('policy', 'claimPackage', { packageId: 'pkg-talent' }, openid);
    expect(r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('隐私') });
    expect((await col('policyClaims').where({ enterpriseId: 'ent-e', target: 'package:pkg-talent' }).count()).total).toBe(0);
  });
});

describe('admin curation', () => {
  const base = {
    title: '园区测试专项扶持资金',
    issuer: '星河湾产业园管委会',
    docNo: '星河湾管〔2026〕99号',
    level: '园区',
    category: '资金补贴',
    summary: '用于集成测试的园区专项扶持资金，支持集成电路企业扩大产能。',
    benefits: '按新增设备投入的10%给予补助。',
    conditions: '集成电路企业，员工不少于20人。',
    criteria: { industries: ['集成电路'], headcount: { min: 20 }, qualificationsAll: [] },
    applyFrom: '2026-01-01',
    applyTo: '2099-12-31',
    issuedAt: '2026-11-01',
    sourceUrl: 'https://zwfw.xinghewan.example/policy/test',
  };

  test('admin_creates_and_edits_a_policy_an_edit_replaces_the_conditions_and_both_are_audited', async () => {
    const created = await gw.call('policy', 'upsertPolicy', base, 'demo-admin');
    expect(created.body.data.created).toBe(true);
    const id = created.body.data.id;
    const got = (await gw.call('policy', 'get', { id })).body.data;
    // Empty lists are not conditions.
    expect(got.criteria).toEqual({ industries: ['集成电路'], headcount: { min: 20 } });
    expect(ids((await gw.call('policy', 'list', { q: '测试专项' })).body.data.items)).toEqual([id]);

    const edited = await gw.call('policy', 'upsertPolicy', { ...base, id, criteria: { industries: ['集成电路', '人工智能'] } }, 'demo-admin');
    expect(edited.body.data).toEqual({ id, created: false });
    expect((await gw.call('policy', 'get', { id })).body.data.criteria).toEqual({ industries: ['集成电路', '人工智能'] });
    const log = (await col('audit').where({ target: `policies/${id}` }).orderBy('at', 'asc').get()).data;
    expect(log.map((l) => l.action)).toEqual(['upsertPolicy', 'upsertPolicy']);
    expect((log[1].before as { criteria: unknown }).criteria).toEqual({ industries: ['集成电路'], headcount: { min: 20 } });

    expect((await gw.call('policy', 'upsertPolicy', base, 'demo-admin')).body.error.code).toBe('CONFLICT');
    const backwards = await gw.call('policy', 'upsertPolicy', { ...base, title: '另一项测试政策', applyFrom: '2026-12-01', applyTo: '2026-11-01' }, 'demo-admin');
    expect(backwards.body.error.code).toBe('VALIDATION');
    const badRange = await gw.call('policy', 'upsertPolicy', { ...base, title: '另一项测试政策', criteria: { headcount: { min: 50, max: 10 } } }, 'demo-admin');
    expect(badRange.body.error.code).toBe('VALIDATION');
    expect((await gw.call('policy', 'upsertPolicy', { ...base, id: 'nope', title: '不存在的政策' }, 'demo-admin')).body.error.code).toBe('NOT_FOUND');
  });

  test('admin_builds_a_package_from_existing_policies_only', async () => {
    const made = await gw.call('policy', 'upsertPackage', { title: '专精特新礼包', description: '专精特新企业培育与奖励政策合集。', audience: '专精特新企业', policyIds: ['pol-specialised', 'pol-little-giant'], order: 9 }, 'demo-admin');
    expect(made.body.data.created).toBe(true);
    const pkg = (await gw.call('policy', 'getPackage', { id: made.body.data.id })).body.data;
    expect(ids(pkg.policies)).toEqual(['pol-specialised', 'pol-little-giant']);
    const missing = await gw.call('policy', 'upsertPackage', { title: '缺项礼包', description: '含有不存在的政策。', audience: '所有企业', policyIds: ['pol-specialised', 'pol-nope'] }, 'demo-admin');
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const catalog = (await gw.call('policy', 'catalog', {}, 'demo-admin')).body.data;
    expect(catalog.length).toBeGreaterThanOrEqual(POLICIES.length);
  });
});
