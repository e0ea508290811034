import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });
const things = () => h.db.collection('things');
const read = async (id: string) => (await things().doc(id).get()).data[0];

describe('add', () => {
  test('add(obj) resolves to { id } with a generated 32-hex id', async () => {
    const res = await things().add({ a: 1 });
    expect(Object.keys(res).sort()).toEqual(['id', 'requestId']);
    expect(res.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await read(res.id!)).toEqual({ _id: res.id, a: 1 });
  });

  test('add([..]) resolves to { ids }, in order, honouring caller-provided _id', async () => {
    const res = await things().add([{ _id: 'mine', a: 1 }, { a: 2 }]);
    const ids = res.ids!;
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('mine');
    expect((await read(ids[1])).a).toBe(2);
  });

  test('adding an existing _id throws DATABASE_DUPLICATE_WRITE; the batch is ordered: what came before it is written, what came after is not', async () => {
    await things().add({ _id: 'taken', v: 1 });
    const e = await errorOf(things().add([{ _id: 'fresh-1', v: 2 }, { _id: 'taken', v: 3 }, { _id: 'fresh-2', v: 4 }]));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await read('taken')).toEqual({ _id: 'taken', v: 1 });
    expect(await read('fresh-1')).toEqual({ _id: 'fresh-1', v: 2 });
    expect(await read('fresh-2')).toBeUndefined();
  });

  test('field names starting with $ or containing a dot are refused (INVALID_PARAM)', async () => {
    expect((await errorOf(things().add({ 'a.b': 1 }))).code).toBe('INVALID_PARAM');
    expect((await errorOf(things().add({ nested: { $x: 1 } }))).code).toBe('INVALID_PARAM');
  });
});

describe('doc(id).set / update / remove', () => {
  test('an update keeps the other Date fields of the document as Dates (plain and in a transaction)', async () => {
    const when = new Date('2026-12-01T06:00:00Z');
    await things().add({ _id: 'dated', when, n: 0 });
    await things().doc('dated').update({ n: 1 });
    await h.db.runTransaction(async (t: any) => {
      await t.collection('things').doc('dated').update({ n: 2 });
    });
    const doc = await read('dated');
    expect(doc.n).toBe(2);
    expect(doc.when).toBeInstanceOf(Date);
    expect(doc.when.getTime()).toBe(when.getTime());
    expect((await things().where({ when }).get()).data).toHaveLength(1);
  });

  test('set() replaces the whole document but keeps _id: { updated: 1, upsertedId: null }', async () => {
    await things().add({ _id: 's1', a: 1, b: { c: 2 } });
    const res = await things().doc('s1').set({ z: 9 });
    expect(res).toEqual({ updated: 1, upsertedId: null, requestId: expect.any(String) });
    expect(await read('s1')).toEqual({ _id: 's1', z: 9 });
  });

  test('set() on a missing document creates it: { updated: 0, upsertedId: id }', async () => {
    const res = await things().doc('s2').set({ a: 1 });
    expect(res.updated).toBe(0);
    expect(res.upsertedId).toBe('s2');
    expect(await read('s2')).toEqual({ _id: 's2', a: 1 });
  });

  test('update() with a nested object merges into the stored object (dotted $set)', async () => {
    await things().add({ _id: 'u1', o: { keep: 1, x: 1 }, top: 1 });
    const res = await things().doc('u1').update({ o: { x: 2, y: 3 } });
    expect(res).toEqual({ updated: 1, requestId: expect.any(String) });
    expect(await read('u1')).toEqual({ _id: 'u1', o: { keep: 1, x: 2, y: 3 }, top: 1 });
  });

  test('_.set(obj) replaces a nested object instead of merging', async () => {
    await things().add({ _id: 'u2', o: { keep: 1 } });
    await things().doc('u2').update({ o: h._.set({ only: 1 }) });
    expect(await read('u2')).toEqual({ _id: 'u2', o: { only: 1 } });
  });

  test('update() of a missing document: { updated: 0 } and nothing is created', async () => {
    expect((await things().doc('ghost').update({ a: 1 })).updated).toBe(0);
    expect(await read('ghost')).toBeUndefined();
  });

  test('update() that changes nothing reports updated: 0 (MongoDB nModified)', async () => {
    await things().add({ _id: 'same', a: 1 });
    expect((await things().doc('same').update({ a: 1 })).updated).toBe(0);
  });

  test('remove(): { deleted: 1 }, then { deleted: 0 }', async () => {
    await things().add({ _id: 'r1' });
    expect((await things().doc('r1').remove()).deleted).toBe(1);
    expect((await things().doc('r1').remove()).deleted).toBe(0);
  });
});

describe('where().update / remove', () => {
  beforeAll(async () => {
    await h.db.collection('bookings').add([
      { _id: 'b1', day: 'mon', n: 1 },
      { _id: 'b2', day: 'mon', n: 2 },
      { _id: 'b3', day: 'tue', n: 3 },
    ]);
  });

  test('where().update() updates every match: { updated: n }', async () => {
    const res = await h.db.collection('bookings').where({ day: 'mon' }).update({ seen: true });
    expect(res.updated).toBe(2);
    expect((await h.db.collection('bookings').where({ seen: true }).count()).total).toBe(2);
  });

  test('conditional update only touches documents that still match', async () => {
    const { _ } = h;
    const res = await h.db.collection('bookings').where({ _id: 'b3', n: _.lt(3) }).update({ n: _.inc(1) });
    expect(res.updated).toBe(0);
    const ok = await h.db.collection('bookings').where({ _id: 'b3', n: _.lt(4) }).update({ n: _.inc(1) });
    expect(ok.updated).toBe(1);
  });

  test('an update or remove without any condition is refused (INVALID_PARAM); _.exists(true) targets everything', async () => {
    expect((await errorOf(h.db.collection('bookings').remove())).code).toBe('INVALID_PARAM');
    expect((await errorOf(h.db.collection('bookings').where({}).update({ x: 1 }))).code).toBe('INVALID_PARAM');
    expect((await h.db.collection('bookings').count()).total).toBe(3);
    const all = await h.db.collection('bookings').where({ _id: h._.exists(true) }).update({ x: 1 });
    expect(all.updated).toBe(3);
  });

  test('where().remove() removes every match: { deleted: n }', async () => {
    const res = await h.db.collection('bookings').where({ day: 'mon' }).remove();
    expect(res.deleted).toBe(2);
    expect((await h.db.collection('bookings').count()).total).toBe(1);
  });
});

