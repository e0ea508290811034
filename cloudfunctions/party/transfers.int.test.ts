/**
 * 组织关系转接 without a transaction (transfers.ts): a call killed between its writes. The database
 * refuses one kind of write (as a lost connection or the platform's timeout would) after the row's
 * update went through; the roster and the months must be right at once, and the 转接记录 must be
 * mended by the next call that looks at it. Relative dates only.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { col } from '../../server/core/db';
import { dayjs, parkDay } from '../../server/core/time';
import { membersOf } from './months';
import { makeMember, stretchesOf } from '../../local/party.testkit';
import { QUIET_MS } from './transfers';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const call = (action: string, params: unknown, openid: string) => gw.call('party', action, params, openid);
const nextMonth = () => dayjs(parkDay()).startOf('month').add(1, 'month');
const ymd = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** The database refuses `kind` writes into `collection` until restored: a call dying after its earlier writes. */
function refuse(kind: 'insert' | 'update', collection: string) {
  const action = kind === 'insert' ? 'database.insertDocument' : 'database.modifyDocument';
  const real = gw.emulator.handle.bind(gw.emulator);
  const spy = jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) =>
    body?.action === action && body.collectionName === collection ? { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'connection reset (injected)' } : real(body),
  );
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => {
    spy.mockRestore();
    log.mockRestore();
  };
}

/** The clock of the functions moved past the quiet period (transfers.ts QUIET_MS). */
function afterQuiet() {
  const real = Date.now();
  const spy = jest.spyOn(Date, 'now').mockReturnValue(real + QUIET_MS + 1000);
  return () => spy.mockRestore();
}

async function record(id: string) {
  return (await col('partyTransfers').doc(id).get()).data[0];
}

