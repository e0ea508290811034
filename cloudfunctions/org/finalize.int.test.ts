/**
 * finalizeRating against a concurrent scoreItem (finding G-06): the stored rating must agree with
 * its own log. The interleaving is injected in the emulator, deterministically: right after a
 * chosen database request of finalizeRating answers, the assessor's scoreItem runs to completion,
 * then finalizeRating goes on (as cloudfunctions/appointment/repair.int.test.ts wraps the handle).
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { previousQuarter, quarterOf } from './scoring';

let gw: TestGateway;
/** After the first request this matches has been answered, `then` runs (once) before the reply goes back. */
let after: { match: (body: any) => boolean; then: () => Promise<unknown> } | null = null;

beforeAll(async () => {
  gw = await startTestGateway();
  const handle = gw.emulator.handle.bind(gw.emulator);
  gw.emulator.handle = async (body: any) => {
    const reply = await handle(body);
    const hook = after;
    if (hook?.match(body)) {
      after = null;
      await hook.then();
    }
    return reply;
  };
});
afterAll(async () => {
  await gw.close();
});
afterEach(() => {
  after = null;
});

const admin = (action: string, params: unknown = {}) => gw.call('org', action, params, 'demo-admin');
const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};

/** A fresh branch with last quarter's hand-scored items all scored, ready to finalise. */
async function readyBranch(tag: string): Promise<{ branchId: string; quarter: string }> {
  const founded = dayjs().tz(PARK_TZ).subtract(5, 'year').format('YYYY-MM-DD');
  const ent = async (x: string) =>
    ok(await admin('createEnterprise', { name: `定级竞态${tag}${x}有限公司`, industry: '人工智能', foundedAt: founded, headcount: 10, partyMembers: { full: 1, probationary: 0, registeredInPark: 1 } })).id;
  const branchId = ok(await admin('upsertBranch', { name: `定级竞态${tag}联合党支部`, form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] })).id;
  const quarter = previousQuarter(quarterOf());
  const open = ok(await admin('branchRating', { branchId, quarter })).sheet;
  for (const i of open.items.filter((x: any) => x.points === null)) {
    ok(await admin('scoreItem', { quarter, branchId, itemKey: i.key, points: 1, note: '季度评议' }));
  }
  return { branchId, quarter };
}

/** The stored rating agrees with its log: each hand-scored item carries the last score logged for it, and the total its items. */
async function expectAgreesWithLog(quarter: string, branchId: string) {
  const [stored] = (await col('ratings').doc(`${quarter}_${branchId}`).get()).data;
  expect(stored.status).toBe('final');
  for (const i of stored.items.filter((x) => !x.auto)) {
    const last = stored.log.filter((l) => l.itemKey === i.key).pop();
    expect([i.key, i.points]).toEqual([i.key, last?.points]);
  }
  const sum = Math.round(stored.items.reduce((s, i) => s + (i.points ?? 0), 0) * 10) / 10;
  expect(stored.total).toBe(sum);
  expect(stored.log[stored.log.length - 1]).toMatchObject({ itemKey: '*', points: stored.total });
  return stored;
}

const isRatingsRead = (inTransaction: boolean) => (body: any) =>
  body?.action === 'database.getDocument' && body?.collectionName === 'ratings' && !!body?.transactionId === inTransaction;

describe('finalising while the assessor scores (G-06)', () => {
  test('a_score_committed_while_finalize_gathers_evidence_is_in_the_stored_items_as_in_its_log', async () => {
    const { branchId, quarter } = await readyBranch('甲');
    let scored: any = null;
    after = { match: isRatingsRead(false), then: async () => (scored = await admin('scoreItem', { quarter, branchId, itemKey: 'feature', points: 9, note: '定级前复核上调' })) };
    const fin = ok(await admin('finalizeRating', { quarter, branchId }));
    expect(scored?.body.ok).toBe(true);
    const stored = await expectAgreesWithLog(quarter, branchId);
    expect(stored.items.find((i) => i.key === 'feature')!.points).toBe(9);
    expect(fin.total).toBe(stored.total);
  });

  test('a_score_committed_inside_finalizes_transaction_makes_it_retry_and_the_stored_items_still_match_the_log', async () => {
    const { branchId, quarter } = await readyBranch('乙');
    let scored: any = null;
    after = { match: isRatingsRead(true), then: async () => (scored = await admin('scoreItem', { quarter, branchId, itemKey: 'feature', points: 7, note: '定级中复核' })) };
    const fin = ok(await admin('finalizeRating', { quarter, branchId }));
    expect(scored?.body.ok).toBe(true);
    const stored = await expectAgreesWithLog(quarter, branchId);
    expect(stored.items.find((i) => i.key === 'feature')!.points).toBe(7);
    expect(fin.total).toBe(stored.total);
  });
});

