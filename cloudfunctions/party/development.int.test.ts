/**
 * 发展党员 against the emulator: the order of the steps and the intervals that bind them, the two
 * 培养联系人, two taps advancing once, 预备党员 putting the person on the roster (the row with its
 * stretch, and the file's step: all or nothing), 转正 after the 预备期, what is due soon, reminders once, and who may see a file.
 * Every date is relative to the clock (server/core/time.ts).
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, makeUser, moveMember, stretchesOf } from '../../local/party.testkit';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col } from '../../server/core/db';
import { addDays, dayjs, parkDay } from '../../server/core/time';
import { rosterStart } from './roster';
import { addYears } from './development';
import { membersOf } from './months';
import { thisMonth } from './duesShared';
import { devReminderId, remindDevelopment } from './remind';

let gw: TestGateway;
/** Runs once, just before the next write to a 发展档案 reaches the database: another tap landing in between. */
let beforeFileWrite: (() => Promise<unknown>) | null = null;
beforeAll(async () => {
  gw = await startTestGateway();
  const handle = gw.emulator.handle.bind(gw.emulator);
  gw.emulator.handle = async (body: any) => {
    if (beforeFileWrite && body.collectionName === 'partyDevelopment' && /modify/.test(body.action)) {
      const run = beforeFileWrite;
      beforeFileWrite = null;
      await run();
    }
    return handle(body);
  };
});
afterAll(async () => {
  await gw.close();
});

const call = (action: string, params: unknown, who: string) => gw.call('party', action, params, who);
const today = () => parkDay();
const ago = (days: number) => addDays(today(), -days);
const message = async (p: Promise<{ body: any }>) => (await p).body.error?.message as string;

/** A branch with two 正式党员 to serve as 培养联系人, and a file opened `appliedDaysAgo` days ago. */
async function setUp(appliedDaysAgo = 1500, openid?: string) {
  const br = await makeBranch();
  const contacts = [await makeMember({ branchId: br.branchId, name: '联系人甲' }), await makeMember({ branchId: br.branchId, name: '联系人乙' })];
  const { id } = await ok(call('createDevelopment', { name: '申请人', branchId: br.branchId, appliedOn: ago(appliedDaysAgo), ...(openid ? { openid } : {}) }, br.secretary));
  return { ...br, contacts, id };
}

test('steps_out_of_order_backwards_in_the_future_or_before_the_previous_step_are_refused', async () => {
  const f = await setUp(100);
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '发展对象', on: ago(10), contacts: f.contacts }, f.secretary))).toBe('VALIDATION');
  expect(await message(call('advanceDevelopment', { id: f.id, to: '预备党员', on: ago(10) }, f.secretary))).toContain('下一步只能是“入党积极分子”');
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: addDays(today(), 1) }, f.secretary))).toBe('VALIDATION');
  expect(await message(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(101) }, f.secretary))).toContain('不能早于成为“入党申请人”的日期');
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(50) }, f.secretary));
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(40) }, f.secretary))).toBe('CONFLICT');
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '入党申请人', on: ago(40) }, f.secretary))).toBe('CONFLICT');
  // Another branch's secretary, a member, a visitor: refused.
  for (const who of ['demo-secretary', 'demo-member', 'demo-visitor']) {
    expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '发展对象', on: today(), contacts: f.contacts }, who))).toBe('FORBIDDEN');
  }
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d.steps.map((s) => s.stage)).toEqual(['入党申请人', '入党积极分子']);
});

