import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });

describe('aggregate() through the real SDK', () => {
  beforeAll(async () => {
    await h.db.collection('bookings').add([
      { _id: 'a1', slot: 's1', user: 'u1', seats: 2, tags: ['vip', 'early'], day: 'mon' },
      { _id: 'a2', slot: 's1', user: 'u2', seats: 1, tags: ['early'], day: 'mon' },
      { _id: 'a3', slot: 's2', user: 'u1', seats: 4, tags: [], day: 'tue' },
      { _id: 'a4', slot: 's3', user: 'u3', seats: 15, tags: ['vip'], day: 'wed' },
    ]);
    await h.db.collection('slots').add([
      { _id: 's1', title: 'Morning', cap: 10 },
      { _id: 's2', title: 'Noon', cap: 5 },
    ]);
  });

  const agg = () => h.db.collection('bookings').aggregate();

  test('end() resolves to { data: [...] }: $match + $group + $sort', async () => {
    const res = await agg()
      .match({ seats: h._.gt(1) })
      .group({ _id: '$user', seats: h._.aggregate.sum('$seats'), n: h._.aggregate.sum(1) })
      .sort({ seats: -1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'u3', seats: 15, n: 1 },
      { _id: 'u1', seats: 6, n: 2 },
    ]);
    expect(typeof res.requestId).toBe('string');
  });

  test('$skip, $limit, $project, $addFields', async () => {
    const res = await agg()
      .sort({ seats: 1 })
      .skip(1)
      .limit(2)
      .addFields({ double: h._.aggregate.multiply(['$seats', 2]) })
      .project({ _id: 0, user: 1, double: 1 })
      .end();
    expect(res.data).toEqual([
      { user: 'u1', double: 4 },
      { user: 'u1', double: 8 },
    ]);
  });

  test('$count', async () => {
    expect((await agg().match({ day: 'mon' }).count('n').end()).data).toEqual([{ n: 2 }]);
  });

  test('$unwind and $sortByCount', async () => {
    const res = await agg().unwind('$tags').sortByCount('$tags').end();
    expect(res.data).toHaveLength(2);
    expect(res.data).toEqual(expect.arrayContaining([{ _id: 'early', count: 2 }, { _id: 'vip', count: 2 }]));
  });

  test('$lookup joins another declared collection', async () => {
    const res = await agg()
      .match({ user: 'u1' })
      .lookup({ from: 'slots', localField: 'slot', foreignField: '_id', as: 'slotDoc' })
      .project({ _id: 1, 'slotDoc.title': 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'a1', slotDoc: [{ title: 'Morning' }] },
      { _id: 'a3', slotDoc: [{ title: 'Noon' }] },
    ]);
  });

  test('$lookup from an undeclared collection is DATABASE_COLLECTION_NOT_EXIST', async () => {
    const e = await errorOf(agg().lookup({ from: 'nowhere', localField: 'slot', foreignField: '_id', as: 'x' }).end());
    expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });

  test('$bucket', async () => {
    const res = await agg()
      .bucket({ groupBy: '$seats', boundaries: [0, 3, 10], default: 'big', output: { n: h._.aggregate.sum(1) } })
      .end();
    expect(res.data).toEqual([
      { _id: 0, n: 2 },
      { _id: 3, n: 1 },
      { _id: 'big', n: 1 },
    ]);
  });

  test('dates survive a pipeline as JS Dates', async () => {
    await h.db.collection('things').add({ _id: 'dt', at: new Date('2024-02-03T04:05:06.000Z') });
    const res = await h.db.collection('things').aggregate().match({ _id: 'dt' }).project({ at: 1 }).end();
    expect(res.data[0].at).toBeInstanceOf(Date);
    expect(res.data[0].at.toISOString()).toBe('2024-02-03T04:05:06.000Z');
  });

  test('an unknown stage is INVALID_PARAM', async () => {
    // The SDK only sends raw pipelines with options({ raw: true }); talk to the emulator directly.
    const reply = await h.t.emulator.handle({
      action: 'database.aggregateDocuments',
      collectionName: 'things',
      stages: [{ stageKey: '$nonsense', stageValue: '{}' }],
    });
    expect(reply).toEqual(expect.objectContaining({ code: 'INVALID_PARAM' }));
  });
});
