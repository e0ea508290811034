/**
 * The one-off migration of issue 19 against the emulator: rows written the OLD way (no `stretches`
 * on the row, one `partyMemberships` document per stretch) come out carrying their stretches, oldest
 * first; a second run changes nothing; only an admin may run it. Dates relative to the clock.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { codeOf, ok } from '../../local/volunteer.testkit';
import { makeBranch } from '../../local/party.testkit';
import { col } from '../../server/core/db';
import { addDays, parkDay } from '../../server/core/time';
import { membersOf } from './months';
import { EMBED_BATCH } from './embedStretches';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const call = (params: unknown, openid: string) => gw.call('party', 'embedStretches', params, openid);
let n = 0;

/** A row as written before issue 19: no `stretches` field (and the old `openStretchId`). */
async function oldRow(branchId: string | null, openStretchId: string | null): Promise<string> {
  const id = `pm-old-${Date.now().toString(36)}${(n++).toString(36)}`;
  const at = new Date();
  const row = {
    _id: id, name: `旧党员${n}`, branchId, standing: '正式', joinedOn: addDays(parkDay(), -2000), confirmedOn: addDays(parkDay(), -1600),
    enterpriseId: null, relation: '已转入', relationHeldAt: null, phone: null, openid: null, bindKey: `row:${id}`,
    state: branchId ? 'active' : 'transferredOut', openStretchId, pendingTransferId: null, createdAt: at, updatedAt: at,
  };
  await col('partyMembers').add(row as never);
  return id;
}

async function oldStretch(memberId: string, branchId: string, from: string, to: string | null, transferId: string | null = null) {
  const _id = `ms-old-${memberId}-${from}`;
  await col('partyMemberships').add({ _id, memberId, branchId, from, to, transferId, createdAt: new Date() });
  return _id;
}

/** Runs the migration page by page to the end; the rows migrated in all. */
async function runAll(openid = 'demo-admin'): Promise<number> {
  let after: string | null = null;
  let migrated = 0;
  for (let page = 0; page < 50; page++) {
    const r: { migrated: number; next: string | null } = await ok(call(after ? { after } : {}, openid));
    migrated += r.migrated;
    if (!r.next) return migrated;
    after = r.next;
  }
  throw new Error('the migration did not finish');
}

test('rows_written_the_old_way_come_out_carrying_their_stretches_and_a_second_run_changes_nothing', async () => {
  const a = await makeBranch('迁移甲支部');
  const b = await makeBranch('迁移乙支部');
  const today = parkDay();
  const twoYears = addDays(today, -730);
  const moved = addDays(today, -200);
  const left = addDays(today, -100);

  // Transferred from a to b: stretch documents written newest first, so the order must come from `from`.
  const transferred = await oldRow(b.branchId, null);
  const openId = await oldStretch(transferred, b.branchId, moved, null, 'pt-old-1');
  await oldStretch(transferred, a.branchId, twoYears, moved);
  await col('partyMembers').doc(transferred).update({ openStretchId: openId } as never);
  // Still where they started.
  const stayed = await oldRow(a.branchId, null);
  await oldStretch(stayed, a.branchId, twoYears, null);
  // Left the park: the last stretch closed.
  const gone = await oldRow(null, null);
  await oldStretch(gone, a.branchId, twoYears, left, null);
  // Enough plain rows that the migration takes more than one page.
  const many: string[] = [];
  for (let i = 0; i < EMBED_BATCH; i++) {
    const id = await oldRow(b.branchId, null);
    await oldStretch(id, b.branchId, twoYears, null);
    many.push(id);
  }
  // A row the new code wrote: its stretches are its own and must not be replaced.
  const [seeded] = (await col('partyMembers').where({ branchId: 'branch-joint' }).limit(1).get()).data;

  expect(await codeOf(call({}, 'demo-secretary'))).toBe('FORBIDDEN');
  expect(await codeOf(call({ after: 1 }, 'demo-admin'))).toBe('VALIDATION');

  expect(await runAll()).toBeGreaterThanOrEqual(EMBED_BATCH + 3);
  const row = async (id: string) => (await col('partyMembers').doc(id).get()).data[0];
  expect((await row(transferred)).stretches).toEqual([
    { branchId: a.branchId, from: twoYears, to: moved, transferId: null },
    { branchId: b.branchId, from: moved, to: null, transferId: 'pt-old-1' },
  ]);
  expect((await row(stayed)).stretches).toEqual([{ branchId: a.branchId, from: twoYears, to: null, transferId: null }]);
  expect((await row(gone)).stretches).toEqual([{ branchId: a.branchId, from: twoYears, to: left, transferId: null }]);
  expect(await row(transferred)).not.toHaveProperty('openStretchId');
  for (const id of many) expect((await row(id)).stretches).toEqual([{ branchId: b.branchId, from: twoYears, to: null, transferId: null }]);
  expect((await row(seeded._id)).stretches).toEqual(seeded.stretches);
  // The readers now find them: a month that began while they were in a counts them there.
  const lastYear = addDays(today, -365).slice(0, 7);
  expect(await membersOf(a.branchId, lastYear)).toEqual(expect.arrayContaining([transferred, stayed, gone]));
  expect(await membersOf(b.branchId, lastYear)).not.toContain(transferred);
  expect((await col('audit').where({ action: 'embedStretches' }).count()).total).toBeGreaterThanOrEqual(2);

  // Re-running: nothing left to migrate, nothing rewritten, no further audit rows.
  const before = await Promise.all([transferred, stayed, gone].map(row));
  const audits = (await col('audit').where({ action: 'embedStretches' }).count()).total;
  expect(await runAll()).toBe(0);
  expect(await Promise.all([transferred, stayed, gone].map(row))).toEqual(before);
  expect((await col('audit').where({ action: 'embedStretches' }).count()).total).toBe(audits);
});
