/**
 * SQLite storage (better-sqlite3, synchronous).
 *
 * Layout: ONE `docs` table for all collections, keyed by (coll, id), rather than a table per collection.
 * Collection names then never become SQL identifiers (no quoting, no DDL at run time, nothing to migrate
 * when cloudbaserc.json gains a collection), every statement is prepared once, and a scan of one
 * collection is a range scan of the (coll, rid) index. `rid` (the rowid) keeps insertion order, which is
 * what CloudBase/MongoDB return when no orderBy is given; replacing a document keeps its rid.
 *
 * Each row carries `ver`, the emulator-wide write sequence number of its last committed write; the
 * transaction manager compares versions to detect conflicts (see transactions.ts).
 *
 * Durability: WAL + synchronous=FULL, so a write is fsynced before we acknowledge it and an acknowledged
 * write survives `kill -9` (and power loss). Measured here at ~5k single-document commits/s, plenty locally.
 *
 * Unique indexes live in the `uniq` key table (why: see unique-keys.ts); its PRIMARY KEY is what rejects
 * a duplicate, inside the same SQLite transaction as the document write.
 *
 * One emulator process per file: open transactions, document locks and the version counter live in this
 * process's memory. (A short-lived second process such as a seed script is tolerated by busy_timeout, but
 * its writes are invisible to the conflict checks of transactions open here.)
 */
import Database from 'better-sqlite3';
import type { CollectionDecl, IndexDecl } from './collections';
import { decodeStored, encodeStored, type Doc } from './ejson';
import { DuplicateKeyError } from './errors';
import { describeKey, uniqueKeysOf } from './unique-keys';

