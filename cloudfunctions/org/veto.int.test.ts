/**
 * Issue 21 (findings F-13, G-03): 一票否决 in the rubric, the appeal window before finalisation, and
 * the finalised sheet's frozen trace of the records each item counted. Each test rates a branch of
 * its own for last quarter (computed from today), so the suite runs on any date and clock shift.
 */
import { startTestGateway, freshOpenid, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { previousQuarter, quarterOf, quarterRange } from './scoring';

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
const code = (r: { body: any }) => r.body.error?.code ?? 'OK';

/** A consenting person with a name. */
async function person(tag: string, name: string): Promise<string> {
  const openid = freshOpenid(tag);
  ok(await gw.call('user', 'acceptPrivacy', {}, openid));
  ok(await gw.call('user', 'updateProfile', { name }, openid));
  return openid;
}

/** A fresh branch with its own secretary, last quarter's hand-scored items scored. */
async function ratedBranch(tag: string): Promise<{ branchId: string; quarter: string; secretary: string }> {
  const founded = dayjs().tz(PARK_TZ).subtract(5, 'year').format('YYYY-MM-DD');
  const ent = async (x: string) =>
    ok(await admin('createEnterprise', { name: `否决申诉${tag}${x}有限公司`, industry: '人工智能', foundedAt: founded, headcount: 10, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } })).id;
  const branchId = ok(await admin('upsertBranch', { name: `否决申诉${tag}联合党支部`, form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] })).id;
  const secretary = await person('sec', `书记${tag}`);
  ok(await gw.call('user', 'grantRole', { openid: secretary, role: 'secretary', branchId }, 'demo-admin'));
  const quarter = previousQuarter(quarterOf());
  const open = ok(await admin('branchRating', { branchId, quarter })).sheet;
  for (const i of open.items.filter((x: any) => x.points === null)) {
    ok(await admin('scoreItem', { quarter, branchId, itemKey: i.key, points: 8, note: '季度评议' }));
  }
  return { branchId, quarter, secretary };
}

const sheetOf = async (branchId: string, quarter: string, who = 'demo-admin') => ok(await gw.call('org', 'branchRating', { branchId, quarter }, who));

