/**
 * DatabaseEmulator: one SDK request body in, the reply body the SDK expects out.
 *
 * Reply shapes (what @cloudbase/database 1.4.3, used by node-sdk 3.18.3, reads from `res.data` / `res`):
 *   getDocument        { data: { list: [EJSON string, ...] } }   SDK → get(): { data: [doc] }
 *   calculateDocument  { data: { total } }
 *   insertDocument     { data: { insertedIds: [...] } }          SDK → add(): { id } / { ids }
 *   modifyDocument     { data: { updated, upsert_id } }          SDK → update(): { updated }, set(): { updated, upsertedId }
 *   removeDocument     { data: { deleted } }
 *   aggregateDocuments { data: { list: [EJSON string, ...] } }   SDK → end(): { data: [row] }
 *   startTransaction   { transactionId }                         (top level, not under data)
 *   commit/abort       {}
 *   any failure        { code, message }                         SDK throws an Error with .code/.message
 * Every reply also carries a `requestId`.
 *
 * Concurrency: better-sqlite3 is synchronous, so every non-transactional request runs start to finish in
 * one turn of the event loop, inside one SQLite transaction. That is what makes
 * `where({ _id, taken: _.lt(cap) }).update({ taken: _.inc(1) })` atomic under any number of concurrent
 * callers, as it is in CloudBase. A plain write first waits (yields) while a document it would write is
 * locked by an open transaction, as MongoDB's does, then runs in one turn as above (plainWrite).
 */
import { randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { decodePipeline, runPipeline } from './aggregate';
import type { CollectionDecl } from './collections';
import { assertStorableDoc, assertValidId, decodeWire, encodeStored, encodeWire, idKey, isPlainObject, type Doc } from './ejson';
import { collectionNotExist, DuplicateKeyError, EmulatorError, invalidParam, toEmulatorError, transactionFail } from './errors';
import { BODY_TOO_LARGE, MALFORMED_BODY, readJsonBody, sendJson } from './http';
import { asCriteria, matching, normaliseReadOptions, pinnedIds, project, shape, type Criteria } from './query';
import { Shaper, type DbShape } from './shape';
import { Store } from './store';
import { TransactionManager, type Transaction, type TransactionOptions } from './transactions';
import { applyUpdate, replacement, toUpdateDoc, upsertSeed } from './update';

type Body = Record<string, unknown>;
type Reply = Record<string, unknown>;

export interface EmulatorOptions extends TransactionOptions {
  /** SQLite file; ':memory:' for throw-away unit tests. */
  file: string;
  /** Collections that exist (normally loadCollections()), with their unique indexes. */
  collections: CollectionDecl[];
  /** Let any collection name exist (reads of an unknown one return nothing). Default false, like CloudBase. */
  autoCreate?: boolean;
  /** Production shape: round-trip delay and a requests-per-second cap (shape.ts). Default: off. */
  shape?: DbShape;
}

export interface EmulatorStats {
  /** Every request received. */
  requests: number;
  /** Successful getDocument / calculateDocument / aggregateDocuments requests. */
  reads: number;
  /** Successful insert/modify/remove requests (inside or outside a transaction). */
  writes: number;
  /** Requests received, by action name (e.g. 'database.getDocument'). */
  byAction: Record<string, number>;
  /** Requests refused with EXCEED_RATELIMIT (only under a QPS cap, see shape.ts). */
  throttled: number;
  reset(): void;
}

const READ_ACTIONS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments']);
const WRITE_ACTIONS = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.modifyAndReturnDoc']);

/** CloudBase's generated ids are 32 hex characters. */
export function generateId(): string {
  return randomBytes(16).toString('hex');
}

function createStats(): EmulatorStats {
  const stats: EmulatorStats = {
    requests: 0,
    reads: 0,
    writes: 0,
    byAction: {},
    throttled: 0,
    reset() {
      stats.throttled = 0;
      stats.requests = 0;
      stats.reads = 0;
      stats.writes = 0;
      stats.byAction = {};
    },
  };
  return stats;
}

const TX_REFUSAL =
  'only doc(id).get/set/update/remove and add are allowed inside a transaction; ' +
  'where()/count()/aggregate() and multi-document updates or removes would not run inside it';

export class DatabaseEmulator {
  readonly stats: EmulatorStats = createStats();
  private readonly declared: Set<string>;
  private readonly autoCreate: boolean;
  private readonly store: Store;
  private readonly txm: TransactionManager;
  private requestSeq = 0;
  private closed = false;
  private readonly shaper: Shaper;

  private constructor(opts: EmulatorOptions) {
    this.declared = new Set(opts.collections.map((c) => c.collectionName));
    this.autoCreate = opts.autoCreate ?? false;
    this.store = new Store(opts.file, opts.collections);
    this.txm = new TransactionManager(this.store, opts);
    this.shaper = new Shaper(opts.shape);
  }

  /** Changes the production shape of a running emulator (and empties the QPS bucket's history). */
  setShape(shape: DbShape): void {
    this.shaper.set(shape);
  }

  static open(opts: EmulatorOptions): DatabaseEmulator {
    return new DatabaseEmulator(opts);
  }

  /** Problems found at open (e.g. a unique index that existing data violates and is therefore off). */
  get warnings(): readonly string[] {
    return this.store.warnings;
  }

  /** Number of transactions currently open (for tests and diagnostics). */
  get openTransactions(): number {
    return this.txm.openCount;
  }

  /** Handles one (already JSON-parsed) SDK request body and returns the reply body. Never throws. */
  async handle(body: unknown): Promise<unknown> {
    const requestId = `local-${Date.now().toString(36)}-${(++this.requestSeq).toString(36)}`;
    this.stats.requests++;
    const action = isPlainObject(body) && typeof body.action === 'string' ? body.action : '(none)';
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
    try {
      if (this.closed) throw new EmulatorError('DATABASE_REQUEST_FAILED', 'database emulator is closed');
      if (body === MALFORMED_BODY) throw invalidParam('request body is not valid JSON');
      if (body === BODY_TOO_LARGE) throw invalidParam('request body is too large');
      if (!isPlainObject(body)) throw invalidParam('request body must be a JSON object');
      // Off by default (no timer at all). The emulator may have closed while the request travelled.
      if (this.shaper.active) {
        await this.shaper.arrive();
        if (this.closed) throw new EmulatorError('DATABASE_REQUEST_FAILED', 'database emulator is closed');
      }
      const reply = await this.dispatch(action, body, new Date());
      if (READ_ACTIONS.has(action)) this.stats.reads++;
      if (WRITE_ACTIONS.has(action)) this.stats.writes++;
      if (this.shaper.active) await this.shaper.depart();
      return { requestId, ...reply };
    } catch (e) {
      const err = toEmulatorError(e);
      if (err.code === 'EXCEED_RATELIMIT') this.stats.throttled++;
      // A refusal travels back too (the time a throttled caller loses).
      if (this.shaper.active) await this.shaper.depart();
      if (!(e instanceof EmulatorError)) console.error(`[db-emulator] ${action} failed:`, e);
      return { requestId, code: err.code, message: err.message };
    }
  }

  /** Reads a POST body, answers JSON. Mount it at the `/admin` path the SDK's serviceUrl points to. */
  handleHttp(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      sendJson(res, 405, { code: 'INVALID_PARAM', message: 'the database API only accepts POST' });
      return;
    }
    readJsonBody(req)
      .then((body) => this.handle(body))
      .then((reply) => sendJson(res, 200, reply))
      .catch(() => {
        if (!res.headersSent) sendJson(res, 200, { code: 'DATABASE_REQUEST_FAILED', message: 'database request failed' });
      });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.txm.close();
    this.store.close();
  }

  // ---------------------------------------------------------------------------------------------------

  private dispatch(action: string, body: Body, now: Date): Promise<Reply> | Reply {
    const tx = body.transactionId;
    switch (action) {
      case 'database.startTransaction':
        return { transactionId: this.txm.begin() };
      case 'database.commitTransaction':
        this.txm.commit(tx);
        return {};
      case 'database.abortTransaction':
        this.txm.abort(tx);
        return {};
    }
    if (tx !== undefined && tx !== null && tx !== '') return this.inTransaction(action, body, now);
    switch (action) {
      case 'database.getDocument':
        return this.get(body, now);
      case 'database.calculateDocument':
        return this.count(body, now);
      case 'database.insertDocument':
        return this.plainWrite(body, now, () => this.newDocs(body, now).map((d) => idKey(d._id)), () => this.insert(body, now));
      case 'database.modifyDocument':
        return this.plainWrite(body, now, (coll) => this.writeTargets(coll, body, now), () => this.modify(body, now));
      case 'database.modifyAndReturnDoc':
        return this.plainWrite(body, now, (coll) => this.writeTargets(coll, body, now), () => this.modifyAndReturn(body, now));
      case 'database.removeDocument':
        return this.plainWrite(body, now, (coll) => this.writeTargets(coll, body, now), () => this.remove(body, now));
      case 'database.aggregateDocuments':
        return this.aggregate(body, now);
      default:
        throw invalidParam(`unsupported action ${action}`);
    }
  }

  private collection(body: Body): string {
    const name = body.collectionName;
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
    if (!this.autoCreate && !this.declared.has(name)) throw collectionNotExist(name);
    return name;
  }

  private criteria(body: Body, now: Date): Criteria {
    const criteria = asCriteria(decodeWire(body.query, now));
    if (body.queryType === 'DOC' && pinnedIds(criteria)?.length !== 1) throw invalidParam('a DOC request needs query {_id}');
    return criteria;
  }

  /**
   * Criteria of a multi-document update/remove. An empty condition (`collection.remove()`,
   * `where({}).update()`) is refused: wiping or rewriting a whole collection by accident is the costly
   * direction to be wrong in, and the portable spelling `where({ _id: _.exists(true) })` works everywhere.
   */
  private writeCriteria(body: Body, now: Date): Criteria {
    const criteria = this.criteria(body, now);
    if (body.queryType !== 'DOC' && Object.keys(criteria).length === 0) {
      throw invalidParam('update/remove needs a where() condition; use where({ _id: _.exists(true) }) to target every document');
    }
    return criteria;
  }

  // --- reads ---------------------------------------------------------------------------------------

  private get(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const criteria = this.criteria(body, now);
    const opts = normaliseReadOptions(body, (v) => decodeWire(v, now));
    const docs = shape(matching(this.store, coll, criteria).map((r) => r.doc), opts);
    return { data: { list: docs.map(encodeWire) } };
  }

  private count(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    return { data: { total: matching(this.store, coll, this.criteria(body, now)).length } };
  }

  private aggregate(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const pipeline = decodePipeline(body.stages, (v) => decodeWire(v, now));
    const resolve = (name: string) => this.store.scan(this.collection({ collectionName: name })).map((r) => r.doc);
    const rows = runPipeline(resolve(coll), pipeline, resolve);
    return { data: { list: rows.map(encodeWire) } };
  }

  // --- writes outside transactions --------------------------------------------------------------------

  /**
   * A write outside any transaction waits while a document it would write is locked by an open
   * transaction (MongoDB: the plain write blocks until the transaction commits or aborts, then applies on
   * top of it). `keys` lists the documents it would write now; they are checked again after each wait.
   */
  private async plainWrite(body: Body, now: Date, keys: (coll: string) => string[], run: () => Reply): Promise<Reply> {
    for (;;) {
      if (this.txm.lockedCount === 0) return run();
      const coll = this.collection(body);
      const locked = keys(coll).find((k) => this.txm.isLocked(coll, k));
      if (locked === undefined) return run();
      await this.txm.waitUnlocked(coll, locked);
    }
  }

  /** Keys of the documents a modify/remove request would write (an upsert by `_id` included). */
  private writeTargets(coll: string, body: Body, now: Date): string[] {
    const criteria = this.writeCriteria(body, now);
    const rows = matching(this.store, coll, criteria);
    const multi = body.queryType === 'DOC' ? false : body.multi !== false;
    const keys = (multi ? rows : rows.slice(0, 1)).map((r) => r.key);
    const pinned = pinnedIds(criteria);
    if (keys.length === 0 && pinned?.length === 1) keys.push(idKey(pinned[0]));
    return keys;
  }

  private newDocs(body: Body, now: Date): Doc[] {
    const raw = Array.isArray(body.data) ? body.data : [body.data];
    if (raw.length === 0) throw invalidParam('nothing to insert');
    return raw.map((item) => {
      const doc = decodeWire(item, now);
      if (!isPlainObject(doc)) throw invalidParam('each inserted document must be an object');
      const withId: Doc = doc._id === undefined ? { _id: generateId(), ...doc } : doc;
      assertValidId(withId._id);
      assertStorableDoc(withId);
      return withId;
    });
  }

  private insert(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const docs = this.newDocs(body, now);
    // Ordered, as MongoDB's insertMany: a duplicate in the 3rd document leaves the first two
    // WRITTEN and the rest not, and the call fails. Whether CloudBase's array insert is all or
    // nothing is not documented; this is the stricter answer, so code that would leave half a batch
    // behind (a refused batch "took back" too little) fails here rather than in production.
    for (const d of docs) {
      this.store.transaction(() => {
        this.store.put(coll, idKey(d._id), d, this.store.nextSeq(), 'insert');
      });
    }
    return { data: { insertedIds: docs.map((d) => d._id), inserted: docs.length } };
  }

  private modify(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const criteria = this.writeCriteria(body, now);
    const data = decodeWire(body.data, now);
    const multi = body.queryType === 'DOC' ? false : body.multi !== false;
    const upsert = body.upsert === true;
    return this.store.transaction(() => {
      const ver = this.store.nextSeq();
      const rows = matching(this.store, coll, criteria);
      const targets = multi ? rows : rows.slice(0, 1);
      let updated = 0;
      let upsertId: unknown = null;
      if (body.merge === false) {
        // doc.set(): replace the document, keep its _id; create it when missing and upsert is set.
        const id = targets[0]?.doc._id ?? pinnedIds(criteria)?.[0];
        if (targets[0]) {
          const next = replacement(targets[0].doc._id, data);
          if (encodeStored(next) !== encodeStored(targets[0].doc)) {
            this.store.put(coll, targets[0].key, next, ver, 'upsert');
            updated = 1;
          }
        } else if (upsert) {
          if (id === undefined) throw invalidParam('set() with upsert needs a document id');
          assertValidId(id);
          this.store.put(coll, idKey(id), replacement(id, data), ver, 'insert');
          upsertId = id;
        }
        return { data: { updated, upsert_id: upsertId } };
      }
      const upd = toUpdateDoc(data);
      for (const t of targets) {
        const out = applyUpdate(t.doc, upd);
        if (!out.changed) continue;
        this.store.put(coll, t.key, out.doc, ver, 'upsert');
        updated++;
      }
      if (targets.length === 0 && upsert) {
        const seed = upsertSeed(criteria);
        if (seed._id === undefined) seed._id = generateId();
        assertValidId(seed._id);
        const out = applyUpdate(seed, upd, true);
        this.store.put(coll, idKey(out.doc._id), out.doc, ver, 'insert');
        upsertId = out.doc._id;
      }
      return { data: { updated, upsert_id: upsertId } };
    });
  }

  /**
   * `where(...).updateAndReturn(data)`: updates the first match, returns it after the update. A match
   * reports `updated: 1` even when the update changed nothing (Tencent's live test `index.test.ts:276`;
   * findings P-07), unlike `update()`, which reports MongoDB's nModified (0 for a no-op, P-20).
   */
  private modifyAndReturn(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const criteria = this.writeCriteria(body, now);
    const upd = toUpdateDoc(decodeWire(body.data, now));
    return this.store.transaction(() => {
      const target = matching(this.store, coll, criteria)[0];
      if (!target) return { data: { updated: 0, doc: null } };
      const out = applyUpdate(target.doc, upd);
      if (out.changed) this.store.put(coll, target.key, out.doc, this.store.nextSeq(), 'upsert');
      return { data: { updated: 1, doc: encodeWire(out.doc) } };
    });
  }

  private remove(body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const criteria = this.writeCriteria(body, now);
    const multi = body.queryType === 'DOC' ? false : body.multi !== false;
    const removed = this.store.transaction(() => {
      const ver = this.store.nextSeq();
      const rows = matching(this.store, coll, criteria);
      const targets = multi ? rows : rows.slice(0, 1);
      for (const t of targets) this.store.put(coll, t.key, null, ver, 'upsert');
      return targets;
    });
    return { data: { deleted: removed.length } };
  }

  // --- inside a transaction -----------------------------------------------------------------------------

  /**
   * Runs a request that carries a transactionId. CloudBase only runs single-document operations by _id
   * and inserts inside a transaction; anything else is REFUSED here (and the transaction aborted) rather
   * than silently run outside it. Note the SDK itself drops the transactionId from where().update(),
   * where().remove() and count() (it never sends one), so those cannot be caught; where().get() does send
   * it and is refused.
   */
  private async inTransaction(action: string, body: Body, now: Date): Promise<Reply> {
    const tx = this.txm.requireOpen(body.transactionId);
    try {
      // CloudBase refuses db.serverDate() inside a transaction (Tencent's live test transaction.test.ts:82).
      if (JSON.stringify(body.data ?? null).includes('$tcb_server_date')) {
        throw transactionFail('db.serverDate() is not supported inside a transaction; write new Date() instead');
      }
      const isDoc = body.queryType === 'DOC';
      switch (action) {
        case 'database.getDocument':
          if (isDoc) return this.txGet(tx, body, now);
          break;
        case 'database.modifyDocument':
          if (isDoc) return await this.txModify(tx, body, now);
          break;
        case 'database.removeDocument':
          if (isDoc) return await this.txRemove(tx, body, now);
          break;
        case 'database.insertDocument':
          return await this.txInsert(tx, body, now);
      }
      throw transactionFail(`${action}${body.queryType ? ` (${String(body.queryType)})` : ''} refused: ${TX_REFUSAL}`);
    } catch (e) {
      throw this.txm.failed(tx, toEmulatorError(e));
    }
  }

  private docId(body: Body, now: Date): unknown {
    const id = pinnedIds(this.criteria(body, now))![0];
    assertValidId(id);
    return id;
  }

  private txGet(tx: Transaction, body: Body, now: Date): Reply {
    const coll = this.collection(body);
    const id = this.docId(body, now);
    const projection = normaliseReadOptions(body, (v) => decodeWire(v, now)).projection;
    const doc = this.txm.read(tx, coll, idKey(id));
    return { data: { list: doc ? [encodeWire(project(doc, projection))] : [] } };
  }

  private txModify(tx: Transaction, body: Body, now: Date): Promise<Reply> {
    const coll = this.collection(body);
    const id = this.docId(body, now);
    const data = decodeWire(body.data, now);
    const upsert = body.upsert === true;
    const upd = body.merge === false ? undefined : toUpdateDoc(data);
    return this.txm.write(tx, coll, idKey(id), (current) => {
      if (!upd) {
        const next = replacement(id, data);
        if (current) {
          const changed = encodeStored(next) !== encodeStored(current);
          return { doc: changed ? next : undefined, result: { data: { updated: changed ? 1 : 0, upsert_id: null } } };
        }
        if (!upsert) return { doc: undefined, result: { data: { updated: 0, upsert_id: null } } };
        return { doc: next, result: { data: { updated: 0, upsert_id: id } } };
      }
      if (current) {
        const out = applyUpdate(current, upd);
        return { doc: out.changed ? out.doc : undefined, result: { data: { updated: out.changed ? 1 : 0, upsert_id: null } } };
      }
      if (!upsert) return { doc: undefined, result: { data: { updated: 0, upsert_id: null } } };
      const out = applyUpdate({ _id: id }, upd, true);
      return { doc: out.doc, result: { data: { updated: 0, upsert_id: id } } };
    });
  }

  private txRemove(tx: Transaction, body: Body, now: Date): Promise<Reply> {
    const coll = this.collection(body);
    const id = this.docId(body, now);
    return this.txm.write(tx, coll, idKey(id), (current) => ({
      doc: current ? null : undefined,
      result: { data: { deleted: current ? 1 : 0 } },
    }));
  }

  private async txInsert(tx: Transaction, body: Body, now: Date): Promise<Reply> {
    const coll = this.collection(body);
    const docs = this.newDocs(body, now);
    for (const d of docs) {
      await this.txm.write(tx, coll, idKey(d._id), (current) => {
        if (current) throw new DuplicateKeyError(coll, '_id_', `{ _id: ${JSON.stringify(d._id)} }`);
        return { doc: d, result: undefined };
      });
    }
    return { data: { insertedIds: docs.map((d) => d._id), inserted: docs.length } };
  }
}
