/**
 * Transactions: what `db.startTransaction()` / `db.runTransaction(cb, retries)` talk to.
 *
 * Model: MongoDB 4.0's (what CloudBase runs underneath), as far as a program can observe it
 * (Tencent's live tests in TencentCloudBase/node-sdk `test/database/unit/transaction.test.ts`; findings P-05,
 * P-08, P-09):
 *  - Only single-document operations by `_id` (`doc().get/set/update/remove`) and `add` run inside a
 *    transaction; the emulator refuses anything else that carries a `transactionId` (emulator.ts).
 *  - SNAPSHOT: the transaction's snapshot is taken at its FIRST operation (not at startTransaction). Every
 *    read returns the document as it was at the snapshot (or the transaction's own pending write), even if
 *    someone committed a change since ('读快照'). Superseded versions are kept in memory while a snapshot
 *    may need them (the store reports each overwrite, see store.ts `onOverwrites`).
 *  - Writes are buffered per transaction ("overlay") and applied at commit in ONE SQLite transaction, so a
 *    commit is all-or-nothing and durable. Reads outside see committed data only.
 *  - WRITE CONFLICT: writing a document that someone committed a change to after the snapshot is a
 *    DATABASE_TRANSACTION_CONFLICT ('读偏'), and so is writing a document another open transaction has
 *    written (holds the lock of): the second writer fails AT ONCE, it does not wait ('冲突检测').
 *    `runTransaction` retries only on that code (`@cloudbase/database/dist/commonjs/transaction/index.js`).
 *  - A PLAIN write (outside any transaction) to a document an open transaction has written WAITS until the
 *    transaction commits or aborts, then applies on top (emulator.ts `plainWrite`). A plain write to a
 *    document the transaction only read is not blocked; the transaction's later write of it conflicts.
 *  - Any error inside a transaction aborts it (as in MongoDB); later calls on it get the abort reason.
 *  - LIFETIME: a transaction must commit or abort within `lifetimeMs` (30 s) of its START, however busy it
 *    is; after that every call on it fails with DATABASE_TRANSACTION_FAIL and its locks are released.
 *  - `serverDate()` inside a transaction is refused (emulator.ts).
 */
import { randomBytes } from 'crypto';
import type { Doc } from './ejson';
import { EmulatorError, toEmulatorError, transactionConflict, transactionFail } from './errors';
import type { Overwrite, Store } from './store';

interface PendingWrite {
  coll: string;
  key: string;
  /** New state; null = deleted. */
  doc: Doc | null;
}

type TxState = 'open' | 'committed' | 'aborted';

export class Transaction {
  state: TxState = 'open';
  abortError?: EmulatorError;
  readonly startedAt = Date.now();
  finishedAt = 0;
  /** Version of the last committed write when the transaction's first operation ran. */
  snapshot?: number;
  /** Pending writes by lock key, in first-write order. */
  readonly writes = new Map<string, PendingWrite>();
  readonly locks = new Set<string>();

  constructor(readonly id: string) {}
}

export interface TransactionOptions {
  /** A transaction must commit or abort this long after it started. Default 30 s, as CloudBase. */
  lifetimeMs?: number;
}

/** Outcome of a transactional write computed from the document's current state. */
export interface TxWriteStep<R> {
  /** New state to buffer, null to delete, undefined to write nothing (e.g. update of a missing doc). */
  doc: Doc | null | undefined;
  result: R;
}

const lockKeyOf = (coll: string, key: string) => `${coll}\u0001${key}`;

/** One superseded state of a document: `doc` (null = absent) was current for versions [ver, until). */
interface OldVersion {
  ver: number;
  until: number;
  doc: Doc | null;
}