test('a_development_object_needs_a_full_year_as_activist_and_two_distinct_contacts_of_the_branch', async () => {
  const f = await setUp(900);
  const activistOn = ago(800);
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: activistOn }, f.secretary));
  // Early: a day before the year is up (from the activist day) — the message says from when.
  const early = addDays(addYears(activistOn, 1), -1);
  const msg = await message(call('advanceDevelopment', { id: f.id, to: '发展对象', on: early, contacts: f.contacts }, f.secretary));
  expect(msg).toContain('培养考察满一年');
  const y = addYears(activistOn, 1);
  expect(msg).toContain(`最早于${Number(y.slice(0, 4))}年${Number(y.slice(5, 7))}月${Number(y.slice(8, 10))}日`);
  // Contacts: missing, the same one twice, someone of another branch, a 预备党员.
  expect(await message(call('advanceDevelopment', { id: f.id, to: '发展对象', on: y }, f.secretary))).toContain('两名培养联系人');
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '发展对象', on: y, contacts: [f.contacts[0], f.contacts[0]] }, f.secretary))).toBe('VALIDATION');
  const elsewhere = await makeMember({ branchId: (await makeBranch()).branchId });
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '发展对象', on: y, contacts: [f.contacts[0], elsewhere] }, f.secretary))).toBe('VALIDATION');
  const probationary = await makeMember({ branchId: f.branchId, standing: '预备' });
  expect(await message(call('setDevelopmentContacts', { id: f.id, contacts: [f.contacts[0], probationary] }, f.secretary))).toContain('正式党员');
  await ok(call('setDevelopmentContacts', { id: f.id, contacts: f.contacts }, f.secretary));
  const res = await ok(call('advanceDevelopment', { id: f.id, to: '发展对象', on: y }, f.secretary));
  expect(res).toMatchObject({ stage: '发展对象', stageOn: y, contacts: f.contacts });
});

test('advancing_twice_at_once_advances_once', async () => {
  const f = await setUp(100);
  const both = await Promise.all([0, 1].map(() => codeOf(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(5) }, f.secretary))));
  expect(both.sort()).toEqual(['CONFLICT', 'OK']);
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d.steps.filter((s) => s.stage === '入党积极分子')).toHaveLength(1);
});

test('probationary_membership_puts_the_person_on_the_roster_once_with_a_stretch_and_confirmation_waits_a_year', async () => {
  const person = await makeUser([], '预备人');
  const f = await setUp(1500, person);
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(1400), contacts: f.contacts }, f.secretary));
  await ok(call('advanceDevelopment', { id: f.id, to: '发展对象', on: ago(1000) }, f.secretary));
  const joinedOn = ago(400);
  // Two taps at once on 预备党员: one roster row, one stretch, one step.
  const both = await Promise.all([0, 1].map(() => codeOf(call('advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary))));
  expect(both.sort()).toEqual(['CONFLICT', 'OK']);
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d).toMatchObject({ stage: '预备党员', stageOn: joinedOn });
  expect(d.steps.filter((s) => s.stage === '预备党员')).toHaveLength(1);
  const { data: rows } = await col('partyMembers').where({ bindKey: person }).get();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ _id: d.memberId, standing: '预备', joinedOn, confirmedOn: null, branchId: f.branchId, openid: person, state: 'active' });
  // 入党日期 is the step's day; the stretch (on the row) starts no earlier than this month (months already over keep their figures).
  expect(rows[0].stretches).toEqual([{ branchId: f.branchId, from: rosterStart(), to: null, transferId: null }]);
  expect(await membersOf(f.branchId, thisMonth())).toContain(d.memberId);

  // 转正: a day before the 预备期 ends is refused; on the day it ends, accepted.
  const end = addYears(joinedOn, 1);
  expect(await message(call('advanceDevelopment', { id: f.id, to: '正式党员', on: addDays(end, -1) }, f.secretary))).toContain('预备期为一年');
  const done = await ok(call('advanceDevelopment', { id: f.id, to: '正式党员', on: end }, f.secretary));
  expect(done).toMatchObject({ stage: '正式党员', memberId: d.memberId });
  const [row] = (await col('partyMembers').doc(d.memberId!).get()).data;
  expect(row).toMatchObject({ standing: '正式', confirmedOn: end });
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '正式党员', on: end }, f.secretary))).toBe('CONFLICT');
});