describe('a transfer call killed between its writes', () => {
  test('a_confirmation_that_died_before_marking_the_record_moved_the_member_and_the_next_look_marks_it_confirmed', async () => {
    const memberId = await makeMember({ branchId: 'branch-joint' });
    const effectiveOn = ymd(nextMonth());
    const asked = await ok(call('requestTransfer', { memberId, toBranchId: 'br-xinyuan', effectiveOn }, 'demo-secretary'));

    const restore = refuse('update', 'partyTransfers');
    try {
      expect((await call('decideTransfer', { id: asked.id, confirm: true }, 'seed-secretary-xinyuan')).body.ok).toBe(false);
    } finally {
      restore();
    }
    // The row moved in its one update: the months after the day count the member in the new branch.
    expect((await stretchesOf(memberId)).map((s: any) => [s.branchId, s.to, s.transferId])).toEqual([['branch-joint', effectiveOn, null], ['br-xinyuan', null, asked.id]]);
    expect(await membersOf('br-xinyuan', nextMonth().format('YYYY-MM'))).toContain(memberId);
    expect(await membersOf('branch-joint', nextMonth().format('YYYY-MM'))).not.toContain(memberId);
    expect((await record(asked.id)).state).toBe('pending');

    // Within the quiet period the call may still be alive: nothing is settled yet.
    expect(await codeOf(call('decideTransfer', { id: asked.id, confirm: true }, 'seed-secretary-xinyuan'))).toBe('CONFLICT');
    expect((await record(asked.id)).state).toBe('pending');
    // Later, the next look settles it from the row: confirmed, because a stretch was opened by it.
    const back = afterQuiet();
    try {
      expect(await codeOf(call('decideTransfer', { id: asked.id, confirm: false }, 'seed-secretary-xinyuan'))).toBe('CONFLICT');
    } finally {
      back();
    }
    expect((await record(asked.id)).state).toBe('confirmed');
    expect((await col('partyMembers').doc(memberId).get()).data[0]).toMatchObject({ branchId: 'br-xinyuan', pendingTransferId: null });
  });

  test('a_request_that_died_before_claiming_the_row_leaves_the_member_free_and_its_record_is_voided_later', async () => {
    const memberId = await makeMember({ branchId: 'branch-joint' });
    const effectiveOn = ymd(nextMonth());
    const restore = refuse('update', 'partyMembers');
    try {
      expect((await call('requestTransfer', { memberId, toBranchId: 'br-xinyuan', effectiveOn }, 'demo-secretary')).body.ok).toBe(false);
    } finally {
      restore();
    }
    const [orphan] = (await col('partyTransfers').where({ memberId }).get()).data;
    expect(orphan).toMatchObject({ state: 'pending', kind: 'between' });
    // The row was never claimed: nothing blocks the member, and a new request goes through.
    expect((await col('partyMembers').doc(memberId).get()).data[0].pendingTransferId).toBeNull();
    const second = await ok(call('requestTransfer', { memberId, toBranchId: 'br-xinyuan', effectiveOn }, 'demo-secretary'));
    expect(second.id).not.toBe(orphan._id);
    // Confirming the orphan never moves the member; once quiet it is voided.
    const back = afterQuiet();
    try {
      expect(await codeOf(call('decideTransfer', { id: orphan._id, confirm: true }, 'seed-secretary-xinyuan'))).toBe('CONFLICT');
    } finally {
      back();
    }
    expect((await record(orphan._id)).state).toBe('cancelled');
    expect((await col('partyMembers').doc(memberId).get()).data[0]).toMatchObject({ branchId: 'branch-joint', pendingTransferId: second.id });
    // The real request is decided as usual.
    expect((await ok(call('decideTransfer', { id: second.id, confirm: true }, 'seed-secretary-xinyuan'))).state).toBe('confirmed');
  });

  test('a_transfer_out_that_died_before_its_record_is_completed_by_resending_the_same_letter_once', async () => {
    const memberId = await makeMember({ branchId: 'branch-joint' });
    const effectiveOn = ymd(nextMonth());
    const letter = { outsideOrg: '中断测试党委', letterNo: `断〔${dayjs(parkDay()).year()}〕${freshOpenid('l').slice(-8)}号`, letterDate: parkDay() };
    const restore = refuse('insert', 'partyTransfers');
    try {
      expect((await call('transferOut', { memberId, ...letter, effectiveOn }, 'demo-secretary')).body.ok).toBe(false);
    } finally {
      restore();
    }
    expect((await col('partyMembers').doc(memberId).get()).data[0]).toMatchObject({ state: 'transferredOut', branchId: null });
    expect(await membersOf('branch-joint', nextMonth().format('YYYY-MM'))).not.toContain(memberId);
    expect((await col('partyTransfers').where({ memberId }).count()).total).toBe(0);
    // The secretary sends the same form again: the record is written, once, and the answer is as for any later call.
    expect(await codeOf(call('transferOut', { memberId, ...letter, effectiveOn }, 'demo-secretary'))).toBe('NOT_FOUND');
    expect(await codeOf(call('transferOut', { memberId, ...letter, effectiveOn }, 'demo-admin'))).toBe('CONFLICT');
    const records = (await col('partyTransfers').where({ memberId }).get()).data;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'out', fromBranchId: 'branch-joint', state: 'confirmed', letterNo: letter.letterNo, effectiveOn });
  });

  test('a_transfer_in_that_died_before_its_record_is_completed_by_resending_the_same_letter', async () => {
    const letter = { outsideOrg: '中断测试转入党委', letterNo: `入〔${dayjs(parkDay()).year()}〕${freshOpenid('l').slice(-8)}号`, letterDate: parkDay() };
    const params = { name: '中断转入', standing: '正式', joinedOn: ymd(dayjs(parkDay()).subtract(5, 'year')), confirmedOn: ymd(dayjs(parkDay()).subtract(4, 'year')), branchId: 'branch-joint', ...letter, effectiveOn: parkDay() };
    const restore = refuse('insert', 'partyTransfers');
    try {
      expect((await call('transferIn', params, 'demo-secretary')).body.ok).toBe(false);
    } finally {
      restore();
    }
    const [row] = (await col('partyMembers').where({ name: '中断转入', branchId: 'branch-joint' }).get()).data;
    expect(row.stretches).toHaveLength(1);
    expect(await codeOf(call('transferIn', params, 'demo-secretary'))).toBe('CONFLICT');
    const records = (await col('partyTransfers').where({ memberId: row._id }).get()).data;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'in', state: 'confirmed', letterNo: letter.letterNo, toBranchId: 'branch-joint' });
    expect(row.stretches[0].transferId).toBe(records[0]._id);
  });
});