describe('一票否决 (F-13)', () => {
  test('the_rubric_names_its_veto_rules_and_keeps_them_across_an_edit', async () => {
    const r = ok(await admin('getRubric'));
    expect(r.vetoRules.map((v: any) => v.label)).toEqual(expect.arrayContaining(['发生严重违纪违法问题', '企业严重失信', '组织生活全年未开展']));
    // Saved without vetoRules (an older client): the rules stay; saved with them: versioned with the rubric.
    const same = ok(await admin('updateRubric', { version: r.version, items: r.items, bands: r.bands }));
    expect(ok(await admin('getRubric')).vetoRules).toEqual(r.vetoRules);
    const rules = [...r.vetoRules, { key: 'safety', label: '发生重大安全生产事故' }];
    ok(await admin('updateRubric', { version: same.version, items: r.items, bands: r.bands, vetoRules: rules }));
    expect(ok(await admin('getRubric')).vetoRules).toEqual(rules);
    expect(code(await admin('updateRubric', { version: same.version + 1, items: r.items, bands: r.bands, vetoRules: [rules[0], rules[0]] }))).toBe('VALIDATION');
  });

  test('a_vetoed_branch_gets_no_star_and_no_allowance_with_the_reason_on_its_sheet_and_an_admin_can_lift_it_with_a_reason', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('甲');
    const before = (await sheetOf(branchId, quarter)).sheet;
    expect(before.stars).toBeGreaterThan(0);
    ok(await admin('vetoRating', { quarter, branchId, ruleKey: 'credit', reason: '主要企业被列入严重失信主体名单（信用中国公示）' }));
    const vetoed = await sheetOf(branchId, quarter, secretary);
    expect(vetoed.sheet).toMatchObject({ total: before.total, stars: 0, allowance: 0, veto: { ruleLabel: '企业严重失信', reason: '主要企业被列入严重失信主体名单（信用中国公示）' } });
    expect(vetoed.sheet.veto.byName).not.toBe('');
    // The quarter's table shows it too.
    expect(ok(await admin('ratingSheet', { quarter })).rows.find((r: any) => r.branchId === branchId)).toMatchObject({ stars: 0, allowance: 0, veto: { ruleLabel: '企业严重失信' } });

    expect(code(await admin('revokeVeto', { quarter, branchId, reason: '' }))).toBe('VALIDATION');
    ok(await admin('revokeVeto', { quarter, branchId, reason: '经核实失信主体为同名企业，撤销否决' }));
    const lifted = await sheetOf(branchId, quarter);
    expect(lifted.sheet).toMatchObject({ veto: null, stars: before.stars, allowance: before.allowance });
    expect(lifted.vetoLog.map((v: any) => v.op)).toEqual(['revoke', 'veto']);
    expect(code(await admin('revokeVeto', { quarter, branchId, reason: '再次撤销试试' }))).toBe('CONFLICT');
    const { data: rows } = await col('audit').where({ target: `ratings/${quarter}_${branchId}` }).limit(100).get();
    expect(rows.map((r: any) => r.action)).toEqual(expect.arrayContaining(['vetoRating', 'revokeVeto']));
  });

  test('the_branch_being_rated_can_never_record_or_remove_a_veto_even_as_an_admin', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('乙');
    // Its secretary (not an admin): the action is admins' only.
    expect(code(await gw.call('org', 'vetoRating', { quarter, branchId, ruleKey: 'credit', reason: '自己否决自己试试' }, secretary))).toBe('FORBIDDEN');
    // Made an admin too, they are still the branch's secretary at call time: refused.
    ok(await gw.call('user', 'grantRole', { openid: secretary, role: 'admin' }, 'demo-admin'));
    expect(code(await gw.call('org', 'vetoRating', { quarter, branchId, ruleKey: 'credit', reason: '自己否决自己试试' }, secretary))).toBe('FORBIDDEN');
    ok(await admin('vetoRating', { quarter, branchId, ruleKey: 'discipline', reason: '支部书记受到党纪处分（区纪委通报）' }));
    expect(code(await gw.call('org', 'revokeVeto', { quarter, branchId, reason: '我来撤销本支部的否决' }, secretary))).toBe('FORBIDDEN');
    expect((await sheetOf(branchId, quarter)).sheet.veto.ruleLabel).toBe('发生严重违纪违法问题');
    expect(code(await admin('vetoRating', { quarter, branchId, ruleKey: 'nope', reason: '不存在的否决事项' }))).toBe('NOT_FOUND');
  });

  test('a_vetoed_rating_is_finalised_with_no_star_and_no_allowance_and_the_veto_can_no_longer_change', async () => {
    const { branchId, quarter } = await ratedBranch('丙');
    ok(await admin('vetoRating', { quarter, branchId, ruleKey: 'noOrgLife', reason: '全年未开展组织生活（年度检查）' }));
    const fin = ok(await admin('finalizeRating', { quarter, branchId }));
    expect(fin).toMatchObject({ stars: 0, allowance: 0 });
    const [stored] = (await col('ratings').doc(`${quarter}_${branchId}`).get()).data;
    expect(stored).toMatchObject({ status: 'final', stars: 0, allowance: 0, veto: { ruleKey: 'noOrgLife' } });
    expect(stored.log[stored.log.length - 1].note).toContain('一票否决');
    expect(code(await admin('revokeVeto', { quarter, branchId, reason: '定级后撤销试试' }))).toBe('CLOSED');
    expect(code(await admin('vetoRating', { quarter, branchId, ruleKey: 'credit', reason: '定级后再否决试试' }))).toBe('CLOSED');
    expect((await sheetOf(branchId, quarter)).sheet.veto.ruleLabel).toBe('组织生活全年未开展');
  });
});