test('a_person_already_on_the_roster_under_the_same_openid_is_not_added_twice', async () => {
  const person = await makeUser([], '重复人');
  const f = await setUp(1500, person);
  await makeMember({ branchId: f.branchId, openid: person });
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(1400), contacts: f.contacts }, f.secretary));
  await ok(call('advanceDevelopment', { id: f.id, to: '发展对象', on: ago(1000) }, f.secretary));
  expect(await message(call('advanceDevelopment', { id: f.id, to: '预备党员', on: ago(10) }, f.secretary))).toContain('已在党员花名册中');
  // All or nothing: the file did not move and no row (with its stretch) was written for it.
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d.stage).toBe('发展对象');
  expect((await col('partyMembers').doc(`pm-dev-${f.id}`).get()).data).toHaveLength(0);
});

test('a_withdrawn_file_keeps_its_reason_and_moves_no_further', async () => {
  const f = await setUp(100);
  expect(await codeOf(call('withdrawDevelopment', { id: f.id, reason: '' }, f.secretary))).toBe('VALIDATION');
  await ok(call('withdrawDevelopment', { id: f.id, reason: '本人调离园区' }, f.secretary));
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(1) }, f.secretary))).toBe('CONFLICT');
  const file = await ok(call('developmentFile', { id: f.id }, f.secretary));
  expect(file.record).toMatchObject({ state: 'withdrawn', withdrawal: { reason: '本人调离园区' }, next: null });
});

test('what_is_due_soon_is_listed_for_the_secretary_and_reminded_once_each', async () => {
  const f = await setUp(800);
  // A year as 积极分子 completes in 10 days; no contacts yet.
  const activistOn = addDays(addYears(today(), -1), 10);
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: activistOn }, f.secretary));
  const later = await ok(call('createDevelopment', { name: '新申请人', branchId: f.branchId, appliedOn: ago(200) }, f.secretary));
  const far = addDays(today(), -100);
  await ok(call('advanceDevelopment', { id: later.id, to: '入党积极分子', on: far, contacts: f.contacts }, f.secretary));

  const due = await ok(call('developmentDue', {}, f.secretary));
  expect(due.items.map((i: any) => [i.id, i.kind, i.dueOn, i.overdue])).toEqual([
    // Needed now (no day) first, then by the day the step becomes possible.
    [f.id, '未定培养联系人', null, false],
    [f.id, '可列为发展对象', addYears(activistOn, 1), false],
  ]);
  expect(await codeOf(call('developmentDue', { branchId: f.branchId }, 'demo-secretary'))).toBe('FORBIDDEN');
  expect((await ok(call('developmentDue', { branchId: f.branchId }, 'demo-admin'))).items).toHaveLength(2);

  await Promise.all([remindDevelopment(new Date()), remindDevelopment(new Date())]);
  await remindDevelopment(new Date());
  const { data } = await col('outbox').where({ toOpenid: f.secretary, type: 'party.developmentDue' }).get();
  expect(data.map((r) => r._id).sort()).toEqual([devReminderId(f.id, '可列为发展对象', addYears(activistOn, 1)), devReminderId(f.id, '未定培养联系人', null)].sort());
});

