/**
 * 民主评议党员 (三评议), 书记述职评议 and 先锋岗/示范岗 against the emulator (issue 21): one row per
 * year and member (the id and the unique index), 基本合格 / 不合格 need a 警示谈话 before closing,
 * only the current secretary of the member's branch (or an admin) writes, the rows are as private as
 * the roster, 述职 are rated by admins only, and the designations show on the branch page with
 * names only. Years and days are relative to the clock (server/core/time.ts).
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, makeUser, moveMember } from '../../local/party.testkit';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col } from '../../server/core/db';
import { addDays, parkDay } from '../../server/core/time';
import { reviewId, thisYear } from './review';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const call = (action: string, params: unknown, who: string) => gw.call('party', action, params, who);
const last = () => thisYear() - 1;
const three = { leader: '合格', staff: '合格', branch: '基本合格' } as const;

test('a_member_is_reviewed_once_a_year_even_when_two_keepers_write_at_once', async () => {
  const a = await makeBranch();
  // In the branch for well over two years, so the year before last is theirs too, whatever today is.
  const m = await makeMember({ branchId: a.branchId, from: addDays(parkDay(), -1200) });
  const year = last();
  const [x, y] = await Promise.all([
    call('setReview', { memberId: m, year, leader: '优秀' }, a.secretary),
    call('setReview', { memberId: m, year, staff: '合格' }, 'demo-admin'),
  ]);
  expect([x.status, y.status]).toEqual([200, 200]);
  const rows = (await col('partyReviews').where({ year, memberId: m }).get()).data;
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ _id: reviewId(year, m), leader: '优秀', staff: '合格', branch: null, result: null, branchId: a.branchId });
  // The unique index, not only the id: a second row for the same year and member is refused.
  await expect(col('partyReviews').add({ ...rows[0], _id: `other-${m}` })).rejects.toBeTruthy();
  // Another year is another row.
  await ok(call('setReview', { memberId: m, year: year - 1, result: '合格' }, a.secretary));
  expect((await col('partyReviews').where({ memberId: m }).count()).total).toBe(2);
  // Next year cannot be entered; an empty write and an unknown grade are refused.
  expect(await codeOf(call('setReview', { memberId: m, year: thisYear() + 1, result: '合格' }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setReview', { memberId: m, year }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setReview', { memberId: m, year, result: '良好' }, a.secretary))).toBe('VALIDATION');
  expect((await col('audit').where({ fn: 'party', action: 'setReview', target: `partyReviews/${reviewId(year, m)}` }).count()).total).toBe(2);
});

test('基本合格_and_不合格_need_a_警示谈话_before_the_year_is_closed_and_a_closed_year_is_final', async () => {
  const a = await makeBranch();
  const m = await makeMember({ branchId: a.branchId });
  const good = await makeMember({ branchId: a.branchId });
  const year = last();
  expect(await codeOf(call('closeReview', { memberId: m, year }, a.secretary))).toBe('NOT_FOUND');
  await ok(call('setReview', { memberId: m, year, leader: '合格' }, a.secretary));
  // Ratings missing.
  const missing = await call('closeReview', { memberId: m, year }, a.secretary);
  expect(missing.body.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('三项评议') });
  const set = await ok(call('setReview', { memberId: m, year, ...three, result: '基本合格' }, a.secretary));
  expect(set.problem).toContain('警示谈话');
  const noTalk = await call('closeReview', { memberId: m, year }, a.secretary);
  expect(noTalk.body.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('警示谈话') });
  // The talk: not in the future, not before the year, and only for 基本合格 / 不合格.
  const talk = { memberId: m, year, on: parkDay(), by: '王书记', note: '指出问题，提出整改要求。' };
  expect(await codeOf(call('setWarningTalk', { ...talk, on: addDays(parkDay(), 1) }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setWarningTalk', { ...talk, on: `${year - 1}-12-31` }, a.secretary))).toBe('VALIDATION');
  await ok(call('setReview', { memberId: good, year, leader: '优秀', staff: '优秀', branch: '优秀', result: '优秀' }, a.secretary));
  expect(await codeOf(call('setWarningTalk', { ...talk, memberId: good }, a.secretary))).toBe('VALIDATION');
  const talked = await ok(call('setWarningTalk', talk, a.secretary));
  expect(talked).toMatchObject({ talk: { on: parkDay(), by: '王书记' }, problem: null });
  expect(await ok(call('closeReview', { memberId: m, year }, a.secretary))).toMatchObject({ closed: true, result: '基本合格' });
  // 优秀 closes without a talk.
  await ok(call('closeReview', { memberId: good, year }, a.secretary));
  // Closed is final, for the secretary and for an admin.
  expect(await codeOf(call('setReview', { memberId: m, year, result: '合格' }, a.secretary))).toBe('CLOSED');
  expect(await codeOf(call('setReview', { memberId: m, year, result: '合格' }, 'demo-admin'))).toBe('CLOSED');
  expect(await codeOf(call('setWarningTalk', talk, a.secretary))).toBe('CLOSED');
  expect(await codeOf(call('closeReview', { memberId: m, year }, a.secretary))).toBe('CLOSED');
  expect((await col('partyReviews').doc(reviewId(year, m)).get()).data[0].result).toBe('基本合格');
});

test('不合格_with_its_talk_removed_cannot_be_closed_the_rule_rides_on_the_update', async () => {
  const a = await makeBranch();
  const m = await makeMember({ branchId: a.branchId });
  const year = last();
  await ok(call('setReview', { memberId: m, year, ...three, result: '合格' }, a.secretary));
  // A row lowered to 不合格 (as a racing write would leave it) with no talk: the close matches nothing.
  await col('partyReviews').doc(reviewId(year, m)).update({ result: '不合格' });
  expect(await codeOf(call('closeReview', { memberId: m, year }, a.secretary))).toBe('VALIDATION');
  expect((await col('partyReviews').doc(reviewId(year, m)).get()).data[0].closedAt).toBeNull();
});

test('only_the_current_secretary_of_the_members_branch_for_that_year_or_an_admin_writes', async () => {
  const a = await makeBranch('甲支部');
  const b = await makeBranch('乙支部');
  const m = await makeMember({ branchId: a.branchId });
  // Moved to 乙 on the first day of this year: last year is 甲's, this year 乙's.
  await moveMember(m, b.branchId, `${thisYear()}-01-01`);
  expect(await codeOf(call('setReview', { memberId: m, year: last(), result: '合格' }, b.secretary))).toBe('FORBIDDEN');
  expect((await ok(call('setReview', { memberId: m, year: last(), result: '合格' }, a.secretary))).branchId).toBe(a.branchId);
  expect(await codeOf(call('setReview', { memberId: m, year: thisYear(), result: '合格' }, a.secretary))).toBe('FORBIDDEN');
  expect((await ok(call('setReview', { memberId: m, year: thisYear(), result: '合格' }, b.secretary))).branchId).toBe(b.branchId);
  // A plain member (role) and a secretary of no branch (kept) are refused; an admin may.
  expect(await codeOf(call('setReview', { memberId: m, year: last(), result: '优秀' }, 'demo-member'))).toBe('FORBIDDEN');
  expect(await codeOf(call('setReview', { memberId: m, year: last(), result: '优秀' }, await makeUser(['secretary'])))).toBe('FORBIDDEN');
  await ok(call('setReview', { memberId: m, year: last(), result: '优秀' }, 'demo-admin'));
  // The secretary replaced: the old one loses the branch at once (role at call time, not at entry).
  const next = await makeUser(['secretary', 'member']);
  await col('branches').doc(a.branchId).update({ secretaryOpenid: next });
  expect(await codeOf(call('setReview', { memberId: m, year: last(), leader: '合格' }, a.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('listReviews', { branchId: a.branchId, year: last() }, a.secretary))).toBe('FORBIDDEN');
  await ok(call('setReview', { memberId: m, year: last(), leader: '合格' }, next));
  // Before the member was in any park branch.
  expect(await codeOf(call('setReview', { memberId: m, year: thisYear() - 5, result: '合格' }, 'demo-admin'))).toBe('VALIDATION');
});

test('the_reviews_are_private_like_the_roster_and_the_branch_year_lists_and_exports_everyone', async () => {
  const a = await makeBranch();
  const other = await makeBranch();
  const member = await makeUser(['member']);
  const mine = await makeMember({ branchId: a.branchId, name: '甲', openid: member });
  await makeMember({ branchId: a.branchId, name: '乙' });
  const year = last();
  await ok(call('setReview', { memberId: mine, year, ...three, result: '不合格' }, a.secretary));

  const list = await ok(call('listReviews', { branchId: a.branchId, year }, a.secretary));
  expect(list.members.map((x: any) => [x.name, x.status])).toEqual([['甲', 'open'], ['乙', 'none']]);
  expect(list.totals).toEqual({ members: 2, none: 1, open: 1, closed: 0 });
  expect(JSON.stringify(list)).not.toContain(member);
  expect((await ok(call('listReviews', { branchId: a.branchId, year }, 'demo-admin'))).members).toHaveLength(2);
  expect(await codeOf(call('listReviews', { branchId: a.branchId, year }, other.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('listReviews', { branchId: a.branchId, year }, member))).toBe('FORBIDDEN');
  expect(await codeOf(call('exportReviews', { branchId: a.branchId, year }, other.secretary))).toBe('FORBIDDEN');

  // The member reads their own year, and nobody else's.
  const own = await ok(call('myReviews', {}, member));
  expect(own.reviews).toEqual([expect.objectContaining({ year, result: '不合格', leader: '合格' })]);
  expect((await ok(call('myReviews', {}, 'demo-visitor'))).reviews).toEqual([]);

  const file = await ok(call('exportReviews', { branchId: a.branchId, year }, a.secretary));
  expect(file).toMatchObject({ rows: 2, fileName: expect.stringContaining(`民主评议党员_${year}`) });
  expect(file.base64.length).toBeGreaterThan(100);
  expect((await col('audit').where({ fn: 'party', action: 'exportReviews', target: `branches/${a.branchId}/reviews/${year}` }).count()).total).toBe(1);

  // 删除我的数据: the year stays with the branch, its 警示谈话 note without the member's name.
  await col('partyMembers').doc(mine).update({ name: '甲某某' });
  await ok(call('setWarningTalk', { memberId: mine, year, on: parkDay(), by: '王书记', note: '与甲某某谈话，指出问题。' }, a.secretary));
  // 我的数据 lists the year (G-19: the person sees every kind of record held about them).
  const section = async () => (await ok(gw.call('user', 'myData', {}, member))).sections.find((s: { key: string }) => s.key === 'partyReview');
  expect(await section()).toMatchObject({ count: 1, fate: 'anonymise', recent: [{ title: `${year} 年度民主评议`, note: expect.stringContaining('不合格') }] });
  await ok(gw.call('user', 'deleteMyData', { confirm: true }, member));
  expect((await section()).count).toBe(0);
  const [kept] = (await col('partyReviews').doc(reviewId(year, mine)).get()).data;
  expect(kept).toMatchObject({ result: '不合格', talk: { by: '王书记', note: '与谈话，指出问题。' } });
  expect(JSON.stringify((await col('audit').where({ target: `partyReviews/${reviewId(year, mine)}` }).get()).data)).not.toContain('甲某某');
});

test('a_述职_is_submitted_by_the_branch_secretary_rated_only_by_admins_and_frozen_once_rated', async () => {
  const a = await makeBranch();
  const b = await makeBranch();
  const year = last();
  const text = '一年来，支部坚持三会一课，发展党员两名，开展先锋岗创建活动，党费按时收缴。';
  expect(await codeOf(call('rateDebrief', { branchId: a.branchId, year, rating: '好' }, 'demo-admin'))).toBe('NOT_FOUND');
  expect(await codeOf(call('setDebrief', { branchId: a.branchId, year, text }, b.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('setDebrief', { branchId: a.branchId, year, text: '太短' }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setDebrief', { branchId: a.branchId, year, text, link: 'ftp://x' }, a.secretary))).toBe('VALIDATION');
  await Promise.all([
    ok(call('setDebrief', { branchId: a.branchId, year, text }, a.secretary)),
    ok(call('setDebrief', { branchId: a.branchId, year, text: `${text}（修改）`, link: 'https://pan.example.com/s/abc' }, a.secretary)),
  ]);
  expect((await col('partyDebriefs').where({ year, branchId: a.branchId }).count()).total).toBe(1);

  // Only admins rate — not the secretary of the branch, nor another's.
  expect(await codeOf(call('rateDebrief', { branchId: a.branchId, year, rating: '好' }, a.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('rateDebrief', { branchId: a.branchId, year, rating: '好' }, b.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('rateDebrief', { branchId: a.branchId, year, rating: '优' }, 'demo-admin'))).toBe('VALIDATION');
  expect(await ok(call('rateDebrief', { branchId: a.branchId, year, rating: '较好', comment: '台账规范' }, 'demo-admin'))).toMatchObject({ rating: '较好', comment: '台账规范' });
  expect(await codeOf(call('setDebrief', { branchId: a.branchId, year, text }, a.secretary))).toBe('CLOSED');

  // A secretary lists their own branches; an admin every branch, with what each may do.
  const mineList = await ok(call('listDebriefs', { year }, a.secretary));
  expect(mineList.branches).toEqual([expect.objectContaining({ branchId: a.branchId, submitted: true, rating: '较好', canSubmit: false, canRate: false })]);
  const all = await ok(call('listDebriefs', { year }, 'demo-admin'));
  expect(all.branches.find((x: any) => x.branchId === a.branchId)).toMatchObject({ canRate: true, rating: '较好' });
  expect(all.branches.find((x: any) => x.branchId === b.branchId)).toMatchObject({ submitted: false, canRate: false });
  expect(await codeOf(call('listDebriefs', { year }, 'demo-member'))).toBe('FORBIDDEN');
});

test('先锋岗_and_示范岗_are_set_by_the_keeper_and_shown_on_the_branch_page_with_names_only', async () => {
  const a = await makeBranch();
  const b = await makeBranch();
  const member = await makeUser(['member']);
  const m = await makeMember({ branchId: a.branchId, name: '李先锋', openid: member });
  const year = thisYear();
  const post = { memberId: m, year, kind: '先锋岗', title: '生产线质量先锋岗', enterpriseId: 'ent-a' };
  expect(await codeOf(call('setPost', post, b.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('setPost', post, member))).toBe('FORBIDDEN');
  expect(await codeOf(call('setPost', { ...post, kind: '标兵岗' }, a.secretary))).toBe('VALIDATION');
  await ok(call('setPost', post, a.secretary));
  await ok(call('setPost', { ...post, title: '生产线质量党员先锋岗' }, a.secretary));
  await ok(call('setPost', { ...post, kind: '示范岗', title: '客户服务示范岗' }, 'demo-admin'));
  expect((await col('partyPosts').where({ memberId: m, year }).count()).total).toBe(2);

  const shown = await ok(call('listPosts', { branchId: a.branchId }, 'demo-visitor'));
  expect(shown.canEdit).toBe(false);
  expect(shown.items.map((i: any) => [i.kind, i.title, i.name])).toEqual([['先锋岗', '生产线质量党员先锋岗', '李先锋'], ['示范岗', '客户服务示范岗', '李先锋']]);
  for (const i of shown.items) expect(Object.keys(i).sort()).toEqual(['enterpriseName', 'kind', 'name', 'title']);
  expect(shown.items[0].enterpriseName).not.toBe('');
  expect((await ok(call('listPosts', { branchId: a.branchId }, a.secretary))).items[0].memberId).toBe(m);
  // The member's own view.
  expect((await ok(call('myReviews', {}, member))).posts.map((p: any) => p.kind).sort()).toEqual(['先锋岗', '示范岗']);
  // Taken back; a member whose name was erased is not shown.
  await ok(call('removePost', { memberId: m, year, kind: '示范岗' }, a.secretary));
  expect(await codeOf(call('removePost', { memberId: m, year, kind: '示范岗' }, a.secretary))).toBe('NOT_FOUND');
  await col('partyMembers').doc(m).update({ name: '' });
  expect((await ok(call('listPosts', { branchId: a.branchId, year }, 'demo-visitor'))).items).toEqual([]);
});

test('a_tapped_write_makes_at_most_five_database_round_trips', async () => {
  const a = await makeBranch();
  const m = await makeMember({ branchId: a.branchId });
  const year = last();
  await ok(call('listPosts', { branchId: a.branchId }, a.secretary)); // the caller's record exists
  const counted = async (action: string, params: unknown) => {
    const before = gw.emulator.stats.requests;
    await ok(call(action, params, a.secretary));
    return { [action]: gw.emulator.stats.requests - before };
  };
  const steps = [
    await counted('setReview', { memberId: m, year, ...three, result: '基本合格' }),
    await counted('setReview', { memberId: m, year, leader: '优秀' }),
    await counted('setWarningTalk', { memberId: m, year, on: parkDay(), by: '王书记', note: '谈话记录。' }),
    await counted('closeReview', { memberId: m, year }),
    await counted('setPost', { memberId: m, year, kind: '先锋岗', title: '质量先锋岗' }),
    await counted('removePost', { memberId: m, year, kind: '先锋岗' }),
    await counted('setDebrief', { branchId: a.branchId, year, text: '一年来支部坚持三会一课，按时收缴党费，开展民主评议。' }),
  ];
  for (const s of steps) for (const [k, n] of Object.entries(s)) expect({ [k]: n <= 5 ? 'within' : n }).toEqual({ [k]: 'within' });
});