export interface StoredDoc {
  key: string;
  ver: number;
  doc: Doc;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  rid  INTEGER PRIMARY KEY,
  coll TEXT NOT NULL,
  id   TEXT NOT NULL,
  ver  INTEGER NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (coll, id)
);
CREATE INDEX IF NOT EXISTS docs_by_coll ON docs (coll, rid);
CREATE TABLE IF NOT EXISTS uniq (
  coll   TEXT NOT NULL,
  idx    TEXT NOT NULL,
  key    TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  PRIMARY KEY (coll, idx, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uniq_by_doc ON uniq (coll, doc_id);
CREATE TABLE IF NOT EXISTS uniq_meta (
  coll TEXT NOT NULL,
  idx  TEXT NOT NULL,
  spec TEXT NOT NULL,
  PRIMARY KEY (coll, idx)
) WITHOUT ROWID;
`;

const ROLLBACK = Symbol('rollback');

/** A committed write that replaced or deleted a document (for transactions' snapshot reads). */
export interface Overwrite {
  coll: string;
  key: string;
  /** The state replaced, with the version it had. */
  prev: StoredDoc;
  /** Version of the write that replaced it. */
  ver: number;
}

function isConstraintError(e: unknown): boolean {
  return typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_CONSTRAINT');
}

export class Store {
  private readonly db: Database.Database;
  private seq: number;
  /** Unique indexes actually enforced, by collection. */
  private readonly unique = new Map<string, IndexDecl[]>();
  /** Problems found at open (e.g. an index that existing data violates); also printed to stderr. */
  readonly warnings: string[] = [];
  /**
   * Set by the transaction manager while transactions hold snapshots: receives, after each committed
   * `transaction()`, the documents it replaced or deleted (their previous state).
   */
  onOverwrites?: { wanted(): boolean; committed(list: Overwrite[]): void };
  /** Overwrites of the `transaction()` now running, or null when none is recorded. */
  private journal: Overwrite[] | null = null;

  private readonly stmt: {
    get: Database.Statement<[string, string], { id: string; ver: number; body: string }>;
    scan: Database.Statement<[string], { id: string; ver: number; body: string }>;
    insert: Database.Statement<[string, string, number, string]>;
    upsert: Database.Statement<[string, string, number, string]>;
    del: Database.Statement<[string, string]>;
    uniqDelDoc: Database.Statement<[string, string]>;
    uniqIns: Database.Statement<[string, string, string, string]>;
  };

  constructor(file: string, collections: CollectionDecl[]) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Another process (a seed script, a second emulator by mistake) may hold the write lock briefly.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmt = {
      get: this.db.prepare('SELECT id, ver, body FROM docs WHERE coll = ? AND id = ?'),
      scan: this.db.prepare('SELECT id, ver, body FROM docs WHERE coll = ? ORDER BY rid'),
      insert: this.db.prepare('INSERT INTO docs (coll, id, ver, body) VALUES (?, ?, ?, ?)'),
      upsert: this.db.prepare(
        'INSERT INTO docs (coll, id, ver, body) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (coll, id) DO UPDATE SET ver = excluded.ver, body = excluded.body',
      ),
      del: this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      uniqDelDoc: this.db.prepare('DELETE FROM uniq WHERE coll = ? AND doc_id = ?'),
      uniqIns: this.db.prepare('INSERT INTO uniq (coll, idx, key, doc_id) VALUES (?, ?, ?, ?)'),
    };
    const row = this.db.prepare('SELECT MAX(ver) AS v FROM docs').get() as { v: number | null };
    this.seq = row.v ?? 0;
    this.syncUniqueIndexes(collections);
  }

  /** Sequence number of the last committed write. */
  get currentSeq(): number {
    return this.seq;
  }

  /** Reserves the version for the next committed write. */
  nextSeq(): number {
    return ++this.seq;
  }

  get(coll: string, key: string): StoredDoc | undefined {
    const r = this.stmt.get.get(coll, key);
    return r && { key: r.id, ver: r.ver, doc: decodeStored(r.body) };
  }

  /** Whole collection in insertion order (see the trade-off note in query.ts). */
  scan(coll: string): StoredDoc[] {
    return this.stmt.scan.all(coll).map((r) => ({ key: r.id, ver: r.ver, doc: decodeStored(r.body) }));
  }

  /**
   * Writes the new state of one document: `doc === null` deletes it; `mode: 'insert'` requires that it
   * does not exist yet (a reused _id is a duplicate key on `_id_`, as in MongoDB). Must run inside
   * `transaction()` so a unique-key failure rolls the whole request back.
   */
  put(coll: string, key: string, doc: Doc | null, ver: number, mode: 'insert' | 'upsert'): void {
    const indexes = this.unique.get(coll);
    if (this.journal && mode === 'upsert') {
      const prev = this.get(coll, key);
      if (prev) this.journal.push({ coll, key, prev, ver });
    }
    if (doc === null) {
      this.stmt.del.run(coll, key);
      if (indexes) this.stmt.uniqDelDoc.run(coll, key);
      return;
    }
    const body = encodeStored(doc);
    try {
      (mode === 'insert' ? this.stmt.insert : this.stmt.upsert).run(coll, key, ver, body);
    } catch (e) {
      if (isConstraintError(e)) throw new DuplicateKeyError(coll, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`);
      throw e;
    }
    if (!indexes) return;
    this.stmt.uniqDelDoc.run(coll, key);
    for (const index of indexes) {
      for (const k of uniqueKeysOf(doc, index)) {
        try {
          this.stmt.uniqIns.run(coll, index.name, k, key);
        } catch (e) {
          if (isConstraintError(e)) throw new DuplicateKeyError(coll, index.name, describeKey(index, k));
          throw e;
        }
      }
    }
  }

  /** Runs `fn` as one SQLite write transaction (BEGIN IMMEDIATE): all of it is applied, or none. */
  transaction<T>(fn: () => T): T {
    const hook = this.onOverwrites;
    if (!hook?.wanted()) return this.db.transaction(fn).immediate();
    this.journal = [];
    try {
      const out = this.db.transaction(fn).immediate();
      hook.committed(this.journal);
      return out;
    } finally {
      this.journal = null;
    }
  }

  /**
   * Runs `fn` inside a transaction that is always rolled back. Used to ask SQLite itself whether a set of
   * pending transactional writes would violate a unique index, without applying them.
   */
  trial(fn: () => void): void {
    try {
      this.db.transaction(() => {
        fn();
        throw ROLLBACK;
      }).immediate();
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Brings the `uniq` table in line with the declared unique indexes: a new or changed index is (re)built
   * from the stored documents; an index that existing data violates is NOT enforced (CloudBase would also
   * refuse to create it) and reported in `warnings`; a removed index's keys are dropped.
   */
  private syncUniqueIndexes(collections: CollectionDecl[]): void {
    const wanted = new Map<string, IndexDecl>();
    for (const c of collections) {
      for (const idx of c.createIndexes ?? []) {
        if (idx.unique) wanted.set(JSON.stringify([c.collectionName, idx.name]), idx);
      }
    }
    const existing = this.db.prepare('SELECT coll, idx, spec FROM uniq_meta').all() as { coll: string; idx: string; spec: string }[];
    const dropIndex = this.db.prepare('DELETE FROM uniq WHERE coll = ? AND idx = ?');
    const dropMeta = this.db.prepare('DELETE FROM uniq_meta WHERE coll = ? AND idx = ?');
    const setMeta = this.db.prepare('INSERT OR REPLACE INTO uniq_meta (coll, idx, spec) VALUES (?, ?, ?)');
    const specOf = (idx: IndexDecl) => JSON.stringify(idx.keys.map((k) => k.name));

    const current = new Map(existing.map((r) => [JSON.stringify([r.coll, r.idx]), r.spec]));
    for (const r of existing) {
      if (!wanted.has(JSON.stringify([r.coll, r.idx]))) {
        this.transaction(() => {
          dropIndex.run(r.coll, r.idx);
          dropMeta.run(r.coll, r.idx);
        });
      }
    }
    for (const [k, idx] of wanted) {
      const [coll] = JSON.parse(k) as [string, string];
      if (current.get(k) !== specOf(idx)) {
        try {
          this.transaction(() => {
            dropIndex.run(coll, idx.name);
            for (const row of this.stmt.scan.all(coll)) {
              const doc = decodeStored(row.body);
              for (const key of uniqueKeysOf(doc, idx)) {
                try {
                  this.stmt.uniqIns.run(coll, idx.name, key, row.id);
                } catch (e) {
                  if (isConstraintError(e)) throw new DuplicateKeyError(coll, idx.name, describeKey(idx, key));
                  throw e;
                }
              }
            }
            setMeta.run(coll, idx.name, specOf(idx));
          });
        } catch (e) {
          const msg = `unique index ${idx.name} on ${coll} is NOT enforced: existing documents violate it (${(e as Error).message})`;
          this.warnings.push(msg);
          console.warn(`[db-emulator] ${msg}`);
          continue;
        }
      }
      const list = this.unique.get(coll) ?? [];
      list.push(idx);
      this.unique.set(coll, list);
    }
  }
}
