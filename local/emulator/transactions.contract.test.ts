import { errorOf, TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });
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
    // a holds the document's lock: b's write fails AT ONCE (MongoDB does not queue transactional writers).
    const started = Date.now();
    const e = await errorOf(b.collection('counters').doc('c-race').set({ n: nb + 1 }));
    expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(Date.now() - started).toBeLessThan(500);
    await a.commit();
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

  test('a plain write to a document an open transaction wrote WAITS for it, then applies on top', async () => {
    await counters().add({ _id: 'c-plain', n: 0 });
    const tx = await h.db.startTransaction();
    const cur = (await tx.collection('counters').doc('c-plain').get()).data;
    await tx.collection('counters').doc('c-plain').set({ n: cur.n + 10 });
    let applied = false;
    const plain = counters().doc('c-plain').update({ n: h._.inc(1) }).then((r: any) => ((applied = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(applied).toBe(false); // still waiting for the transaction
    expect((await value('c-plain')).n).toBe(0);
    await tx.commit();
    expect((await plain).updated).toBe(1);
    expect((await value('c-plain')).n).toBe(11);
  });

  test('a waiting plain write applies to the original document when the transaction aborts', async () => {
    await counters().add({ _id: 'c-plain-abort', n: 0 });
    const tx = await h.db.startTransaction();
    await tx.collection('counters').doc('c-plain-abort').set({ n: 100 });
    const plain = counters().where({ _id: 'c-plain-abort' }).update({ n: h._.inc(1) });
    await new Promise((r) => setTimeout(r, 100));
    await tx.rollback();
    expect((await plain).updated).toBe(1);
    expect((await value('c-plain-abort')).n).toBe(1);
  });

  test('a plain write to a document the transaction only READ is not blocked; the transaction then cannot write it', async () => {
    await counters().add({ _id: 'c-readonly', n: 0 });
    const tx = await h.db.startTransaction();
    expect((await tx.collection('counters').doc('c-readonly').get()).data.n).toBe(0);
    await counters().doc('c-readonly').update({ n: h._.inc(1) }); // not blocked: reads take no lock
    expect((await errorOf(tx.collection('counters').doc('c-readonly').update({ n: h._.inc(10) }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-readonly')).n).toBe(1);
  });

  test('reads are a snapshot taken at the first operation: a later outside change is not seen (读快照)', async () => {
    await counters().add([{ _id: 'snap-1', n: 1 }, { _id: 'snap-2', n: 2 }, { _id: 'snap-del', n: 3 }]);
    const tx = await h.db.startTransaction();
    expect((await tx.collection('counters').doc('snap-1').get()).data.n).toBe(1); // snapshot taken here
    await counters().doc('snap-2').update({ n: h._.inc(40) });
    await counters().doc('snap-del').remove();
    await counters().add({ _id: 'snap-new', n: 9 });
    expect((await tx.collection('counters').doc('snap-2').get()).data.n).toBe(2);
    expect((await tx.collection('counters').doc('snap-del').get()).data.n).toBe(3);
    expect((await tx.collection('counters').doc('snap-new').get()).data).toBeNull();
    expect((await value('snap-2')).n).toBe(42);
    // writing what changed since the snapshot is a conflict (读偏)
    expect((await errorOf(tx.collection('counters').doc('snap-2').update({ n: h._.inc(1) }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('snap-2')).n).toBe(42);
  });

  test('the snapshot starts at the first operation, not at startTransaction', async () => {
    await counters().add({ _id: 'c-snap', n: 0 });
    const tx = await h.db.startTransaction();
    await counters().doc('c-snap').update({ n: h._.inc(1) }); // before the transaction's first operation
    expect((await tx.collection('counters').doc('c-snap').get()).data.n).toBe(1);
    await tx.collection('counters').doc('c-snap').update({ n: h._.inc(1) });
    await tx.commit();
    expect((await value('c-snap')).n).toBe(2);
  });

  test('a first write (no read) to a document changed after the snapshot is a conflict', async () => {
    await counters().add([{ _id: 'c-blind-a', n: 0 }, { _id: 'c-blind-b', n: 0 }]);
    const tx = await h.db.startTransaction();
    await tx.collection('counters').doc('c-blind-a').update({ n: h._.inc(1) });
    await counters().doc('c-blind-b').update({ n: h._.inc(1) });
    expect((await errorOf(tx.collection('counters').doc('c-blind-b').set({ n: 100 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await value('c-blind-b')).n).toBe(1);
    expect((await value('c-blind-a')).n).toBe(0);
  });

  test('db.serverDate() inside a transaction is refused and aborts it', async () => {
    await counters().add({ _id: 'c-sd', n: 0 });
    const tx = await h.db.startTransaction();
    expect((await errorOf(tx.collection('bookings').add({ _id: 'bk-sd', at: h.db.serverDate() }))).code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    const e = await errorOf(
      h.db.runTransaction(async (t: any) => {
        await t.collection('counters').doc('c-sd').update({ n: h._.inc(1), at: h.db.serverDate() });
      }),
    );
    expect(e.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await value('c-sd')).n).toBe(0);
    expect((await h.db.collection('bookings').doc('bk-sd').get()).data).toEqual([]);
    // outside a transaction it is fine
    await counters().doc('c-sd').update({ at: h.db.serverDate() });
    expect((await value('c-sd')).at).toBeInstanceOf(Date);
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

describe('transaction lifetime', () => {
  const s = useEmulator({ collections: TEST_COLLECTIONS, lifetimeMs: 600 });

  test('a busy transaction still expires at its lifetime counted from the START (DATABASE_TRANSACTION_FAIL)', async () => {
    await s.db.collection('counters').add({ _id: 'c-life', n: 0 });
    const tx = await s.db.startTransaction();
    const started = Date.now();
    let failure: { code: string } | undefined;
    while (!failure && Date.now() - started < 3000) {
      try {
        await tx.collection('counters').doc('c-life').update({ n: s._.inc(1) }); // one request every 200 ms
      } catch (e) {
        failure = e as { code: string };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(failure?.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await errorOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
    // its lock is gone: another transaction writes the document at once
    await s.db.runTransaction(async (t2: any) => {
      await t2.collection('counters').doc('c-life').update({ n: s._.inc(2) });
    });
    expect((await s.db.collection('counters').doc('c-life').get()).data[0].n).toBe(2);
  });

  test('a plain write waiting for an abandoned transaction proceeds when its lifetime ends', async () => {
    await s.db.collection('counters').add({ _id: 'c-abandoned', n: 0 });
    const tx = await s.db.startTransaction();
    await tx.collection('counters').doc('c-abandoned').update({ n: s._.inc(5) });
    const started = Date.now();
    await s.db.collection('counters').doc('c-abandoned').update({ n: s._.inc(1) });
    expect(Date.now() - started).toBeGreaterThan(300);
    expect((await s.db.collection('counters').doc('c-abandoned').get()).data[0].n).toBe(1);
  });
});
