/**
 * What CloudBase (MongoDB 4.0 underneath) refuses or cuts, and the first emulator forgave (issue 17,
 * findings/platform.md P-01, P-02, P-07, P-10, P-16, P-20). Each test drives the real SDK. The transaction
 * rules (snapshot, immediate conflict, waiting plain writes, lifetime, serverDate) are pinned in
 * transactions.contract.test.ts.
 */
import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });
const things = () => h.db.collection('things');
const read = async (id: string) => (await things().doc(id).get()).data[0];

describe('PathNotViable: a field cannot be created inside a null, a scalar or an array (P-01)', () => {
  test('update({a: {b: 1}}) on a stored a: null is refused (it is $set {"a.b": 1}) and changes nothing', async () => {
    await things().add({ _id: 'pnv-null', a: null, n: 0 });
    const e = await errorOf(things().doc('pnv-null').update({ a: { b: 1 }, n: 1 }));
    expect(e.code).toBe('INVALID_PARAM');
    expect(e.message).toMatch(/Cannot create field 'b' in element \{a: null\}/);
    expect(await read('pnv-null')).toEqual({ _id: 'pnv-null', a: null, n: 0 });
  });

  test('a scalar, a Date or an array parent is refused too, by where().update() and inside a transaction', async () => {
    await things().add([
      { _id: 'pnv-str', a: 'x' },
      { _id: 'pnv-num', a: 3 },
      { _id: 'pnv-date', a: new Date('2026-01-01T00:00:00Z') },
      { _id: 'pnv-arr', a: [{ b: 0 }] },
    ]);
    for (const id of ['pnv-str', 'pnv-num', 'pnv-date', 'pnv-arr']) {
      expect((await errorOf(things().doc(id).update({ a: { b: 1 } }))).code).toBe('INVALID_PARAM');
    }
    expect((await errorOf(things().where({ _id: 'pnv-str' }).update({ 'a.b': h._.inc(1) }))).code).toBe('INVALID_PARAM');
    const e = await errorOf(
      h.db.runTransaction(async (tx: any) => {
        await tx.collection('things').doc('pnv-num').update({ a: { b: 1 } });
      }),
    );
    expect(e.code).toBe('INVALID_PARAM');
    expect((await read('pnv-num')).a).toBe(3);
  });

  test('what MongoDB does allow: missing parents are created, an array index path works, _.set() replaces the null', async () => {
    await things().add({ _id: 'pnv-ok', a: null, list: [{ b: 0 }], deep: {} });
    await things().doc('pnv-ok').update({ fresh: { b: 1 }, deep: { x: { y: 2 } }, 'list.0.b': 5 });
    await things().doc('pnv-ok').update({ a: h._.set({ b: 1 }) });
    expect(await read('pnv-ok')).toEqual({ _id: 'pnv-ok', a: { b: 1 }, list: [{ b: 5 }], deep: { x: { y: 2 } }, fresh: { b: 1 } });
    await things().doc('pnv-ok').update({ a: null });
    await things().doc('pnv-ok').update({ 'a.b': h._.remove() }); // $unset through a null is a no-op, not an error
    expect((await read('pnv-ok')).a).toBeNull();
  });
});

describe('aggregation row cap: no final $limit means 20 rows, as in a cloud function (P-02)', () => {
  beforeAll(async () => {
    await h.db.collection('slots').add(Array.from({ length: 31 }, (_, i) => ({ _id: `g${String(i).padStart(2, '0')}`, group: i, v: 1 })));
  });
  const agg = () => h.db.collection('slots').aggregate();

  test('31 groups without .limit() come back as 20 rows', async () => {
    const res = await agg().group({ _id: '$group', v: h._.aggregate.sum('$v') }).sort({ _id: 1 }).end();
    expect(res.data).toHaveLength(20);
    expect(res.data[19]).toEqual({ _id: 19, v: 1 });
  });

  test('a final .limit(n) raises the cap', async () => {
    const res = await agg().group({ _id: '$group', v: h._.aggregate.sum('$v') }).sort({ _id: 1 }).limit(100).end();
    expect(res.data).toHaveLength(31);
  });

  test('a $limit that is not the last stage is not trusted ($limit then $project is cut to 20)', async () => {
    const res = await agg().sort({ _id: 1 }).limit(100).project({ group: 1 }).end();
    expect(res.data).toHaveLength(20);
  });
});

