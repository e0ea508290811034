import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });

describe('reads through the real SDK', () => {
  beforeAll(async () => {
    await h.db.collection('things').add([
      { _id: 't1', name: 'alpha', n: 1, tags: ['a', 'b'], o: { x: 1, y: 'p' }, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }], grp: 'g1' },
      { _id: 't2', name: 'Beta', n: 2, tags: ['b'], o: { x: 2, y: 'q' }, items: [{ k: 'a', v: 9 }], grp: 'g1' },
      { _id: 't3', name: 'gamma', n: 3, tags: [], o: { x: 3 }, grp: 'g2', opt: null },
      { _id: 't4', name: 'delta', n: 4, tags: ['a', 'b', 'c'], grp: 'g2', opt: 'set' },
    ]);
  });

  const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id);

  test('get() resolves to { data: [...] } with plain documents', async () => {
    const res = await h.db.collection('things').where({ _id: 't1' }).get();
    expect(res.data).toEqual([
      { _id: 't1', name: 'alpha', n: 1, tags: ['a', 'b'], o: { x: 1, y: 'p' }, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }], grp: 'g1' },
    ]);
    expect(typeof res.requestId).toBe('string');
  });

  test('doc(id).get() resolves to { data: [doc] }, and { data: [] } when the document is missing', async () => {
    expect((await h.db.collection('things').doc('t2').get()).data).toEqual([expect.objectContaining({ _id: 't2', name: 'Beta' })]);
    expect((await h.db.collection('things').doc('nope').get()).data).toEqual([]);
  });

  test('count() resolves to { total }', async () => {
    const res = await h.db.collection('things').where({ grp: 'g1' }).count();
    expect(res.total).toBe(2);
    expect((await h.db.collection('things').count()).total).toBe(4);
  });

  test('equality, nested dot paths and nested objects (flattened to dot paths by the SDK)', async () => {
    expect(ids(await h.db.collection('things').where({ 'o.y': 'q' }).get())).toEqual(['t2']);
    expect(ids(await h.db.collection('things').where({ o: { x: 1 } }).get())).toEqual(['t1']);
    expect(ids(await h.db.collection('things').where({ tags: 'c' }).get())).toEqual(['t4']); // array contains
  });

  test('comparison commands: eq neq gt gte lt lte in nin', async () => {
    const { _ } = h;
    const q = (w: object) => h.db.collection('things').where(w).get().then(ids);
    expect(await q({ n: _.eq(2) })).toEqual(['t2']);
    expect(await q({ n: _.neq(2) })).toEqual(['t1', 't3', 't4']);
    expect(await q({ n: _.gt(2) })).toEqual(['t3', 't4']);
    expect(await q({ n: _.gte(2) })).toEqual(['t2', 't3', 't4']);
    expect(await q({ n: _.lt(2) })).toEqual(['t1']);
    expect(await q({ n: _.lte(2) })).toEqual(['t1', 't2']);
    expect(await q({ name: _.in(['alpha', 'gamma']) })).toEqual(['t1', 't3']);
    expect(await q({ name: _.nin(['alpha', 'gamma']) })).toEqual(['t2', 't4']);
  });

  test('exists, and null matching a missing field', async () => {
    const { _ } = h;
    const q = (w: object) => h.db.collection('things').where(w).get().then(ids);
    expect(await q({ opt: _.exists(true) })).toEqual(['t3', 't4']);
    expect(await q({ opt: _.exists(false) })).toEqual(['t1', 't2']);
    expect(await q({ opt: null })).toEqual(['t1', 't2', 't3']);
  });

  test('logic commands: and, or (top level and on a field), nor, not', async () => {
    const { _ } = h;
    const q = (w: object) => h.db.collection('things').where(w).get().then(ids);
    expect(await q({ n: _.gt(1).and(_.lt(4)) })).toEqual(['t2', 't3']);
    expect(await q({ n: _.lt(2).or(_.gt(3)) })).toEqual(['t1', 't4']);
    expect(await h.db.collection('things').where(_.or([{ name: 'alpha' }, { n: 4 }])).get().then(ids)).toEqual(['t1', 't4']);
    expect(await h.db.collection('things').where(_.and([{ grp: 'g2' }, { n: _.gt(3) }])).get().then(ids)).toEqual(['t4']);
    expect(await h.db.collection('things').where(_.nor([{ grp: 'g1' }, { n: 4 }])).get().then(ids)).toEqual(['t3']);
    expect(await q({ n: _.not(_.gt(2)) })).toEqual(['t1', 't2']);
  });

  test('array commands: elemMatch, size, all', async () => {
    const { _ } = h;
    const q = (w: object) => h.db.collection('things').where(w).get().then(ids);
    expect(await q({ items: _.elemMatch({ k: 'a', v: _.gt(5) }) })).toEqual(['t2']);
    expect(await q({ tags: _.size(2) })).toEqual(['t1']);
    expect(await q({ tags: _.size(0) })).toEqual(['t3']);
    expect(await q({ tags: _.all(['a', 'b']) })).toEqual(['t1', 't4']);
  });

  test('regular expressions: db.RegExp with options, and a JS RegExp literal', async () => {
    const q = (w: object) => h.db.collection('things').where(w).get().then(ids);
    expect(await q({ name: h.db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['t2']);
    expect(await q({ name: h.db.RegExp({ regexp: '^b' }) })).toEqual([]);
    expect(await q({ name: /ta$/ })).toEqual(['t2', 't4']);
  });

  test('orderBy on several fields, skip and limit', async () => {
    const res = await h.db.collection('things').orderBy('grp', 'desc').orderBy('n', 'asc').skip(1).limit(2).get();
    expect(ids(res)).toEqual(['t4', 't1']);
  });

  test('field() projection: include keeps _id, exclude removes only the named fields', async () => {
    const inc = await h.db.collection('things').where({ _id: 't1' }).field({ name: true, 'o.x': true }).get();
    expect(inc.data).toEqual([{ _id: 't1', name: 'alpha', o: { x: 1 } }]);
    const exc = await h.db.collection('things').where({ _id: 't2' }).field({ items: false, o: false, tags: false }).get();
    expect(exc.data).toEqual([{ _id: 't2', name: 'Beta', n: 2, grp: 'g1' }]);
    const doc = await h.db.collection('things').doc('t3').field({ name: true, _id: false }).get();
    expect(doc.data).toEqual([{ name: 'gamma' }]);
  });

  test('a collection that is not declared does not exist: DATABASE_COLLECTION_NOT_EXIST', async () => {
    const e = await errorOf(h.db.collection('undeclared').where({}).get());
    expect(e.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await errorOf(h.db.collection('undeclared').add({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await errorOf(h.db.collection('undeclared').count())).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  });
});

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_, i) => ({ _id: `s${String(i).padStart(4, '0')}`, i }));
    await h.db.collection('slots').add(docs);
  });

  test('get() without limit() returns 100 documents (the SDK sends limit 100)', async () => {
    expect((await h.db.collection('slots').get()).data).toHaveLength(100);
  });

  test('limit() above 1000 is cut to 1000', async () => {
    expect((await h.db.collection('slots').limit(5000).get()).data).toHaveLength(1000);
    expect((await h.db.collection('slots').skip(1000).limit(1000).get()).data).toHaveLength(100);
  });

  test('the server itself caps a request for more than 1000 documents at 1000', async () => {
    const reply = (await h.t.emulator.handle({ action: 'database.getDocument', collectionName: 'slots', queryType: 'WHERE', query: '{}', limit: 5000 })) as {
      data: { list: string[] };
    };
    expect(reply.data.list).toHaveLength(1000);
  });

  test('without orderBy documents come back in insertion order', async () => {
    const res = await h.db.collection('slots').limit(3).get();
    expect(res.data.map((d: { i: number }) => d.i)).toEqual([0, 1, 2]);
  });

  test('count() is not limited', async () => {
    expect((await h.db.collection('slots').count()).total).toBe(1100);
  });
});

