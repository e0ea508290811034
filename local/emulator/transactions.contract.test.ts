import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS, lockWaitMs: 2000 });
const counters = () => h.db.collection('counters');
const value = async (id: string) => (await counters().doc(id).get()).data[0];

describe('transactions', () => {
  test('runTransaction commits every write at once and returns the callback result', async () => {
    await counters().add({ _id: 'c-commit', n: 0 });
    const result = await h.db.runTransaction(async (tx: any) => {
      await tx.collection('counters').doc('c-commit').update({ n: h._.inc(5) });
      const added = await tx.collection('bookings').add({ _id: 'bk-commit', who: 'u1' });
      return { addedId: added.id };
    });
    expect(result).toEqual({ addedId: 'bk-commit' });
    expect((await value('c-commit')).n).toBe(5);
    expect((await h.db.collection('bookings').doc('bk-commit').get()).data).toHaveLength(1);
  });

  test('a throwing callback rolls everything back and rethrows', async () => {
    await counters().add({ _id: 'c-rollback', n: 0 });
    const boom = new Error('business rule failed');
    await expect(
      h.db.runTransaction(async (tx: any) => {
        await tx.collection('counters').doc('c-rollback').update({ n: h._.inc(1) });
        await tx.collection('bookings').add({ _id: 'bk-rollback' });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect((await value('c-rollback')).n).toBe(0);
    expect((await h.db.collection('bookings').doc('bk-rollback').get()).data).toEqual([]);
    expect(h.t.emulator.openTransactions).toBe(0);
  });

  test('inside a transaction, doc().get() resolves to { data: doc } (an object, null when missing)', async () => {
    await counters().add({ _id: 'c-shape', n: 1 });
    await h.db.runTransaction(async (tx: any) => {
      expect((await tx.collection('counters').doc('c-shape').get()).data).toEqual({ _id: 'c-shape', n: 1 });
      expect((await tx.collection('counters').doc('c-none').get()).data).toBeNull();
      const added = await tx.collection('bookings').add({ x: 1 });
      expect(added).toEqual({ inserted: 1, ok: 1, id: expect.stringMatching(/^[0-9a-f]{32}$/), requestId: expect.any(String) });
    });
  });

  test('a transaction reads its own uncommitted writes; others see them only after commit', async () => {
    await counters().add({ _id: 'c-own', n: 1 });
    const tx = await h.db.startTransaction();
    await tx.collection('counters').doc('c-own').update({ n: h._.inc(1) });
    await tx.collection('counters').doc('c-new').set({ n: 7 });
    await tx.collection('counters').doc('c-own-del').set({ n: 0 });
    await tx.collection('counters').doc('c-own-del').remove();
    expect((await tx.collection('counters').doc('c-own').get()).data.n).toBe(2);
    expect((await tx.collection('counters').doc('c-new').get()).data.n).toBe(7);
    expect((await tx.collection('counters').doc('c-own-del').get()).data).toBeNull();
    expect((await value('c-own')).n).toBe(1);
    expect(await value('c-new')).toBeUndefined();
    await tx.commit();
    expect((await value('c-own')).n).toBe(2);
    expect((await value('c-new')).n).toBe(7);
    expect(await value('c-own-del')).toBeUndefined();
  });

  test('rollback() discards the writes', async () => {
    const tx = await h.db.startTransaction();
    await tx.collection('counters').doc('c-aborted').set({ n: 1 });
    await tx.rollback();
    expect(await value('c-aborted')).toBeUndefined();
    expect((await errorOf(tx.collection('counters').doc('c-aborted').get())).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  test('two concurrent transactions writing one document: exactly one commits, the other gets DATABASE_TRANSACTION_CONFLICT', async () => {
    await counters().add({ _id: 'c-race', n: 0 });
    const a = await h.db.startTransaction();
    const b = await h.db.startTransaction();
    const na = (await a.collection('counters').doc('c-race').get()).data.n;
    const nb = (await b.collection('counters').doc('c-race').get()).data.n;
    await a.collection('counters').doc('c-race').set({ n: na + 1 });
    // b's write waits for a's lock; when a commits, b's read is stale: conflict.
    const bWrite = b.collection('counters').doc('c-race').set({ n: nb + 1 }).then(() => b.commit());
    await a.commit();
    const e = await errorOf(bWrite);
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-race')).n).toBe(1);
    expect((await errorOf(b.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('a transaction cannot write a document it read before another transaction committed a change to it', async () => {
    await counters().add({ _id: 'c-race2', n: 0 });
    const a = await h.db.startTransaction();
    const b = await h.db.startTransaction();
    await b.collection('counters').doc('c-race2').get();
    await a.collection('counters').doc('c-race2').update({ n: h._.inc(1) });
    await a.commit();
    expect((await errorOf(b.collection('counters').doc('c-race2').update({ n: h._.inc(1) }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-race2')).n).toBe(1);
  });

  test('runTransaction retries on conflicts: 20 concurrent read-then-write increments end at exactly 20', async () => {
    await counters().add({ _id: 'c-20', n: 0 });
    const started = Date.now();
    const attempts: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.db.runTransaction(async (tx: any) => {
          attempts[i] = (attempts[i] ?? 0) + 1;
          const cur = (await tx.collection('counters').doc('c-20').get()).data;
          await tx.collection('counters').doc('c-20').set({ n: cur.n + 1 });
        }, 25), // enough retries for 20-way contention on ONE document (one winner per round)
      ),
    );
    expect((await value('c-20')).n).toBe(20);
    const total = attempts.reduce((s, x) => s + x, 0);
    console.log(`20 concurrent runTransaction increments: ${Date.now() - started} ms, ${total} attempts`);
    expect(total).toBeGreaterThan(20); // conflicts really happened and were retried
  });

  test('with the default 3 retries some of 20 contending transactions may fail, but no increment is ever lost', async () => {
    await counters().add({ _id: 'c-default', n: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        h.db.runTransaction(async (tx: any) => {
          const cur = (await tx.collection('counters').doc('c-default').get()).data;
          await tx.collection('counters').doc('c-default').update({ n: h._.inc(1), last: cur.n });
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const f of failures) expect(f.reason.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-default')).n).toBe(ok);
  });

  test('a plain write to a document an open transaction read is not lost: the transaction fails to commit', async () => {
    await counters().add({ _id: 'c-plain', n: 0 });
    const tx = await h.db.startTransaction();
    const cur = (await tx.collection('counters').doc('c-plain').get()).data;
    await tx.collection('counters').doc('c-plain').set({ n: cur.n + 10 });
    await counters().doc('c-plain').update({ n: h._.inc(1) }); // outside the transaction
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-plain')).n).toBe(1);
  });

  test('a plain write to a document an open transaction only wrote (never read) also fails the commit', async () => {
    await counters().add({ _id: 'c-blind', n: 0 });
    const tx = await h.db.startTransaction();
    await tx.collection('counters').doc('c-blind').set({ n: 100 });
    await counters().doc('c-blind').update({ n: h._.inc(1) });
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-blind')).n).toBe(1);
  });

  test('a first write to a document someone else changed after the transaction started is a conflict', async () => {
    await counters().add({ _id: 'c-snap', n: 0 });
    const tx = await h.db.startTransaction();
    await counters().doc('c-snap').update({ n: h._.inc(1) });
    expect((await errorOf(tx.collection('counters').doc('c-snap').update({ n: h._.inc(1) }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  });

  test('lock cycles are broken at once with a conflict instead of waiting', async () => {
    await counters().add([{ _id: 'd1', n: 0 }, { _id: 'd2', n: 0 }]);
    const a = await h.db.startTransaction();
    const b = await h.db.startTransaction();
    await a.collection('counters').doc('d1').update({ n: h._.inc(1) });
    await b.collection('counters').doc('d2').update({ n: h._.inc(1) });
    const aWaits = a.collection('counters').doc('d2').update({ n: h._.inc(1) });
    const started = Date.now();
    expect((await errorOf(b.collection('counters').doc('d1').update({ n: h._.inc(1) }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(Date.now() - started).toBeLessThan(500);
    await aWaits; // b was aborted, so a gets d2
    await a.commit();
    expect((await value('d1')).n).toBe(1);
    expect((await value('d2')).n).toBe(1);
  });

  test('a where().get() carrying a transactionId is refused (DATABASE_TRANSACTION_FAIL), and the transaction is aborted', async () => {
    await counters().add({ _id: 'c-refuse', n: 0 });
    const tx = await h.db.startTransaction();
    await tx.collection('counters').doc('c-refuse').update({ n: h._.inc(1) });
    const reads = h.t.emulator.stats.reads;
    const e = await errorOf(tx.collection('counters').where({ n: 1 }).get());
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(e.message).toMatch(/only doc\(id\)\.get\/set\/update\/remove and add/);
    expect(h.t.emulator.stats.reads).toBe(reads); // nothing ran
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await value('c-refuse')).n).toBe(0);
  });

  test('SDK trap: where().update() inside a transaction is sent WITHOUT the transactionId and runs outside it', async () => {
    // Pinned so nobody relies on it: the emulator cannot refuse what the SDK does not mark.
    await counters().add({ _id: 'c-trap', n: 0 });
    const tx = await h.db.startTransaction();
    await tx.collection('counters').where({ _id: 'c-trap' }).update({ n: h._.inc(1) });
    await tx.rollback();
    expect((await value('c-trap')).n).toBe(1); // applied despite the rollback
  });

  test('adding an existing _id inside a transaction is DATABASE_DUPLICATE_WRITE', async () => {
    await counters().add({ _id: 'c-dup', n: 0 });
    const e = await errorOf(
      h.db.runTransaction(async (tx: any) => {
        await tx.collection('counters').add({ _id: 'c-dup', n: 1 });
      }),
    );
    expect(e.code).toBe('DATABASE_DUPLICATE_WRITE');
  });
});

describe('stale transactions', () => {
  const s = useEmulator({ collections: TEST_COLLECTIONS, staleMs: 200 });

  test('an idle transaction is aborted after the stale timeout and its locks released', async () => {
    await s.db.collection('counters').add({ _id: 'c-stale', n: 0 });
    const tx = await s.db.startTransaction();
    await tx.collection('counters').doc('c-stale').update({ n: s._.inc(1) });
    await new Promise((r) => setTimeout(r, 700));
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    await s.db.runTransaction(async (t2: any) => {
      await t2.collection('counters').doc('c-stale').update({ n: s._.inc(2) });
    });
    expect((await s.db.collection('counters').doc('c-stale').get()).data[0].n).toBe(2);
  });
});