describe('appeals before finalisation (F-13)', () => {
  test('the_secretary_files_one_open_appeal_per_item_and_finalising_is_refused_listing_the_open_ones', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('丁');
    const a1 = ok(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'sanhui', reason: '9 月支委会记录漏录，已补核实' }, secretary));
    expect(code(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'sanhui', reason: '再申诉一次同一项' }, secretary))).toBe('CONFLICT');
    const a2 = ok(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: '*', reason: '整体评分未体现楼宇联建工作' }, secretary));
    // Not the branch's secretary: another branch's, a member, an admin on its behalf.
    expect(code(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '替别的支部申诉' }, 'demo-secretary'))).toBe('FORBIDDEN');
    expect(code(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '党员替支部申诉' }, 'demo-member'))).toBe('FORBIDDEN');
    expect(code(await admin('fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '管理员代为申诉' }))).toBe('FORBIDDEN');
    expect(code(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'nosuch', reason: '不存在的评分项' }, secretary))).toBe('NOT_FOUND');

    const refused = await admin('finalizeRating', { quarter, branchId });
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(refused.body.error.message).toContain('2 条申诉待答复');
    expect(refused.body.error.message).toContain('“三会一课”落实');
    expect(refused.body.error.message).toContain('整体评分');
    expect((await sheetOf(branchId, quarter, secretary)).appeals.map((a: any) => [a.id, a.state])).toEqual([[a2.id, 'open'], [a1.id, 'open']]);
    // Other branches' secretaries never see them (the sheet is refused), nor do members.
    expect(code(await gw.call('org', 'branchRating', { branchId, quarter }, 'demo-secretary'))).toBe('FORBIDDEN');
    expect(code(await gw.call('org', 'branchRating', { branchId, quarter }, 'demo-member'))).toBe('FORBIDDEN');

    // Answered: one rejected with a reason, the other accepted with the corrected score.
    expect(code(await admin('answerAppeal', { quarter, branchId, appealId: a1.id, decision: 'accept', answer: '补录记录已核实' }))).toBe('VALIDATION');
    ok(await admin('answerAppeal', { quarter, branchId, appealId: a1.id, decision: 'reject', answer: '补录记录晚于规定时限，不予计入' }));
    expect(code(await admin('answerAppeal', { quarter, branchId, appealId: a1.id, decision: 'reject', answer: '再答复一次' }))).toBe('CONFLICT');
    expect(code(await admin('answerAppeal', { quarter, branchId, appealId: a2.id, decision: 'accept', answer: '特色亮点予以加分', itemKey: 'feature', points: 99 }))).toBe('VALIDATION');
    ok(await admin('answerAppeal', { quarter, branchId, appealId: a2.id, decision: 'accept', answer: '楼宇联建做法经核实，特色亮点更正为 9.5 分', itemKey: 'feature', points: 9.5 }));
    const view = await sheetOf(branchId, quarter, secretary);
    expect(view.appeals.map((a: any) => [a.state, a.answer !== '', a.adjustedPoints])).toEqual([['accepted', true, 9.5], ['rejected', true, null]]);
    expect(view.sheet.items.find((i: any) => i.key === 'feature')).toMatchObject({ points: 9.5 });
    expect(view.sheet.openAppeals).toBe(0);

    const fin = ok(await admin('finalizeRating', { quarter, branchId }));
    const [stored] = (await col('ratings').doc(`${quarter}_${branchId}`).get()).data;
    expect(stored.items.find((i) => i.key === 'feature')!.points).toBe(9.5);
    expect(stored.appeals!.map((a) => a.state)).toEqual(['rejected', 'accepted']);
    expect(fin.total).toBe(stored.total);
    expect(code(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '定级后再申诉' }, secretary))).toBe('CLOSED');
  });

  test('accepting_an_appeal_on_an_evidence_item_keeps_its_evidence_and_replaces_its_points_with_the_correction', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('戊');
    const before = (await sheetOf(branchId, quarter)).sheet.items.find((i: any) => i.key === 'sanhui');
    const a = ok(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'sanhui', reason: '线下会议签到表已交园区党委' }, secretary));
    ok(await admin('answerAppeal', { quarter, branchId, appealId: a.id, decision: 'accept', answer: '签到表核实无误', points: 20 }));
    const item = (await sheetOf(branchId, quarter)).sheet.items.find((i: any) => i.key === 'sanhui');
    expect(item).toMatchObject({ points: 20, value: before.value, detail: before.detail, adjusted: { from: before.points, appealId: a.id } });
    ok(await admin('finalizeRating', { quarter, branchId }));
    const [stored] = (await col('ratings').doc(`${quarter}_${branchId}`).get()).data;
    expect(stored.items.find((i) => i.key === 'sanhui')).toMatchObject({ points: 20, adjusted: { from: before.points } });
  });

  test('a_secretary_replaced_before_filing_can_no_longer_appeal_and_the_new_one_can', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('己');
    const next = await person('sec2', '新书记');
    ok(await gw.call('user', 'grantRole', { openid: next, role: 'secretary', branchId }, 'demo-admin'));
    expect(code(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '卸任后申诉' }, secretary))).toBe('FORBIDDEN');
    ok(await gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '新任书记申诉' }, next));
    // An admin who is the branch's secretary does not answer their own appeal.
    ok(await gw.call('user', 'grantRole', { openid: next, role: 'admin' }, 'demo-admin'));
    const [ap] = (await sheetOf(branchId, quarter)).appeals;
    expect(code(await gw.call('org', 'answerAppeal', { quarter, branchId, appealId: ap.id, decision: 'reject', answer: '自己答复自己' }, next))).toBe('FORBIDDEN');
  });

  test('two_taps_on_file_appeal_at_once_leave_one_open_appeal', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('庚');
    const replies = await Promise.all([1, 2, 3].map(() => gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'study', reason: '学习记录同步延迟' }, secretary)));
    expect(replies.filter((r) => r.body.ok).length).toBe(1);
    const [stored] = (await col('ratings').doc(`${quarter}_${branchId}`).get()).data;
    expect(stored.appeals!.filter((a) => a.itemKey === 'study' && a.state === 'open').length).toBe(1);
  });
});