describe('dates', () => {
  test('a stored Date comes back as a JS Date and can be queried by range', async () => {
    const when = new Date('2024-05-01T08:00:00.000Z');
    await h.db.collection('things').add({ _id: 'dated', when, name: 'dated' });
    const [doc] = (await h.db.collection('things').doc('dated').get()).data;
    expect(doc.when).toBeInstanceOf(Date);
    expect(doc.when.getTime()).toBe(when.getTime());
    const { _ } = h;
    const hit = await h.db.collection('things').where({ when: _.gte(new Date('2024-01-01')).and(_.lt(new Date('2025-01-01'))) }).get();
    expect(hit.data.map((d: { _id: string }) => d._id)).toEqual(['dated']);
  });

  test('db.serverDate() is the server clock at write time, with its offset', async () => {
    const before = Date.now();
    await h.db.collection('things').add({ _id: 'sd', at: h.db.serverDate(), later: h.db.serverDate({ offset: 60_000 }) });
    const after = Date.now();
    const [doc] = (await h.db.collection('things').doc('sd').get()).data;
    expect(doc.at).toBeInstanceOf(Date);
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(doc.at.getTime()).toBeLessThanOrEqual(after);
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000);
  });

  test('db.serverDate() works in a query and in an update', async () => {
    const { _ } = h;
    const past = await h.db.collection('things').where({ _id: 'sd', at: _.lte(h.db.serverDate()) }).count();
    expect(past.total).toBe(1);
    await h.db.collection('things').doc('sd').update({ touched: h.db.serverDate() });
    const [doc] = (await h.db.collection('things').doc('sd').get()).data;
    expect(doc.touched).toBeInstanceOf(Date);
  });
});
