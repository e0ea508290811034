/**
 * Transactions: what `db.startTransaction()` / `db.runTransaction(cb, retries)` talk to.
 *
 * Model (optimistic, with document locks), chosen to match what CloudBase (MongoDB underneath) lets a
 * program observe:
 *  - Only single-document operations by `_id` (`doc().get/set/update/remove`) and `add` run inside a
 *    transaction; the emulator refuses anything else that carries a `transactionId` (emulator.ts).
 *  - Writes are buffered per transaction ("overlay") and applied at commit in ONE SQLite transaction, so a
 *    commit is all-or-nothing and durable. Reads inside the transaction see its own writes first, then the
 *    latest committed state. Reads outside see committed data only.
 *  - Each document a transaction touches gets a baseline: the version it first saw (on its first read, or
 *    on its first write). Writing a document whose committed version has moved past the baseline is a
 *    DATABASE_TRANSACTION_CONFLICT, checked again at commit. So two transactions that both read-then-write
 *    one document can never both commit (no lost update), and a plain write made outside any transaction
 *    to a document the transaction already saw also makes the transaction fail instead of being overwritten
 *    by its commit. A first write with no prior read is checked against the transaction's start (MongoDB's
 *    snapshot rule): a document committed by someone else after the transaction started is a conflict.
 *  - A transaction that writes a document takes its lock until commit/abort. A second transaction writing
 *    the same document WAITS for the lock (up to `lockWaitMs`) instead of failing at once, then applies
 *    the rule above: if the holder committed, the waiter conflicts (and `runTransaction` retries it, now
 *    after the holder is done, so the retry can succeed); if the holder aborted, the waiter proceeds.
 *    MongoDB fails the second writer immediately; waiting first gives the same outcomes but keeps the SDK's
 *    immediate retries from burning out while the holder is still finishing (3 retries in a few ms).
 *    Lock cycles (A waits for B while B waits for A) fail the requester with a conflict at once.
 *  - Any error inside a transaction aborts it (as in MongoDB); later calls on it get the abort reason.
 *    The SDK's runTransaction retries ONLY when the thrown error has code DATABASE_TRANSACTION_CONFLICT
 *    (`@cloudbase/database/dist/commonjs/transaction/index.js`), so conflicts keep that code.
 *  - A transaction idle for `staleMs` (default 30 s) is aborted and its locks released.
 */
import { randomBytes } from 'crypto';
import type { Doc } from './ejson';
import { EmulatorError, toEmulatorError, transactionConflict, transactionFail } from './errors';
import type { Store } from './store';

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
  lastActivity = Date.now();
  finishedAt = 0;
  /** Pending writes by lock key, in first-write order. */
  readonly writes = new Map<string, PendingWrite>();
  /** Version of each touched document when this transaction first saw it (0 = did not exist). */
  readonly baselines = new Map<string, number>();
  readonly locks = new Set<string>();
  waitingFor?: string;
  wake?: () => void;

  constructor(readonly id: string, readonly startSeq: number) {}
}

export interface TransactionOptions {
  /** Abort a transaction after this long without a request. Default 30 s. */
  staleMs?: number;
  /** How long a write waits for another transaction's lock on the same document. Default 5 s. */
  lockWaitMs?: number;
}

/** Outcome of a transactional write computed from the document's current state. */
export interface TxWriteStep<R> {
  /** New state to buffer, null to delete, undefined to write nothing (e.g. update of a missing doc). */
  doc: Doc | null | undefined;
  result: R;
}

const lockKeyOf = (coll: string, key: string) => `${coll}\u0001${key}`;