describe('update operators', () => {
  const fresh = async (doc: Record<string, unknown>) => {
    const id = `op-${Math.random().toString(36).slice(2)}`;
    await things().add({ _id: id, ...doc });
    return id;
  };
  const apply = async (doc: Record<string, unknown>, update: Record<string, unknown>) => {
    const id = await fresh(doc);
    await things().doc(id).update(update);
    const { _id, ...rest } = await read(id);
    return rest;
  };

  test('_.inc and _.mul', async () => {
    const { _ } = h;
    expect(await apply({ n: 1, m: 3 }, { n: _.inc(2), m: _.mul(4), fresh: _.inc(5) })).toEqual({ n: 3, m: 12, fresh: 5 });
    expect(await apply({ n: 1 }, { n: _.inc(-1.5) })).toEqual({ n: -0.5 });
  });

  test('_.remove() unsets a field, also nested', async () => {
    const { _ } = h;
    expect(await apply({ a: 1, o: { x: 1, y: 2 } }, { a: _.remove(), 'o.x': _.remove() })).toEqual({ o: { y: 2 } });
  });

  test('_.push: values, and each/position/slice/sort modifiers', async () => {
    const { _ } = h;
    expect(await apply({ arr: [1] }, { arr: _.push(2, 3) })).toEqual({ arr: [1, 2, 3] });
    expect(await apply({ arr: [1] }, { arr: _.push([2, 3]) })).toEqual({ arr: [1, 2, 3] });
    expect(await apply({ arr: [1, 2] }, { arr: _.push({ each: [9], position: 0 }) })).toEqual({ arr: [9, 1, 2] });
    expect(await apply({ arr: [1, 2, 3] }, { arr: _.push({ each: [4], slice: -2 }) })).toEqual({ arr: [3, 4] });
    expect(await apply({ arr: [3, 1] }, { arr: _.push({ each: [2], sort: 1 }) })).toEqual({ arr: [1, 2, 3] });
    expect(await apply({}, { arr: _.push('x') })).toEqual({ arr: ['x'] });
  });

  test('_.pull, _.pullAll, _.addToSet', async () => {
    const { _ } = h;
    expect(await apply({ arr: [1, 2, 3, 2] }, { arr: _.pull(2) })).toEqual({ arr: [1, 3] });
    expect(await apply({ arr: [1, 5, 9] }, { arr: _.pull(_.gt(4)) })).toEqual({ arr: [1] });
    expect(await apply({ arr: [{ k: 1 }, { k: 2 }] }, { arr: _.pull({ k: 1 }) })).toEqual({ arr: [{ k: 2 }] });
    expect(await apply({ arr: [1, 2, 3] }, { arr: _.pullAll([1, 3]) })).toEqual({ arr: [2] });
    expect(await apply({ arr: [1, 2] }, { arr: _.addToSet(2) })).toEqual({ arr: [1, 2] });
    expect(await apply({ arr: [1, 2] }, { arr: _.addToSet(3) })).toEqual({ arr: [1, 2, 3] });
    expect(await apply({ arr: [1] }, { arr: _.addToSet({ $each: [1, 4, 5] }) })).toEqual({ arr: [1, 4, 5] });
  });

  test('_.pop, _.shift, _.unshift', async () => {
    const { _ } = h;
    expect(await apply({ arr: [1, 2, 3] }, { arr: _.pop() })).toEqual({ arr: [1, 2] });
    expect(await apply({ arr: [1, 2, 3] }, { arr: _.shift() })).toEqual({ arr: [2, 3] });
    expect(await apply({ arr: [3] }, { arr: _.unshift(1, 2) })).toEqual({ arr: [1, 2, 3] });
  });

  test('_.min, _.max (numbers and dates), _.rename', async () => {
    const { _ } = h;
    expect(await apply({ lo: 5, hi: 5 }, { lo: _.min(3), hi: _.max(3) })).toEqual({ lo: 3, hi: 5 });
    const later = new Date('2030-01-01');
    const out = await apply({ at: new Date('2020-01-01') }, { at: _.max(later) });
    expect((out.at as Date).getTime()).toBe(later.getTime());
    expect(await apply({ old: 1, keep: 2 }, { old: _.rename('renamed') })).toEqual({ keep: 2, renamed: 1 });
  });

  test('_.inc on a non-number and _.push on a non-array are refused and change nothing', async () => {
    const { _ } = h;
    const id = await fresh({ s: 'text', notArr: 1 });
    expect((await errorOf(things().doc(id).update({ s: _.inc(1) }))).code).toBe('INVALID_PARAM');
    expect((await errorOf(things().doc(id).update({ notArr: _.push(1) }))).code).toBe('INVALID_PARAM');
    expect(await read(id)).toEqual({ _id: id, s: 'text', notArr: 1 });
  });
});
