import { TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });

describe('atomic conditional updates', () => {
  test('200 concurrent where({ _id, taken: _.lt(cap) }).update({ taken: _.inc(1) }) never exceed the cap', async () => {
    const cap = 50;
    const { db, _ } = h;
    await db.collection('slots').add({ _id: 'hot', cap, taken: 0 });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        db.collection('slots').where({ _id: 'hot', taken: _.lt(cap) }).update({ taken: _.inc(1) }),
      ),
    );
    const elapsed = Date.now() - started;
    const won = results.filter((r) => r.updated === 1).length;
    expect(won).toBe(cap);
    expect(results.filter((r) => r.updated === 0)).toHaveLength(200 - cap);
    expect((await db.collection('slots').doc('hot').get()).data[0].taken).toBe(cap);
    console.log(`200-way conditional increment through the SDK: ${elapsed} ms`);
  });

  test('200 concurrent add() calls all land with distinct ids', async () => {
    const { db } = h;
    const res = await Promise.all(Array.from({ length: 200 }, (_, i) => db.collection('things').add({ i })));
    expect(new Set(res.map((r) => r.id)).size).toBe(200);
    expect((await db.collection('things').count()).total).toBe(200);
  });
});
