/**
 * 党费收缴登记 against the emulator: who may record a member's month (the branch the member belonged
 * to when that month began), the month's list with 未登记, paying once, no future payments, the
 * completion per branch for the month and the quarter (a mid-quarter mover counts where each month
 * began), the bounded bulk entry, the 登记本 export and the once-only reminders.
 * Every date is relative to the clock (server/core/time.ts).
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { makeBranch, makeMember, moveMember } from '../../local/party.testkit';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col, cmd } from '../../server/core/db';
import { addDays, dayStart, parkDay } from '../../server/core/time';
import { addMonths, quarterMonths, quarterOf, thisMonth } from './duesShared';
import { monthStart } from './months';
import { DUES_REMIND_DAY, duesReminderId, remindDues } from './remind';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const call = (action: string, params: unknown, who: string) => gw.call('party', action, params, who);

test('dues_are_recorded_by_the_keeper_of_the_branch_the_member_belonged_to_that_month_not_today', async () => {
  const a = await makeBranch('甲支部');
  const b = await makeBranch('乙支部');
  const now = thisMonth();
  const last = addMonths(now, -1);
  const m = await makeMember({ branchId: a.branchId, from: addDays(parkDay(), -400) });
  await moveMember(m, b.branchId, monthStart(now));

  expect(await codeOf(call('setDues', { memberId: m, month: last, amountFen: 3000 }, b.secretary))).toBe('FORBIDDEN');
  const set = await ok(call('setDues', { memberId: m, month: last, amountFen: 3000 }, a.secretary));
  expect(set).toMatchObject({ branchId: a.branchId, amountFen: 3000, status: '未缴' });
  expect(await codeOf(call('setDues', { memberId: m, month: now, amountFen: 3000 }, a.secretary))).toBe('FORBIDDEN');
  expect((await ok(call('setDues', { memberId: m, month: now, amountFen: 3200 }, b.secretary))).branchId).toBe(b.branchId);
  // Admins any branch; a plain member nothing at all.
  expect((await ok(call('setDues', { memberId: m, month: last, amountFen: 3100 }, 'demo-admin'))).amountFen).toBe(3100);
  expect(await codeOf(call('setDues', { memberId: m, month: last, amountFen: 1 }, 'demo-member'))).toBe('FORBIDDEN');
  // A month the member was in no park branch.
  expect(await codeOf(call('setDues', { memberId: m, month: addMonths(now, -40), amountFen: 1 }, 'demo-admin'))).toBe('VALIDATION');
  // Out-of-range amounts and months.
  for (const amountFen of [-1, 1.5, 100_000_001]) expect(await codeOf(call('setDues', { memberId: m, month: last, amountFen }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setDues', { memberId: m, month: `${now.slice(0, 4)}-13`, amountFen: 1 }, a.secretary))).toBe('VALIDATION');
  const audits = await col('audit').where({ fn: 'party', action: 'setDues', target: `partyDues/${m}:${last}` }).count();
  expect(audits.total).toBe(2);
});

test('the_month_lists_every_member_who_belonged_with_未登记_for_those_without_an_amount', async () => {
  const a = await makeBranch();
  const month = addMonths(thisMonth(), -1);
  const paid = await makeMember({ branchId: a.branchId, name: '甲' });
  const unpaid = await makeMember({ branchId: a.branchId, name: '乙' });
  const none = await makeMember({ branchId: a.branchId, name: '丙' });
  const exempt = await makeMember({ branchId: a.branchId, name: '丁' });
  // Arrived after the month began: not on this month's list.
  await makeMember({ branchId: a.branchId, from: addDays(monthStart(month), 1), name: '戊' });
  await ok(call('setDues', { memberId: paid, month, amountFen: 5000 }, a.secretary));
  await ok(call('setDues', { memberId: unpaid, month, amountFen: 2000 }, a.secretary));
  await ok(call('setDues', { memberId: exempt, month, amountFen: 0 }, a.secretary));
  await ok(call('markPaid', { memberId: paid, month, paidOn: parkDay() }, a.secretary));

  const list = await ok(call('duesMonth', { branchId: a.branchId, month }, a.secretary));
  expect(list.members.map((x: any) => [x.name, x.status])).toEqual([['丙', '未登记'], ['乙', '未缴'], ['丁', '免缴'], ['甲', '已缴']]);
  expect(list.members.find((x: any) => x.memberId === none)).toMatchObject({ amountFen: null, paidOn: null });
  expect(list.totals).toEqual({ members: 4, paid: 1, exempt: 1, unpaid: 1, unregistered: 1, dueFen: 7000, paidFen: 5000 });
  expect(await codeOf(call('duesMonth', { branchId: a.branchId, month }, 'demo-secretary'))).toBe('FORBIDDEN');
  expect(await codeOf(call('duesMonth', { branchId: a.branchId, month }, 'demo-member'))).toBe('FORBIDDEN');
});

test('a_month_is_marked_paid_once_never_in_the_future_and_an_undo_is_audited', async () => {
  const a = await makeBranch();
  const m = await makeMember({ branchId: a.branchId });
  const month = thisMonth();
  const next = addMonths(month, 1);
  await ok(call('setDues', { memberId: m, month: next, amountFen: 3000 }, a.secretary));
  expect(await codeOf(call('markPaid', { memberId: m, month: next, paidOn: parkDay() }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('markPaid', { memberId: m, month, paidOn: parkDay() }, a.secretary))).toBe('NOT_FOUND');
  await ok(call('setDues', { memberId: m, month, amountFen: 3000 }, a.secretary));
  expect(await codeOf(call('markPaid', { memberId: m, month, paidOn: addDays(parkDay(), 1) }, a.secretary))).toBe('VALIDATION');

  const both = await Promise.all([0, 1].map(() => codeOf(call('markPaid', { memberId: m, month, paidOn: parkDay() }, a.secretary))));
  expect(both.sort()).toEqual(['CONFLICT', 'OK']);
  expect(await codeOf(call('markPaid', { memberId: m, month, paidOn: parkDay() }, 'demo-secretary'))).toBe('FORBIDDEN');
  // Entering the amount again keeps it paid.
  expect((await ok(call('setDues', { memberId: m, month, amountFen: 3300 }, a.secretary))).status).toBe('已缴');

  expect(await codeOf(call('unmarkPaid', { memberId: m, month, reason: '误' }, a.secretary))).toBe('VALIDATION');
  expect((await ok(call('unmarkPaid', { memberId: m, month, reason: '误点了已缴' }, a.secretary))).status).toBe('未缴');
  expect(await codeOf(call('unmarkPaid', { memberId: m, month, reason: '误点了已缴' }, a.secretary))).toBe('CONFLICT');
  const [undo] = (await col('audit').where({ fn: 'party', action: 'unmarkPaid', target: `partyDues/${m}:${month}` }).get()).data;
  expect(undo).toMatchObject({ actor: a.secretary, before: { paidOn: parkDay() }, after: { paidOn: null, reason: '误点了已缴' } });
});

test('completion_per_branch_for_the_month_and_the_quarter_counts_a_mid_quarter_mover_where_each_month_began', async () => {
  const a = await makeBranch('甲支部');
  const b = await makeBranch('乙支部');
  // Last quarter: every month of it is in the past.
  const quarter = quarterOf(addMonths(thisMonth(), -3));
  const [m1, m2, m3] = quarterMonths(quarter);
  const stay = await makeMember({ branchId: a.branchId, from: addDays(monthStart(m1), -200) });
  const mover = await makeMember({ branchId: a.branchId, from: addDays(monthStart(m1), -200) });
  const bStay = await makeMember({ branchId: b.branchId, from: addDays(monthStart(m1), -200) });
  // Moves on the 15th of the quarter's second month: that month still counts in 甲, the third in 乙.
  await moveMember(mover, b.branchId, addDays(monthStart(m2), 14));

  const pay = async (memberId: string, month: string, who: string, paid = true) => {
    await ok(call('setDues', { memberId, month, amountFen: 2500 }, who));
    if (paid) await ok(call('markPaid', { memberId, month, paidOn: parkDay() }, who));
  };
  await pay(stay, m1, a.secretary);
  await pay(stay, m2, a.secretary);
  await pay(stay, m3, a.secretary, false);
  await pay(mover, m1, a.secretary);
  await pay(mover, m2, a.secretary); // recorded in 甲: the month began there
  expect(await codeOf(call('setDues', { memberId: mover, month: m2, amountFen: 1 }, b.secretary))).toBe('FORBIDDEN');
  await pay(mover, m3, b.secretary);
  await pay(bStay, m1, b.secretary);

  const byMonth = await ok(call('duesSummary', { month: m2 }, 'demo-admin'));
  const fa = byMonth.branches.find((x: any) => x.branchId === a.branchId);
  const fb = byMonth.branches.find((x: any) => x.branchId === b.branchId);
  expect(fa.month).toMatchObject({ month: m2, members: 2, registered: 2, paid: 2, rate: 1 });
  expect(fb.month).toMatchObject({ month: m2, members: 1, registered: 0, paid: 0, rate: 0 });
  // Quarter: 甲 owes 2+2+1 member-months and settled 4; 乙 owes 1+1+2 and settled 2.
  expect(fa.quarter).toMatchObject({ quarter, memberMonths: 5, settled: 4, rate: 0.8 });
  expect(fb.quarter).toMatchObject({ quarter, memberMonths: 4, settled: 2, rate: 0.5 });
  expect(fa.months.map((x: any) => x.members)).toEqual([2, 2, 1]);
  expect(fb.months.map((x: any) => x.members)).toEqual([1, 1, 2]);

  const byQuarter = await ok(call('duesSummary', { quarter }, a.secretary));
  expect(byQuarter.month).toBeNull();
  expect(byQuarter.branches.map((x: any) => x.branchId)).toEqual([a.branchId]);
  expect(byQuarter.branches[0].quarter).toMatchObject({ memberMonths: 5, settled: 4, paidFen: 10000, dueFen: 12500 });
  expect(await codeOf(call('duesSummary', { quarter, branchId: b.branchId }, a.secretary))).toBe('FORBIDDEN');
  expect(await codeOf(call('duesSummary', { quarter, month: m1 }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('duesSummary', { quarter }, 'demo-member'))).toBe('FORBIDDEN');
});

test('the_bulk_entry_writes_at_most_one_row_per_member_and_refuses_members_of_another_branch', async () => {
  const a = await makeBranch();
  const other = await makeBranch();
  const month = addMonths(thisMonth(), -1);
  const ids = await Promise.all([0, 1, 2, 3, 4].map(() => makeMember({ branchId: a.branchId })));
  const stranger = await makeMember({ branchId: other.branchId });
  await ok(call('setDues', { memberId: ids[0], month, amountFen: 1000 }, a.secretary));

  expect(await codeOf(call('setDuesForMonth', { branchId: a.branchId, month, rows: [{ memberId: stranger, amountFen: 1 }] }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setDuesForMonth', { branchId: a.branchId, month, rows: [{ memberId: ids[1], amountFen: 1 }, { memberId: ids[1], amountFen: 2 }] }, a.secretary))).toBe('VALIDATION');
  const tooMany = Array.from({ length: 201 }, (_v, i) => ({ memberId: `pm-${i}`, amountFen: 1 }));
  expect(await codeOf(call('setDuesForMonth', { branchId: a.branchId, month, rows: tooMany }, a.secretary))).toBe('VALIDATION');
  expect(await codeOf(call('setDuesForMonth', { branchId: a.branchId, month, rows: [{ memberId: ids[1], amountFen: 1 }] }, other.secretary))).toBe('FORBIDDEN');

  const rows = ids.map((memberId, i) => ({ memberId, amountFen: 1000 + i }));
  const s = gw.emulator.stats;
  const before = s.writes;
  const res = await ok(call('setDuesForMonth', { branchId: a.branchId, month, rows }, a.secretary));
  // One write per member (1 update + 4 inserts) and one audit row.
  expect(s.writes - before).toBeLessThanOrEqual(rows.length + 1);
  expect(res).toMatchObject({ saved: 5, created: 4, changed: 4 });
  const again = await ok(call('setDuesForMonth', { branchId: a.branchId, month, rows }, a.secretary));
  expect(again).toMatchObject({ saved: 5, created: 0, changed: 0 });
  const { total } = await col('partyDues').where({ branchId: a.branchId, month }).count();
  expect(total).toBe(5);
});

test('the_register_book_exports_member_rows_by_month_for_a_quarter', async () => {
  const a = await makeBranch();
  const quarter = quarterOf(addMonths(thisMonth(), -3));
  const [m1, m2] = quarterMonths(quarter);
  const m = await makeMember({ branchId: a.branchId, name: '赵一', from: addDays(monthStart(m1), -30) });
  await makeMember({ branchId: a.branchId, name: '钱二', from: addDays(monthStart(m2), 3) });
  await ok(call('setDues', { memberId: m, month: m1, amountFen: 2550 }, a.secretary));
  await ok(call('markPaid', { memberId: m, month: m1, paidOn: parkDay() }, a.secretary));
  const [y, q] = quarter.split('-Q');
  const file = await ok(call('exportDuesBook', { branchId: a.branchId, year: Number(y), quarter: Number(q) }, a.secretary));
  expect(file.rows).toBe(2);
  expect(file.fileName).toMatch(/党费收缴登记本/);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Workbook = require('exceljs/lib/doc/workbook');
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64'));
  const ws = wb.getWorksheet('党费收缴登记本');
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  expect(values(3).slice(0, 4)).toEqual(['姓名', '类别', `${Number(m1.slice(5))}月应缴（元）`, `${Number(m1.slice(5))}月缴纳`]);
  const zhao = [4, 5].map(values).find((v) => v[0] === '赵一')!;
  expect(zhao.slice(2, 6)).toEqual([25.5, parkDay(), undefined, '未登记']);
  const qian = [4, 5].map(values).find((v) => v[0] === '钱二')!;
  expect(qian[3]).toBe('—'); // not in the branch when the quarter's first month began
  expect(await codeOf(call('exportDuesBook', { branchId: a.branchId, year: Number(y), quarter: Number(q) }, 'demo-secretary'))).toBe('FORBIDDEN');
  expect((await col('audit').where({ fn: 'party', action: 'exportDuesBook', actor: a.secretary }).count()).total).toBe(1);
});

test('an_unpaid_month_is_reminded_to_the_secretary_once_from_the_reminder_day_of_the_next_month', async () => {
  const a = await makeBranch();
  const settled = await makeBranch();
  // Stand the timer on the reminder day of this month: last month is the one reminded.
  const at = dayStart(addDays(monthStart(thisMonth()), DUES_REMIND_DAY - 1));
  const before = dayStart(addDays(monthStart(thisMonth()), DUES_REMIND_DAY - 2));
  const last = addMonths(thisMonth(), -1);
  const m = await makeMember({ branchId: a.branchId });
  await makeMember({ branchId: a.branchId });
  const s = await makeMember({ branchId: settled.branchId });
  await ok(call('setDues', { memberId: m, month: last, amountFen: 1000 }, a.secretary));
  await ok(call('setDues', { memberId: s, month: last, amountFen: 1000 }, settled.secretary));
  await ok(call('markPaid', { memberId: s, month: last, paidOn: parkDay() }, settled.secretary));

  await remindDues(before);
  expect((await col('outbox').where({ _id: duesReminderId(a.branchId, last) }).count()).total).toBe(0);
  await Promise.all([remindDues(at), remindDues(at)]);
  await remindDues(new Date(at.getTime() + 86400_000));
  const { data } = await col('outbox').where({ toOpenid: cmd().in([a.secretary, settled.secretary]), type: 'party.duesUnpaid' }).get();
  expect(data.map((r) => [r._id, r.toOpenid])).toEqual([[duesReminderId(a.branchId, last), a.secretary]]);
  expect(data[0].data.detail).toContain('尚有 1 人未缴、1 人未登记');
});
