import * as fs from 'fs';
import * as path from 'path';
import { DatabaseEmulator } from './emulator';

/**
 * Replays requests recorded from the real SDK (fixtures/sdk-wire-requests.json) straight into handle():
 * each one must get a well-formed reply, never an internal failure.
 */
describe('recorded SDK requests', () => {
  const { requests } = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/sdk-wire-requests.json'), 'utf8')) as {
    requests: Record<string, unknown>[];
  };

  test('every recorded request shape is understood', async () => {
    const emu = DatabaseEmulator.open({ file: ':memory:', collections: [{ collectionName: 'slots' }, { collectionName: 'bookings' }] });
    let txId: string | undefined;
    const replies: Record<string, unknown>[] = [];
    for (const req of requests) {
      const body = { ...req };
      if (body.transactionId === 'tx1') body.transactionId = txId;
      const reply = (await emu.handle(body)) as Record<string, unknown>;
      if (req.action === 'database.startTransaction') txId = reply.transactionId as string;
      replies.push(reply);
      expect(reply.code).not.toBe('DATABASE_REQUEST_FAILED');
      expect(typeof reply.requestId).toBe('string');
    }
    // The recorded WHERE query inside a transaction is refused, which aborts that transaction.
    const whereInTx = requests.findIndex((r) => r.transactionId && r.queryType === 'WHERE');
    expect(replies[whereInTx].code).toBe('DATABASE_TRANSACTION_FAIL');
    const insert = replies[requests.findIndex((r) => r.action === 'database.insertDocument')] as { data: { insertedIds: string[] } };
    expect(insert.data.insertedIds).toHaveLength(1);
    emu.close();
  });

  test('the inserted $tcb_server_date and $date values are stored as dates', async () => {
    const emu = DatabaseEmulator.open({ file: ':memory:', collections: [{ collectionName: 'slots' }] });
    const insert = requests.find((r) => r.action === 'database.insertDocument')!;
    const before = Date.now();
    const { data } = (await emu.handle(insert)) as { data: { insertedIds: string[] } };
    const got = (await emu.handle({
      action: 'database.getDocument',
      collectionName: 'slots',
      queryType: 'DOC',
      query: JSON.stringify({ _id: data.insertedIds[0] }),
    })) as { data: { list: string[] } };
    const doc = JSON.parse(got.data.list[0]);
    expect(doc.a).toBe(1);
    expect(doc.when).toEqual({ $date: { $numberLong: '1700000000000' } });
    expect(Number(doc.created.$date.$numberLong)).toBeGreaterThanOrEqual(before);
    emu.close();
  });
});