describe('aggregation stages and operators outside MongoDB 4.0 and CloudBase\'s documented list are refused (P-16)', () => {
  const raw = (stageKey: string, stageValue: unknown) =>
    h.t.emulator.handle({ action: 'database.aggregateDocuments', collectionName: 'things', stages: [{ stageKey, stageValue: JSON.stringify(stageValue) }] }) as Promise<any>;

  test.each([
    ['$facet', { a: [{ $match: {} }] }],
    ['$setWindowFields', { output: {} }],
    ['$unionWith', 'things'],
    ['$set', { x: 1 }],
    ['$replaceWith', '$a'],
    ['$out', 'things'],
  ])('stage %s', async (stage, value) => {
    const reply = await raw(stage, value);
    expect(reply.code).toBe('INVALID_PARAM');
    expect(reply.message).toMatch(new RegExp(`\\${stage}`));
  });

  test.each([
    ['$round', { $round: ['$n', 1] }],
    ['$dateDiff', { $dateDiff: { startDate: '$a', endDate: '$b', unit: 'day' } }],
    ['$toString', { $toString: '$n' }],
    ['$regexMatch', { $regexMatch: { input: '$s', regex: 'x' } }],
  ])('operator %s', async (op, expr) => {
    const reply = await raw('$project', { x: expr });
    expect(reply.code).toBe('INVALID_PARAM');
    expect(reply.message).toContain(op);
  });

  test('a newer operator nested in $group, in a $lookup sub-pipeline or under $expr is found too', async () => {
    expect((await raw('$group', { _id: null, x: { $sum: { $round: '$n' } } })).code).toBe('INVALID_PARAM');
    expect((await raw('$lookup', { from: 'slots', let: {}, pipeline: [{ $facet: {} }], as: 'j' })).code).toBe('INVALID_PARAM');
    expect((await raw('$match', { $expr: { $eq: [{ $round: '$n' }, 1] } })).code).toBe('INVALID_PARAM');
  });

  test('the documented operators the project relies on still run', async () => {
    await things().add([{ _id: 'op1', n: 2, tags: ['a'], k: 'x' }, { _id: 'op2', n: 5, tags: [], k: 'y' }]);
    const $ = h._.aggregate;
    const res = await things()
      .aggregate()
      .match({ _id: h._.in(['op1', 'op2']) })
      .addFields({ big: $.cond({ if: $.gte(['$n', 3]), then: 1, else: 0 }), tagCount: $.size($.ifNull(['$tags', []])) })
      .group({ _id: null, total: $.sum('$n'), big: $.sum('$big'), tags: $.sum('$tagCount'), first: $.first('$k'), ks: $.push('$k') })
      .project({ _id: 0, total: 1, big: 1, tags: 1, first: 1, avg: $.divide(['$total', 2]), ks: 1, all: $.setIsSubset([['x'], '$ks']) })
      .limit(1)
      .end();
    expect(res.data).toEqual([{ total: 7, big: 1, tags: 1, first: 'x', avg: 3.5, ks: ['x', 'y'], all: true }]);
  });
});

describe('unique index: an empty array and a missing field are different keys (P-10)', () => {
  const tagged = () => h.db.collection('tagged');

  test('{tags: []} and a document without tags both insert; a second {tags: []} collides', async () => {
    await tagged().add({ _id: 'e1', tags: [] });
    await tagged().add({ _id: 'e2' });
    const e = await errorOf(tagged().add({ _id: 'e3', tags: [] }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(e.message).toMatch(/tags: undefined/);
    expect((await errorOf(tagged().add({ _id: 'e4', tags: null }))).code).toBe('DATABASE_DUPLICATE_WRITE'); // null = missing
  });

  test('a compound unique index refuses a document with two array fields (parallel arrays)', async () => {
    const e = await errorOf(h.db.collection('people').add({ _id: 'par', branch: ['b1', 'b2'], profile: { no: [1, 2] } }));
    expect(e.code).toBe('INVALID_PARAM');
    expect(e.message).toMatch(/parallel arrays/);
  });
});

describe('an update that changes nothing (P-07, P-20)', () => {
  test('doc().update() and where().update() report updated: 0 (MongoDB nModified)', async () => {
    await things().add({ _id: 'noop', n: 1, s: 'a' });
    expect((await things().doc('noop').update({ n: 1 })).updated).toBe(0);
    expect((await things().where({ _id: 'noop' }).update({ s: 'a' })).updated).toBe(0);
    expect((await things().doc('noop').update({ n: 2 })).updated).toBe(1);
  });

  test('where().updateAndReturn() reports updated: 1 for a match even when nothing changed (Tencent live test)', async () => {
    await things().add({ _id: 'noop-r', n: 1 });
    const res = await things().where({ _id: 'noop-r' }).updateAndReturn({ n: 1 });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'noop-r', n: 1 });
  });
});