test('a_file_is_seen_only_by_its_branch_keeper_admins_and_the_person', async () => {
  const person = await makeUser([], '本人');
  const f = await setUp(100, person);
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(50), note: '支委会讨论通过' }, f.secretary));
  const other = await makeBranch();
  for (const who of [f.secretary, 'demo-admin', person]) {
    const file = await ok(call('developmentFile', { id: f.id }, who));
    expect(file.record.steps.map((s: any) => [s.stage, s.on])).toEqual([['入党申请人', ago(100)], ['入党积极分子', ago(50)]]);
    expect(file.record.steps[1]).toMatchObject({ note: '支委会讨论通过' });
    expect(file.record.next).toMatchObject({ stage: '发展对象', earliestOn: addYears(ago(50), 1), needsContacts: true });
  }
  for (const who of [other.secretary, 'demo-secretary', 'demo-member', 'demo-visitor']) {
    expect(await codeOf(call('developmentFile', { id: f.id }, who))).toBe('NOT_FOUND');
  }
  const listed = async (who: string) => (await ok(call('listDevelopment', {}, who))).items.map((i: any) => i.id);
  expect(await listed(f.secretary)).toEqual([f.id]);
  expect(await listed(person)).toEqual([f.id]);
  expect(await listed(other.secretary)).toEqual([]);
  expect(await listed('demo-visitor')).not.toContain(f.id);
  expect(await listed('demo-admin')).toContain(f.id);
  expect(await codeOf(call('listDevelopment', { branchId: f.branchId }, other.secretary))).toBe('FORBIDDEN');
  expect((await ok(call('listDevelopment', { q: '申请', stage: '入党积极分子' }, f.secretary))).total).toBe(1);

  const withFile = await ok(call('developmentFile', { id: f.id, excel: true }, f.secretary));
  expect(withFile.file.fileName).toContain('发展党员档案');
  expect(withFile.file.base64.slice(0, 4)).toBe('UEsD'); // a zip: .xlsx
});

/** A file of `person` taken to 发展对象 with its contacts, ready for 预备党员. */
async function readyForProbation(openid?: string) {
  const f = await setUp(1500, openid);
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(1400), contacts: f.contacts }, f.secretary));
  await ok(call('advanceDevelopment', { id: f.id, to: '发展对象', on: ago(1000) }, f.secretary));
  return f;
}

test('a_probationary_step_dated_in_a_month_already_over_changes_no_past_months_membership', async () => {
  const f = await readyForProbation();
  const lastMonth = dayjs(today()).startOf('month').subtract(1, 'month').format('YYYY-MM');
  const before = await membersOf(f.branchId, lastMonth);
  const joinedOn = ago(400);
  const { memberId } = await ok(call('advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary));
  expect(await membersOf(f.branchId, lastMonth)).toEqual(before);
  expect(await membersOf(f.branchId, lastMonth)).not.toContain(memberId);
  expect(await membersOf(f.branchId, thisMonth())).toContain(memberId);
  const [row] = (await col('partyMembers').doc(memberId).get()).data;
  expect(row.joinedOn).toBe(joinedOn);
  expect((await stretchesOf(memberId)).map((s) => s.from)).toEqual([rosterStart()]);
  // A step dated inside the current month starts on its own day.
  const g = await readyForProbation();
  const r = await ok(call('advanceDevelopment', { id: g.id, to: '预备党员', on: today() }, g.secretary));
  expect((await stretchesOf(r.memberId)).map((s) => s.from)).toEqual([today()]);
});

test('confirmation_after_a_transfer_is_decided_by_the_keeper_of_the_branch_whose_row_it_writes', async () => {
  const f = await readyForProbation();
  const { memberId } = await ok(call('advanceDevelopment', { id: f.id, to: '预备党员', on: ago(400) }, f.secretary));
  const other = await makeBranch('接收支部');
  await moveMember(memberId, other.branchId, addDays(today(), 1));
  // The file's secretary no longer keeps the row: refused, and the row is untouched.
  expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '正式党员', on: today() }, f.secretary))).toBe('FORBIDDEN');
  const [kept] = (await col('partyMembers').doc(memberId).get()).data;
  expect(kept).toMatchObject({ standing: '预备', confirmedOn: null, branchId: other.branchId });
  // The secretary of the branch the member now belongs to records it.
  await ok(call('advanceDevelopment', { id: f.id, to: '正式党员', on: today() }, other.secretary));
  const [row] = (await col('partyMembers').doc(memberId).get()).data;
  expect(row).toMatchObject({ standing: '正式', confirmedOn: today() });
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d.stage).toBe('正式党员');
});

