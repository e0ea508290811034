import { loadCollections } from './collections';
import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

describe('unique indexes declared in cloudbaserc.json', () => {
  const h = useEmulator(); // the project's real declarations

  test('cloudbaserc.json declares enterprises.uniq_name as unique on name', () => {
    const ent = loadCollections().find((c) => c.collectionName === 'enterprises');
    expect(ent?.createIndexes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'uniq_name', unique: true })]));
  });

  test('a second enterprise with the same name throws DATABASE_DUPLICATE_WRITE and changes nothing', async () => {
    await h.db.collection('enterprises').add({ _id: 'e1', name: '红星科技' });
    const e = await errorOf(h.db.collection('enterprises').add({ _id: 'e2', name: '红星科技' }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(e.message).toContain('uniq_name');
    expect((await h.db.collection('enterprises').count()).total).toBe(1);
  });

  test('non-unique declared indexes (users.by_branch) do not restrict writes', async () => {
    await h.db.collection('users').add([{ branchId: 'b', memberStatus: 'x' }, { branchId: 'b', memberStatus: 'x' }]);
    expect((await h.db.collection('users').where({ branchId: 'b' }).count()).total).toBe(2);
  });
});

describe('unique index semantics', () => {
  const h = useEmulator({ collections: TEST_COLLECTIONS });
  const people = () => h.db.collection('people');
  const snapshot = async () => (await people().orderBy('_id', 'asc').limit(1000).get()).data;

  beforeAll(async () => {
    await people().add([
      { _id: 'p1', email: 'a@x', branch: 'north', profile: { no: 1 } },
      { _id: 'p2', email: 'b@x', branch: 'north', profile: { no: 2 } },
    ]);
  });

  test('update() into a taken value is refused and the document keeps its old value', async () => {
    const before = await snapshot();
    const e = await errorOf(people().doc('p2').update({ email: 'a@x' }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await snapshot()).toEqual(before);
  });

  test('set() into a taken value is refused', async () => {
    const before = await snapshot();
    expect((await errorOf(people().doc('p2').set({ email: 'a@x', branch: 'south', profile: { no: 9 } }))).code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await snapshot()).toEqual(before);
  });

  test('an array insert is ordered, as MongoDB insertMany: the documents before a duplicate stay written, the rest do not', async () => {
    // Not documented for CloudBase either way; the stricter answer, so a caller that would leave half
    // a refused batch behind is caught here (appointment/createRovingDay takes the day's sessions back).
    const e = await errorOf(people().add([
      { _id: 'p-batch-1', email: 'batch1@x', branch: 'east', profile: { no: 11 } },
      { _id: 'p-batch-2', email: 'a@x', branch: 'east', profile: { no: 12 } },
      { _id: 'p-batch-3', email: 'batch3@x', branch: 'east', profile: { no: 13 } },
    ]));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await people().where({ branch: 'east' }).get()).data.map((d) => d._id)).toEqual(['p-batch-1']);
    await people().doc('p-batch-1').remove();
  });

  test('a multi-document where().update() that would collide changes no document at all', async () => {
    const before = await snapshot();
    const e = await errorOf(people().where({ branch: 'north' }).update({ email: 'same@x' }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await snapshot()).toEqual(before);
  });

  test('compound key with a dotted field: only the full combination must be unique', async () => {
    await people().add({ _id: 'p3', email: 'c@x', branch: 'south', profile: { no: 1 } }); // same no, other branch
    const e = await errorOf(people().add({ _id: 'p4', email: 'd@x', branch: 'south', profile: { no: 1 } }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(e.message).toContain('uniq_branch_no');
  });

  test('changing a document frees its old key for others', async () => {
    await people().doc('p3').update({ email: 'c2@x' });
    await people().add({ _id: 'p5', email: 'c@x', branch: 'east', profile: { no: 1 } });
    expect((await people().doc('p5').get()).data).toHaveLength(1);
  });

  test('a removed document frees its key', async () => {
    await people().doc('p5').remove();
    await people().add({ _id: 'p6', email: 'c@x', branch: 'east', profile: { no: 1 } });
  });

  test('a missing field counts as null (MongoDB non-sparse index): only one document may lack it', async () => {
    await people().add({ _id: 'noemail1', branch: 'w1', profile: { no: 1 } });
    const e = await errorOf(people().add({ _id: 'noemail2', branch: 'w2', profile: { no: 1 } }));
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await errorOf(people().add({ _id: 'nullemail', email: null, branch: 'w3', profile: { no: 1 } }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  });

  test('values compare by type: the number 1 and the string "1" are different keys; 1 and 1.0 the same', async () => {
    await people().add({ _id: 'n1', email: 1, branch: 'n', profile: { no: 1 } });
    await people().add({ _id: 's1', email: '1', branch: 'n', profile: { no: 2 } });
    expect((await errorOf(people().add({ _id: 'f1', email: 1.0, branch: 'n', profile: { no: 3 } }))).code).toBe('DATABASE_DUPLICATE_WRITE');
  });

  test('arrays are indexed per element (multikey): sharing one tag collides', async () => {
    const tagged = h.db.collection('tagged');
    await tagged.add({ _id: 'g1', tags: ['red', 'blue'] });
    await tagged.add({ _id: 'g2', tags: ['green'] });
    expect((await errorOf(tagged.add({ _id: 'g3', tags: ['yellow', 'blue'] }))).code).toBe('DATABASE_DUPLICATE_WRITE');
    await tagged.doc('g1').update({ tags: h._.push('red') }); // a repeat inside one document is fine
  });

  test('a duplicate inside a transaction fails at the write and the transaction commits nothing', async () => {
    const { db } = h;
    const e = await errorOf(
      db.runTransaction(async (tx: any) => {
        await tx.collection('people').add({ _id: 'tx1', email: 'tx@x', branch: 'tx', profile: { no: 1 } });
        await tx.collection('people').doc('p1').update({ email: 'tx@x' });
      }),
    );
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await people().doc('tx1').get()).data).toEqual([]);
    expect((await people().doc('p1').get()).data[0].email).toBe('a@x');
  });

  test('a key taken by a plain write while a transaction was open makes its commit fail cleanly', async () => {
    const { db } = h;
    const tx = await db.startTransaction();
    await tx.collection('people').add({ _id: 'late', email: 'race@x', branch: 'r', profile: { no: 1 } });
    await people().add({ _id: 'early', email: 'race@x', branch: 'r2', profile: { no: 1 } });
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await people().doc('late').get()).data).toEqual([]);
  });
});
