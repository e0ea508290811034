/**
 * The index keys a document contributes to a unique index, computed in JS and then enforced by SQLite.
 *
 * Why a separate key table (store.ts `uniq`, PRIMARY KEY (coll, idx, key)) instead of SQLite unique
 * expression indexes on json_extract(body, '$.field'):
 *  - json_extract maps `true` to 1, so a `true` and a `1` would collide, and `1` vs `1.0` depend on how the
 *    JSON was printed; MongoDB compares by BSON type/value, which a canonical key string reproduces.
 *  - SQLite treats NULLs as distinct in a unique index, so any number of documents missing the field would
 *    pass; MongoDB's non-sparse unique index indexes a missing field as null and lets only ONE document
 *    lack it. We emulate MongoDB/CloudBase here: missing and null are the same key ("null"), so a second
 *    document without the field is a DATABASE_DUPLICATE_WRITE. (If you need "many may lack it", that is a
 *    sparse/partial index in MongoDB, which cloudbaserc.json cannot declare.)
 *  - MongoDB indexes every element of an array ("multikey"): two documents sharing one tag collide. An
 *    expression index can't fan out over an array; a key table can (one row per element).
 *  - An EMPTY array is keyed `undefined` in MongoDB 4.0, which is not `null`: a document with `tags: []`
 *    and one without `tags` do not collide (two with `tags: []` do).
 *  - A compound index may have at most one array field per document ("cannot index parallel arrays").
 * The check itself is still done by SQLite's PRIMARY KEY, inside the same SQLite transaction as the write,
 * so there is no read-then-write window.
 */
import type { IndexDecl } from './collections';
import { isPlainObject, type Doc } from './ejson';
import { invalidParam } from './errors';

/** Above this many keys for one document the write is refused. */
const MAX_KEYS_PER_DOC = 1000;

/** What an empty array contributes to an index: MongoDB's `undefined` key, distinct from null/missing. */
const EMPTY_ARRAY = Symbol('empty array');

/** Stable, type-tagged text for one indexed value: equal in MongoDB ⇔ equal here. */
export function canonicalKey(v: unknown): string {
  if (v === EMPTY_ARRAY) return 'undefined';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return `n:${Object.is(v, -0) ? 0 : v}`; // 1 and 1.0 are the same number
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (v instanceof RegExp) return `r:${v.toString()}`;
  if (Array.isArray(v)) return `a:${JSON.stringify(v.map(canonicalKey))}`;
  if (isPlainObject(v)) return `o:${JSON.stringify(Object.keys(v).map((k) => [k, canonicalKey(v[k])]))}`;
  return `x:${String(v)}`;
}

/**
 * Values found at a dotted path, fanning out over arrays like a MongoDB multikey index; `arrays` counts
 * the arrays met on the way.
 */
function valuesAtPath(v: unknown, parts: string[], arrays: { n: number }): unknown[] {
  if (parts.length === 0) {
    if (Array.isArray(v)) {
      arrays.n++;
      return v.length ? v : [EMPTY_ARRAY];
    }
    return [v];
  }
  if (Array.isArray(v)) {
    arrays.n++;
    const out: unknown[] = [];
    if (/^\d+$/.test(parts[0])) out.push(...valuesAtPath(v[Number(parts[0])], parts.slice(1), arrays));
    for (const el of v) if (isPlainObject(el)) out.push(...valuesAtPath(el, parts, arrays));
    return out.length ? out : [undefined];
  }
  if (isPlainObject(v)) return valuesAtPath(v[parts[0]], parts.slice(1), arrays);
  return [undefined];
}

/** Every distinct key `doc` puts into `index` (one for scalars, several for arrays). */
export function uniqueKeysOf(doc: Doc, index: IndexDecl): string[] {
  let combos: string[][] = [[]];
  const arrayFields: string[] = [];
  for (const k of index.keys) {
    const arrays = { n: 0 };
    const vals = Array.from(new Set(valuesAtPath(doc, k.name.split('.'), arrays).map(canonicalKey)));
    if (arrays.n > 0) arrayFields.push(k.name);
    if (arrayFields.length > 1) {
      throw invalidParam(`cannot index parallel arrays [${arrayFields[1]}] [${arrayFields[0]}] (index ${index.name})`);
    }
    const next: string[][] = [];
    for (const c of combos) for (const v of vals) next.push([...c, v]);
    if (next.length > MAX_KEYS_PER_DOC) {
      throw invalidParam(`document produces more than ${MAX_KEYS_PER_DOC} keys for index ${index.name}`);
    }
    combos = next;
  }
  return Array.from(new Set(combos.map((c) => JSON.stringify(c))));
}

/** Human-readable form of a key for the duplicate-key message: `{ name: "x" }`. */
export function describeKey(index: IndexDecl, key: string): string {
  const parts = JSON.parse(key) as string[];
  const shown = index.keys.map((k, i) => {
    const p = parts[i];
    const text = p === 'null' || p === 'undefined' ? p : p.startsWith('s:') ? JSON.stringify(p.slice(2)) : p.slice(2);
    return `${k.name}: ${text}`;
  });
  return `{ ${shown.join(', ')} }`;
}