test('a_step_does_not_undo_contacts_set_between_its_read_and_its_write', async () => {
  const f = await setUp(100);
  // The step reads the file (no contacts yet); before it writes, another tap sets the contacts.
  beforeFileWrite = () => ok(call('setDevelopmentContacts', { id: f.id, contacts: f.contacts }, f.secretary));
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(5) }, f.secretary));
  expect(beforeFileWrite).toBeNull();
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d.stage).toBe('入党积极分子');
  expect([...d.contacts].sort()).toEqual([...f.contacts].sort());
});

test('my_data_lists_my_development_file_and_deleting_my_data_unbinds_and_blanks_it_and_the_branch_keeps_it', async () => {
  const person = await makeUser([], '岑若溪');
  const f = { ...(await makeBranch()), id: '' };
  f.id = (await ok(call('createDevelopment', { name: '岑若溪', branchId: f.branchId, appliedOn: ago(100), openid: person }, f.secretary))).id;
  await ok(call('advanceDevelopment', { id: f.id, to: '入党积极分子', on: ago(50) }, f.secretary));
  const mine = await ok(gw.call('user', 'myData', {}, person));
  expect(mine.sections.find((s: any) => s.key === 'development')).toMatchObject({ count: 1, fate: 'anonymise', recent: [expect.objectContaining({ title: '入党积极分子' })] });

  await ok(gw.call('user', 'deleteMyData', { confirm: true }, person));
  const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
  expect(d).toMatchObject({ openid: null, name: '', branchId: f.branchId, stage: '入党积极分子', state: 'active' });
  expect(d.steps.map((s) => s.stage)).toEqual(['入党申请人', '入党积极分子']);
  const log = JSON.stringify((await col('audit').where({ target: `partyDevelopment/${f.id}` }).get()).data);
  expect(log).toContain('createDevelopment');
  expect(log).not.toContain('岑若溪');
  expect(log).not.toContain(person);
  // The branch keeps the file, under a placeholder; the person no longer reaches it.
  expect((await ok(call('developmentFile', { id: f.id }, f.secretary))).record.name).toBe('（本人已删除个人信息）');
  expect(await codeOf(call('developmentFile', { id: f.id }, person))).toBe('NOT_FOUND');
  expect((await ok(gw.call('user', 'myData', {}, person))).sections.find((s: any) => s.key === 'development')).toMatchObject({ count: 0 });
});

test('opening_a_file_twice_with_one_request_id_makes_one_file', async () => {
  const br = await makeBranch();
  const p = { name: '郁清和', branchId: br.branchId, appliedOn: ago(30), requestId: `rq${Date.now().toString(36)}dev` };
  const both = await Promise.all([ok(call('createDevelopment', p, br.secretary)), ok(call('createDevelopment', p, br.secretary))]);
  const again = await ok(call('createDevelopment', p, br.secretary));
  expect(new Set([...both, again].map((r: any) => r.id)).size).toBe(1);
  expect((await col('partyDevelopment').where({ branchId: br.branchId }).count()).total).toBe(1);
  expect((await col('audit').where({ target: `partyDevelopment/${again.id}`, action: 'createDevelopment' }).count()).total).toBe(1);
  // A new form (a new request id) is a new file.
  await ok(call('createDevelopment', { ...p, requestId: `rq${Date.now().toString(36)}dev2` }, br.secretary));
  expect((await col('partyDevelopment').where({ branchId: br.branchId }).count()).total).toBe(2);
});

/** The database refuses updates of 发展档案 until restored: a call dying after its first write. */
function refuseFileUpdates() {
  const real = gw.emulator.handle.bind(gw.emulator);
  const spy = jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) =>
    body?.action === 'database.modifyDocument' && body.collectionName === 'partyDevelopment' ? { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'connection reset (injected)' } : real(body),
  );
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => {
    spy.mockRestore();
    log.mockRestore();
  };
}

