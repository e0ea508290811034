import * as http from 'http';
import { DatabaseEmulator } from './emulator';
import { TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });

function post(url: string, body: string, method = 'POST'): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('stats', () => {
  test('counts requests, successful reads and successful writes, by action; reset() zeroes them', async () => {
    const { db, t } = h;
    t.emulator.stats.reset();
    await db.collection('things').add({ _id: 'st1' });
    await db.collection('things').doc('st1').update({ a: 1 });
    await db.collection('things').doc('st1').get();
    await db.collection('things').count();
    await db.collection('things').add({ _id: 'st1' }).catch(() => undefined); // failed write
    expect(t.emulator.stats).toEqual(
      expect.objectContaining({
        requests: 5,
        reads: 2,
        writes: 2,
        byAction: {
          'database.insertDocument': 2,
          'database.modifyDocument': 1,
          'database.getDocument': 1,
          'database.calculateDocument': 1,
        },
      }),
    );
    t.emulator.stats.reset();
    expect(t.emulator.stats).toEqual(expect.objectContaining({ requests: 0, reads: 0, writes: 0, byAction: {} }));
  });
});

describe('HTTP and error replies', () => {
  test('a malformed body is answered with status 200 and INVALID_PARAM', async () => {
    const res = await post(h.t.url, '{not json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual(expect.objectContaining({ code: 'INVALID_PARAM' }));
  });

  test('an unknown action is INVALID_PARAM', async () => {
    const res = await post(h.t.url, JSON.stringify({ action: 'database.dropEverything' }));
    expect(res.json.code).toBe('INVALID_PARAM');
  });

  test('GET is refused', async () => {
    const res = await post(h.t.url, '', 'GET');
    expect(res.status).toBe(405);
  });

  test('storage failures never leak SQLite messages: DATABASE_REQUEST_FAILED with a generic message', async () => {
    const emu = DatabaseEmulator.open({ file: ':memory:', collections: TEST_COLLECTIONS });
    // Sabotage the storage layer from the inside to provoke a genuine SQLite error.
    (emu as unknown as { store: { db: { exec(sql: string): void } } }).store.db.exec('DROP TABLE docs');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = (await emu.handle({ action: 'database.insertDocument', collectionName: 'things', data: ['{"a":1}'] })) as Record<string, string>;
    spy.mockRestore();
    expect(reply.code).toBe('DATABASE_REQUEST_FAILED');
    expect(reply.message).toBe('database request failed');
    expect(JSON.stringify(reply)).not.toMatch(/sqlite|no such table|docs/i);
    emu.close();
  });

  test('queries cannot run JavaScript ($where)', async () => {
    const reply = (await h.t.emulator.handle({
      action: 'database.getDocument',
      collectionName: 'things',
      queryType: 'WHERE',
      query: JSON.stringify({ $where: 'this.a == 1' }),
    })) as Record<string, string>;
    expect(reply.code).toBe('INVALID_PARAM');
  });

  test('autoCreate: true lets any collection exist', async () => {
    const emu = DatabaseEmulator.open({ file: ':memory:', collections: [], autoCreate: true });
    const add = (await emu.handle({ action: 'database.insertDocument', collectionName: 'anything', data: ['{"_id":"x"}'] })) as any;
    expect(add.data.insertedIds).toEqual(['x']);
    const get = (await emu.handle({ action: 'database.getDocument', collectionName: 'other', queryType: 'WHERE', query: '{}' })) as any;
    expect(get.data.list).toEqual([]);
    emu.close();
  });
});