describe('an appeal racing finalisation', () => {
  test('an_appeal_filed_while_the_admin_finalises_is_either_refused_or_holds_the_rating_never_both', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('癸');
    const [filed, fin] = await Promise.all([
      gw.call('org', 'fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '定级同时提出申诉' }, secretary),
      admin('finalizeRating', { quarter, branchId }),
    ]);
    const [stored] = (await col('ratings').doc(`${quarter}_${branchId}`).get()).data;
    if (fin.body.ok) {
      expect(code(filed)).toBe('CLOSED');
      expect(stored.status).toBe('final');
      expect((stored.appeals ?? []).filter((a) => a.state === 'open')).toEqual([]);
    } else {
      expect([code(fin), code(filed)]).toEqual(['CONFLICT', 'OK']);
      expect(stored.status).toBe('draft');
    }
  });
});

describe('the finalised sheet keeps the records it counted (G-03)', () => {
  test('a_counted_meeting_edited_and_withdrawn_after_finalisation_leaves_the_frozen_sheet_unchanged_and_still_listed', async () => {
    const { branchId, quarter } = await ratedBranch('辛');
    // Two counted 支部党员大会 in last quarter's first month, written as the app leaves them.
    const { from } = quarterRange(quarter);
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const startAt = new Date(from.getTime() + (n * 3 + 1) * 86400_000 + 2 * 3600_000);
      const id = `trace-${branchId}-${n}`;
      await col('orgLife').add({
        _id: id, branchId, kind: '支部党员大会', topic: `追溯测试会议${n}`, startAt, endAt: new Date(startAt.getTime() + 3600_000), venueId: null, place: '线上', summary: '会议按议程进行。',
        eventId: `ev-${id}`, guestNames: [], recordedBy: 'demo-admin', createdAt: startAt, updatedAt: startAt, state: 'counted', pendingReason: null, confirmedBy: null, confirmedAt: null,
      } as any);
      ids.push(id);
    }
    const draft = (await sheetOf(branchId, quarter)).sheet.items.find((i: any) => i.key === 'sanhui');
    expect(draft.refs.map((r: any) => r.id)).toEqual(ids);
    ok(await admin('finalizeRating', { quarter, branchId }));
    const frozen = (await sheetOf(branchId, quarter)).sheet;
    const sanhui = frozen.items.find((i: any) => i.key === 'sanhui');
    expect(sanhui.refs.map((r: any) => [r.col, r.id])).toEqual(ids.map((id) => ['orgLife', id]));
    expect(sanhui.refs[0].label).toContain('追溯测试会议1');
    expect(sanhui.refsTotal).toBe(2);
    expect(frozen.items.find((i: any) => i.key === 'attendance').refs.map((r: any) => r.id)).toEqual(ids);

    // The records change afterwards: one edited, one withdrawn (as a later correction would).
    await col('orgLife').doc(ids[0]).update({ topic: '改过的会议主题', updatedAt: new Date() });
    await col('orgLife').doc(ids[1]).update({ state: 'withdrawn', withdrawnBy: 'demo-admin', withdrawnAt: new Date(), withdrawReason: '录入有误' });
    const later = (await sheetOf(branchId, quarter)).sheet;
    expect(later).toEqual(frozen);
    expect(later.items.find((i: any) => i.key === 'sanhui').refs.map((r: any) => r.label)).toEqual(sanhui.refs.map((r: any) => r.label));
  });
});

describe('database round trips (local/roundTrips.int.test.ts budgets)', () => {
  /** Requests one successful call made. */
  async function counted(action: string, params: unknown, openid: string): Promise<number> {
    const before = gw.emulator.stats.requests;
    ok(await gw.call('org', action, params, openid));
    return gw.emulator.stats.requests - before;
  }

  test('veto_and_appeal_taps_stay_within_five_round_trips_and_finalising_adds_none_for_the_trace', async () => {
    const { branchId, quarter, secretary } = await ratedBranch('壬');
    const n = {
      vetoRating: await counted('vetoRating', { quarter, branchId, ruleKey: 'credit', reason: '计数测试否决依据' }, 'demo-admin'),
      revokeVeto: await counted('revokeVeto', { quarter, branchId, reason: '计数测试撤销原因' }, 'demo-admin'),
      fileAppeal: await counted('fileAppeal', { quarter, branchId, itemKey: 'feature', reason: '计数测试申诉理由' }, secretary),
      answerAppeal: 0,
      finalizeRating: 0,
    };
    const [ap] = (await sheetOf(branchId, quarter)).appeals;
    n.answerAppeal = await counted('answerAppeal', { quarter, branchId, appealId: ap.id, decision: 'accept', answer: '计数测试受理', points: 9 }, 'demo-admin');
    n.finalizeRating = await counted('finalizeRating', { quarter, branchId }, 'demo-admin');
    expect(n).toEqual({ vetoRating: 4, revokeVeto: 4, fileAppeal: 4, answerAppeal: 4, finalizeRating: 19 });
  });
});