export class TransactionManager {
  private readonly txs = new Map<string, Transaction>();
  private readonly locks = new Map<string, Transaction>();
  private readonly unlockWaiters = new Map<string, Set<() => void>>();
  /** Superseded states kept for open snapshots, by lock key (oldest first). */
  private readonly history = new Map<string, OldVersion[]>();
  readonly lifetimeMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly store: Store, opts: TransactionOptions = {}) {
    this.lifetimeMs = opts.lifetimeMs ?? 30_000;
    this.sweeper = setInterval(() => this.sweep(), Math.max(50, Math.min(5_000, this.lifetimeMs / 3)));
    this.sweeper.unref();
    store.onOverwrites = {
      wanted: () => this.hasSnapshots(),
      committed: (list) => this.remember(list),
    };
  }

  begin(): string {
    const id = `tx-${randomBytes(12).toString('hex')}`;
    this.txs.set(id, new Transaction(id));
    return id;
  }

  /** The open transaction `id` (its snapshot taken if this is its first operation), or why it can't be used. */
  requireOpen(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) throw transactionFail(`transaction ${String(id)} does not exist (never started, or expired)`);
    this.expireIfOld(tx);
    if (tx.state === 'aborted') throw tx.abortError ?? transactionFail('transaction was aborted');
    if (tx.state === 'committed') throw transactionFail('transaction was already committed');
    if (tx.snapshot === undefined) tx.snapshot = this.store.currentSeq;
    return tx;
  }

  /** Reads one document inside `tx`: its own pending write first, then the state at its snapshot. */
  read(tx: Transaction, coll: string, key: string): Doc | undefined {
    const lk = lockKeyOf(coll, key);
    const pending = tx.writes.get(lk);
    if (pending) return pending.doc ?? undefined;
    return this.atSnapshot(tx, coll, key);
  }

  /**
   * Buffers a write to one document inside `tx`. `step` receives the document as the transaction sees it
   * and returns the new state; unique indexes are checked right away (by SQLite, in a rolled-back trial
   * of all pending writes) so a duplicate fails at the call, like CloudBase, not at commit.
   */
  async write<R>(tx: Transaction, coll: string, key: string, step: (current: Doc | undefined) => TxWriteStep<R>): Promise<R> {
    const lk = lockKeyOf(coll, key);
    this.acquire(tx, lk);
    this.checkUnchangedSinceSnapshot(tx, coll, key, lk);
    const pending = tx.writes.get(lk);
    const current = pending ? pending.doc ?? undefined : this.store.get(coll, key)?.doc;
    const { doc, result } = step(current);
    if (doc !== undefined) {
      const next: PendingWrite = { coll, key, doc };
      this.store.trial(() => {
        for (const [k, w] of tx.writes) if (k !== lk) this.store.put(w.coll, w.key, w.doc, 0, 'upsert');
        this.store.put(coll, key, doc, 0, 'upsert');
      });
      tx.writes.set(lk, next);
    }
    return result;
  }

  commit(id: unknown): void {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) throw transactionFail(`transaction ${String(id)} does not exist (never started, or expired)`);
    if (tx.state === 'committed') return; // committing twice is harmless, as in MongoDB
    this.expireIfOld(tx);
    if (tx.state === 'aborted') throw tx.abortError ?? transactionFail('transaction was aborted');
    for (const [lk, w] of tx.writes) this.checkUnchangedSinceSnapshot(tx, w.coll, w.key, lk);
    try {
      this.store.transaction(() => {
        const ver = this.store.nextSeq();
        for (const w of tx.writes.values()) this.store.put(w.coll, w.key, w.doc, ver, 'upsert');
      });
    } catch (e) {
      // A unique key taken by a plain write since the transaction's own check: nothing was applied.
      throw this.failed(tx, toEmulatorError(e));
    }
    this.finish(tx, 'committed');
  }

  /** Aborting an unknown or finished transaction is a no-op: the SDK aborts after failures, too. */
  abort(id: unknown): void {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (tx && tx.state === 'open') this.abortWith(tx, transactionFail(`transaction ${tx.id} was aborted`));
  }

  /**
   * Aborts `tx` because one of its operations failed, and returns the error to throw for that operation.
   * Later calls on the transaction see a conflict again (so runTransaction still retries) or a
   * DATABASE_TRANSACTION_FAIL naming the first error.
   */
  failed(tx: Transaction, e: EmulatorError): EmulatorError {
    if (tx.state === 'open') {
      const reason =
        e.code === 'DATABASE_TRANSACTION_CONFLICT' || e.code === 'DATABASE_TRANSACTION_FAIL'
          ? e
          : transactionFail(`transaction aborted after an earlier error: ${e.code} ${e.message}`);
      this.abortWith(tx, reason);
    }
    return e;
  }

  /** True while any open transaction has written (locked) this document. */
  isLocked(coll: string, key: string): boolean {
    return this.locks.has(lockKeyOf(coll, key));
  }

  /** Number of documents locked by open transactions (0 lets plain writes skip the lock check). */
  get lockedCount(): number {
    return this.locks.size;
  }

  /**
   * Resolves when no open transaction holds this document's lock: the owner commits, aborts, or is
   * expired at the end of its lifetime (a timer here makes sure of that even between sweeps).
   */
  waitUnlocked(coll: string, key: string): Promise<void> {
    const lk = lockKeyOf(coll, key);
    const owner = this.locks.get(lk);
    if (!owner) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const set = this.unlockWaiters.get(lk) ?? new Set<() => void>();
      this.unlockWaiters.set(lk, set);
      const timer = setTimeout(() => this.expireIfOld(owner), Math.max(0, owner.startedAt + this.lifetimeMs - Date.now()) + 1);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.unlockWaiters.get(lk) === set) this.unlockWaiters.delete(lk);
        resolve();
      };
      set.add(done);
    });
  }

  get openCount(): number {
    let n = 0;
    for (const tx of this.txs.values()) if (tx.state === 'open') n++;
    return n;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const tx of this.txs.values()) if (tx.state === 'open') this.abortWith(tx, transactionFail('database emulator closed'));
  }

  // ---------------------------------------------------------------------------------------------------

  private hasSnapshots(): boolean {
    for (const tx of this.txs.values()) if (tx.state === 'open' && tx.snapshot !== undefined) return true;
    return false;
  }

  private remember(list: Overwrite[]): void {
    for (const o of list) {
      const lk = lockKeyOf(o.coll, o.key);
      const versions = this.history.get(lk) ?? [];
      versions.push({ ver: o.prev.ver, until: o.ver, doc: o.prev.doc });
      this.history.set(lk, versions);
    }
  }

  /** The document as committed at `tx`'s snapshot. */
  private atSnapshot(tx: Transaction, coll: string, key: string): Doc | undefined {
    const snap = tx.snapshot ?? this.store.currentSeq;
    const row = this.store.get(coll, key);
    if (row && row.ver <= snap) return row.doc;
    for (const old of this.history.get(lockKeyOf(coll, key)) ?? []) {
      if (old.ver <= snap && snap < old.until) return old.doc ?? undefined;
    }
    return undefined; // created after the snapshot (or never existed)
  }

  /** Version of the last committed write (or delete) of a document, as far as open snapshots care. */
  private lastChange(coll: string, key: string, lk: string): number {
    let v = this.store.get(coll, key)?.ver ?? 0;
    for (const old of this.history.get(lk) ?? []) v = Math.max(v, old.until);
    return v;
  }

  /** MongoDB's WriteConflict: the document was committed by someone else after this transaction's snapshot. */
  private checkUnchangedSinceSnapshot(tx: Transaction, coll: string, key: string, lk: string): void {
    if (tx.writes.has(lk)) return; // locked by tx since its first write: nobody else changed it
    if (this.lastChange(coll, key, lk) > (tx.snapshot ?? this.store.currentSeq)) {
      throw this.failed(tx, transactionConflict(`document ${describe(coll, key)} was changed after this transaction's snapshot`));
    }
  }

  /** Takes the document's write lock; another open transaction holding it is a conflict at once. */
  private acquire(tx: Transaction, lk: string): void {
    if (tx.state !== 'open') throw tx.abortError ?? transactionFail('transaction was aborted');
    const owner = this.locks.get(lk);
    if (owner && owner !== tx) {
      throw this.failed(tx, transactionConflict('document is locked by another open transaction'));
    }
    this.locks.set(lk, tx);
    tx.locks.add(lk);
  }

  private expireIfOld(tx: Transaction): void {
    if (tx.state === 'open' && Date.now() - tx.startedAt > this.lifetimeMs) {
      this.abortWith(tx, transactionFail(`transaction must be commit or abort in ${Math.round(this.lifetimeMs / 1000)} seconds (${tx.id} started ${Date.now() - tx.startedAt} ms ago)`));
    }
  }

  private abortWith(tx: Transaction, reason: EmulatorError): void {
    tx.abortError = reason;
    this.finish(tx, 'aborted');
  }

  private finish(tx: Transaction, state: TxState): void {
    tx.state = state;
    tx.finishedAt = Date.now();
    tx.writes.clear();
    for (const lk of tx.locks) {
      if (this.locks.get(lk) === tx) this.locks.delete(lk);
      for (const w of Array.from(this.unlockWaiters.get(lk) ?? [])) w();
    }
    tx.locks.clear();
    if (!this.hasSnapshots()) this.history.clear();
  }

  /** Expires transactions past their lifetime, forgets finished ones after a minute, prunes old versions. */
  private sweep(): void {
    const now = Date.now();
    for (const tx of Array.from(this.txs.values())) {
      this.expireIfOld(tx);
      if (tx.state !== 'open' && now - tx.finishedAt > 60_000) this.txs.delete(tx.id);
    }
    let oldest = Infinity;
    for (const tx of this.txs.values()) if (tx.state === 'open' && tx.snapshot !== undefined) oldest = Math.min(oldest, tx.snapshot);
    for (const [lk, versions] of this.history) {
      const kept = versions.filter((o) => o.until > oldest);
      if (kept.length) this.history.set(lk, kept);
      else this.history.delete(lk);
    }
  }
}

function describe(coll: string, key: string): string {
  return `${coll}/${key.startsWith('\u0000') ? key.slice(1) : key}`;
}
