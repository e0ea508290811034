/**
 * Reading: which stored documents a query touches, and what a `get()` returns.
 *
 * Trade-off: a query on `_id` (equality or `$in`, the shape of every `doc(id)` call and of the
 * conditional-update pattern `where({ _id, taken: _.lt(cap) })`) is answered from the primary key. Any
 * other query loads the collection and filters it with mingo (MongoDB's query language for JS objects)
 * instead of translating queries to SQL. Local collections hold thousands of documents, where a scan costs
 * a few milliseconds, and mingo gives MongoDB semantics (arrays, null-vs-missing, $elemMatch, regexps,
 * type ordering) that a SQL translation would only approximate. A hosted-scale dataset would need indexes.
 */
import { find, Query } from 'mingo';
import { isPlainObject, idKey, type Doc } from './ejson';
import { asInvalidParam, invalidParam } from './errors';
import type { Store, StoredDoc } from './store';

export type Criteria = Record<string, unknown>;

/** Requests come from the network: never let a query evaluate JavaScript ($where, $function). */
export const ENGINE_OPTIONS = { scriptEnabled: false } as const;

/** CloudBase returns 100 documents when no limit is given and never more than 1000 per request. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function asCriteria(decoded: unknown): Criteria {
  if (decoded === undefined || decoded === null) return {};
  if (!isPlainObject(decoded)) throw invalidParam('query must be an object');
  return decoded;
}

/** The `_id` values a query pins down, or undefined when it does not restrict `_id` to a fixed list. */
export function pinnedIds(criteria: Criteria): unknown[] | undefined {
  if (!('_id' in criteria)) return undefined;
  const c = criteria._id;
  if (typeof c === 'string' || typeof c === 'number') return [c];
  if (isPlainObject(c)) {
    const keys = Object.keys(c);
    if (keys.length === 1 && keys[0] === '$eq' && (typeof c.$eq === 'string' || typeof c.$eq === 'number')) return [c.$eq];
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(c.$in)) return c.$in;
  }
  return undefined;
}

export function compile(criteria: Criteria): Query {
  return asInvalidParam('invalid query', () => new Query(criteria, ENGINE_OPTIONS));
}

/** Stored documents of `coll` matching `criteria`, in insertion order. */
export function matching(store: Store, coll: string, criteria: Criteria): StoredDoc[] {
  const q = compile(criteria);
  const ids = pinnedIds(criteria);
  let rows: StoredDoc[];
  if (ids) {
    const seen = new Set<string>();
    rows = [];
    for (const id of ids) {
      const key = idKey(id);
      if (seen.has(key)) continue;
      seen.add(key);
      const r = store.get(coll, key);
      if (r) rows.push(r);
    }
  } else {
    rows = store.scan(coll);
  }
  return asInvalidParam('invalid query', () => rows.filter((r) => q.test(r.doc)));
}

export interface ReadOptions {
  order?: Record<string, number>;
  offset?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

export function normaliseReadOptions(body: Record<string, unknown>, decode: (v: unknown) => unknown): ReadOptions {
  const order = decode(body.order);
  if (order !== undefined && !isPlainObject(order)) throw invalidParam('order must be an object');
  for (const v of Object.values(order ?? {})) {
    if (v !== 1 && v !== -1) throw invalidParam('order direction must be 1 or -1');
  }
  const projection = decode(body.projection);
  if (projection !== undefined && !isPlainObject(projection)) throw invalidParam('projection must be an object');
  const offset = body.offset === undefined ? 0 : Number(body.offset);
  if (!Number.isInteger(offset) || offset < 0) throw invalidParam('offset must be a non-negative integer');
  const rawLimit = body.limit === undefined ? DEFAULT_LIMIT : Number(body.limit);
  if (!Number.isInteger(rawLimit) || rawLimit < 0) throw invalidParam('limit must be a non-negative integer');
  const limit = rawLimit === 0 ? DEFAULT_LIMIT : Math.min(rawLimit, MAX_LIMIT);
  return {
    order: order as Record<string, number> | undefined,
    offset,
    limit,
    projection: projection && Object.keys(projection).length ? projection : undefined,
  };
}

/** Sort (MongoDB order: before skip/limit), skip, limit, then project. */
export function shape(docs: Doc[], opts: ReadOptions): Doc[] {
  return asInvalidParam('invalid read options', () => {
    let cursor = find(docs, {}, opts.projection, ENGINE_OPTIONS);
    if (opts.order && Object.keys(opts.order).length) cursor = cursor.sort(opts.order as Record<string, 1 | -1>);
    if (opts.offset) cursor = cursor.skip(opts.offset);
    cursor = cursor.limit(opts.limit ?? DEFAULT_LIMIT);
    return cursor.all() as Doc[];
  });
}

/** Projection of a single document (doc(id).get().field(...)). */
export function project(doc: Doc, projection: Record<string, unknown> | undefined): Doc {
  if (!projection) return doc;
  return asInvalidParam('invalid projection', () => find([doc], {}, projection, ENGINE_OPTIONS).all()[0] as Doc);
}