describe('a step killed between the roster row and the file (advanceDevelopment.ts)', () => {
  test('a_probationary_step_that_died_after_making_the_row_leaves_the_member_on_the_roster_and_tapping_again_completes_the_file', async () => {
    const person = await makeUser([], '中断人');
    const f = await readyForProbation(person);
    const joinedOn = ago(400);
    const restore = refuseFileUpdates();
    try {
      expect((await call('advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary)).body.ok).toBe(false);
    } finally {
      restore();
    }
    // The row was written first: the person is on the roster and counts this month; the file is a step behind.
    const memberId = `pm-dev-${f.id}`;
    const [row] = (await col('partyMembers').doc(memberId).get()).data;
    expect(row).toMatchObject({ standing: '预备', joinedOn, openid: person, branchId: f.branchId, state: 'active' });
    expect(await membersOf(f.branchId, thisMonth())).toContain(memberId);
    expect((await col('partyDevelopment').doc(f.id).get()).data[0]).toMatchObject({ stage: '发展对象', memberId: null });
    // The file cannot be closed meanwhile: the person is on the roster.
    expect(await codeOf(call('withdrawDevelopment', { id: f.id, reason: '本人撤回申请' }, f.secretary))).toBe('CONFLICT');
    // A tap with another day is told the row's (the file must not say what the roster does not).
    const other = await message(call('advanceDevelopment', { id: f.id, to: '预备党员', on: ago(300) }, f.secretary));
    expect(other).toContain(`${Number(joinedOn.slice(0, 4))}年${Number(joinedOn.slice(5, 7))}月${Number(joinedOn.slice(8, 10))}日`);
    // The same tap again completes the file: one row, one step, the reply as ever.
    const done = await ok(call('advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary));
    expect(done).toMatchObject({ id: f.id, stage: '预备党员', stageOn: joinedOn, memberId });
    const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
    expect(d).toMatchObject({ stage: '预备党员', stageOn: joinedOn, memberId });
    expect(d.steps.filter((s) => s.stage === '预备党员')).toHaveLength(1);
    expect((await col('partyMembers').where({ bindKey: person }).get()).data).toHaveLength(1);
    expect(await codeOf(call('advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary))).toBe('CONFLICT');
  });

  test('a_confirmation_that_died_after_writing_the_row_leaves_it_full_and_tapping_again_completes_the_file', async () => {
    const f = await readyForProbation();
    const joinedOn = ago(400);
    const { memberId } = await ok(call('advanceDevelopment', { id: f.id, to: '预备党员', on: joinedOn }, f.secretary));
    const confirmedOn = addYears(joinedOn, 1);
    const restore = refuseFileUpdates();
    try {
      expect((await call('advanceDevelopment', { id: f.id, to: '正式党员', on: confirmedOn }, f.secretary)).body.ok).toBe(false);
    } finally {
      restore();
    }
    expect((await col('partyMembers').doc(memberId).get()).data[0]).toMatchObject({ standing: '正式', confirmedOn });
    expect((await col('partyDevelopment').doc(f.id).get()).data[0].stage).toBe('预备党员');
    // Another day (today is past the 预备期's end: 400 days after 入党) is told the row's; the same day completes the file.
    expect(await message(call('advanceDevelopment', { id: f.id, to: '正式党员', on: today() }, f.secretary))).toContain('档案尚未更新');
    const done = await ok(call('advanceDevelopment', { id: f.id, to: '正式党员', on: confirmedOn }, f.secretary));
    expect(done).toMatchObject({ id: f.id, stage: '正式党员', stageOn: confirmedOn, memberId });
    const [d] = (await col('partyDevelopment').doc(f.id).get()).data;
    expect(d).toMatchObject({ stage: '正式党员', stageOn: confirmedOn });
    expect(d.steps.filter((s) => s.stage === '正式党员')).toHaveLength(1);
    expect((await col('partyMembers').doc(memberId).get()).data[0]).toMatchObject({ standing: '正式', confirmedOn });
  });
});