export class TransactionManager {
  private readonly txs = new Map<string, Transaction>();
  private readonly locks = new Map<string, Transaction>();
  private readonly waiters = new Map<string, Set<() => void>>();
  /** Committed deletes while transactions are open: lock key → version of the delete. */
  private readonly tombstones = new Map<string, number>();
  private readonly staleMs: number;
  private readonly lockWaitMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly store: Store, opts: TransactionOptions = {}) {
    this.staleMs = opts.staleMs ?? 30_000;
    this.lockWaitMs = opts.lockWaitMs ?? 5_000;
    this.sweeper = setInterval(() => this.sweep(), Math.max(50, Math.min(5_000, this.staleMs / 3)));
    this.sweeper.unref();
  }

  begin(): string {
    const id = `tx-${randomBytes(12).toString('hex')}`;
    this.txs.set(id, new Transaction(id, this.store.currentSeq));
    return id;
  }

  /** The open transaction `id`, or the error explaining why it can't be used. */
  requireOpen(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) throw transactionFail(`transaction ${String(id)} does not exist (never started, or expired)`);
    if (tx.state === 'aborted') throw tx.abortError ?? transactionFail('transaction was aborted');
    if (tx.state === 'committed') throw transactionFail('transaction was already committed');
    tx.lastActivity = Date.now();
    return tx;
  }

  /** Reads one document inside `tx`: its own pending write first, then the committed state. */
  read(tx: Transaction, coll: string, key: string): Doc | undefined {
    const lk = lockKeyOf(coll, key);
    const pending = tx.writes.get(lk);
    if (pending) return pending.doc ?? undefined;
    const row = this.store.get(coll, key);
    if (!tx.baselines.has(lk)) tx.baselines.set(lk, row?.ver ?? 0);
    return row?.doc;
  }

  /**
   * Buffers a write to one document inside `tx`. `step` receives the document as the transaction sees it
   * and returns the new state; unique indexes are checked right away (by SQLite, in a rolled-back trial
   * of all pending writes) so a duplicate fails at the call, like CloudBase, not at commit.
   */
  async write<R>(tx: Transaction, coll: string, key: string, step: (current: Doc | undefined) => TxWriteStep<R>): Promise<R> {
    const lk = lockKeyOf(coll, key);
    await this.acquire(tx, lk);
    this.checkBaseline(tx, coll, key, lk);
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
    tx.lastActivity = Date.now();
    return result;
  }

  commit(id: unknown): void {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) throw transactionFail(`transaction ${String(id)} does not exist (never started, or expired)`);
    if (tx.state === 'committed') return; // committing twice is harmless, as in MongoDB
    if (tx.state === 'aborted') throw tx.abortError ?? transactionFail('transaction was aborted');
    for (const [lk, w] of tx.writes) this.checkBaseline(tx, w.coll, w.key, lk);
    let ver = 0;
    try {
      this.store.transaction(() => {
        ver = this.store.nextSeq();
        for (const w of tx.writes.values()) this.store.put(w.coll, w.key, w.doc, ver, 'upsert');
      });
    } catch (e) {
      // A unique key taken by a plain write since the transaction's own check: nothing was applied.
      throw this.failed(tx, toEmulatorError(e));
    }
    for (const [lk, w] of tx.writes) if (w.doc === null) this.noteDeleted(lk, ver);
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

  /** Records a delete committed outside a transaction (see checkBaseline). */
  noteCommittedDelete(coll: string, key: string, ver: number): void {
    this.noteDeleted(lockKeyOf(coll, key), ver);
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

  private noteDeleted(lk: string, ver: number): void {
    if (this.openCount > 0) this.tombstones.set(lk, ver);
  }

  /**
   * The conflict rule. Baseline = version first seen. If the transaction never saw the document, its
   * first touch is now: fine unless someone committed it (or deleted it) after the transaction started.
   */
  private checkBaseline(tx: Transaction, coll: string, key: string, lk: string): void {
    const current = this.store.get(coll, key)?.ver ?? 0;
    const seen = tx.baselines.get(lk);
    if (seen === undefined) {
      if (current > tx.startSeq || (this.tombstones.get(lk) ?? 0) > tx.startSeq) {
        throw this.failed(tx, transactionConflict(`document ${describe(coll, key)} was written by someone else after this transaction started`));
      }
      tx.baselines.set(lk, current);
      return;
    }
    if (current !== seen) {
      throw this.failed(tx, transactionConflict(`document ${describe(coll, key)} changed after this transaction read it`));
    }
  }

  private async acquire(tx: Transaction, lk: string): Promise<void> {
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      if (tx.state !== 'open') throw tx.abortError ?? transactionFail('transaction was aborted');
      const owner = this.locks.get(lk);
      if (!owner || owner === tx) {
        this.locks.set(lk, tx);
        tx.locks.add(lk);
        return;
      }
      if (this.wouldDeadlock(tx, owner)) {
        throw this.failed(tx, transactionConflict('deadlock between transactions writing the same documents'));
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw this.failed(tx, transactionConflict('document is locked by another open transaction'));
      }
      tx.waitingFor = lk;
      await new Promise<void>((resolve) => {
        const set = this.waiters.get(lk) ?? new Set<() => void>();
        this.waiters.set(lk, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          if (set.size === 0 && this.waiters.get(lk) === set) this.waiters.delete(lk);
          tx.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, remaining);
        set.add(done);
        tx.wake = done;
      });
      tx.waitingFor = undefined;
      tx.lastActivity = Date.now();
    }
  }

  private wouldDeadlock(tx: Transaction, owner: Transaction): boolean {
    const seen = new Set<Transaction>();
    let t: Transaction | undefined = owner;
    while (t && t.waitingFor && !seen.has(t)) {
      seen.add(t);
      const next = this.locks.get(t.waitingFor);
      if (next === tx) return true;
      t = next;
    }
    return false;
  }

  private abortWith(tx: Transaction, reason: EmulatorError): void {
    tx.abortError = reason;
    this.finish(tx, 'aborted');
    tx.wake?.();
  }

  private finish(tx: Transaction, state: TxState): void {
    tx.state = state;
    tx.finishedAt = Date.now();
    tx.writes.clear();
    for (const lk of tx.locks) {
      if (this.locks.get(lk) === tx) this.locks.delete(lk);
      for (const w of Array.from(this.waiters.get(lk) ?? [])) w();
    }
    tx.locks.clear();
  }

  /** Expires idle transactions, forgets finished ones after a minute, prunes tombstones. */
  private sweep(): void {
    const now = Date.now();
    for (const tx of Array.from(this.txs.values())) {
      if (tx.state === 'open' && now - tx.lastActivity > this.staleMs && !tx.waitingFor) {
        this.abortWith(tx, transactionFail(`transaction ${tx.id} expired after ${this.staleMs} ms without activity`));
      } else if (tx.state !== 'open' && now - tx.finishedAt > 60_000) {
        this.txs.delete(tx.id);
      }
    }
    let oldestOpen = Infinity;
    for (const tx of this.txs.values()) if (tx.state === 'open') oldestOpen = Math.min(oldestOpen, tx.startSeq);
    for (const [lk, ver] of this.tombstones) if (ver <= oldestOpen) this.tombstones.delete(lk);
  }
}

function describe(coll: string, key: string): string {
  return `${coll}/${key.startsWith('\u0000') ? key.slice(1) : key}`;
}
