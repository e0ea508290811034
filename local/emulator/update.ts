/**
 * Turning a `database.modifyDocument` body into the new state of a document.
 *
 * The SDK has already done CloudBase's client-side work: `doc.update({ a: { b: 1 } })` arrives as
 * `{"$set":{"a.b":1}}` (nested objects are flattened to dot paths, so they MERGE into the stored object),
 * `_.remove()` as `$unset`, `_.shift()` as `{$pop: -1}`, `_.unshift(x)` as `{$push: {$each, $position: 0}}`,
 * `_.push({ each, position, slice, sort })` as `$push` with the MongoDB modifiers. `doc.set(obj)` arrives
 * with `merge: false` and a plain document: it REPLACES the document and keeps `_id`.
 *
 * Operators are applied by mingo (a MongoDB update engine). mingo silently skips a few things MongoDB
 * refuses (e.g. `$inc` on a string, `$push` onto a non-array); those are checked here first so the
 * emulator fails where CloudBase would.
 */
import { update as mingoUpdate } from 'mingo';
import { assertStorableDoc, decodeStored, encodeStored, isPlainObject, type Doc } from './ejson';
import { asInvalidParam, invalidParam } from './errors';
import { ENGINE_OPTIONS } from './query';

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$pull', '$pullAll', '$addToSet', '$pop']);
const SUPPORTED_OPS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename',
  '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit', '$setOnInsert',
]);

export type UpdateDoc = Record<string, Record<string, unknown>>;

/**
 * Normalises the `data` of a merge-update. A body without any operator (only possible with the SDK's
 * `raw` option) is read as `$set` of its fields, which is what CloudBase does for `update({...})`.
 */
export function toUpdateDoc(data: unknown): UpdateDoc {
  if (!isPlainObject(data)) throw invalidParam('update data must be an object');
  const keys = Object.keys(data);
  if (keys.length === 0) throw invalidParam('update data must not be empty');
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return { $set: data };
  if (ops.length !== keys.length) throw invalidParam('update data mixes operators and plain fields');
  for (const op of ops) {
    if (!SUPPORTED_OPS.has(op)) throw invalidParam(`unsupported update operator ${op}`);
    if (!isPlainObject(data[op])) throw invalidParam(`${op} needs an object of field paths`);
  }
  return data as UpdateDoc;
}

function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (isPlainObject(v)) v = v[part];
    else return undefined;
  }
  return v;
}

/** Operators that never create a field, so a path through a non-object is a no-op for them, not an error. */
const NON_CREATING_OPS = new Set(['$unset', '$pull', '$pullAll', '$pop', '$rename']);

/**
 * MongoDB (under CloudBase) creates missing parents of a dotted path, but refuses to create a field
 * INSIDE an existing `null`, scalar, Date, or inside an array with a non-numeric part (PathNotViable,
 * "Cannot create field 'b' in element {a: null}"). The SDK turns `update({ a: { b: 1 } })` into
 * `$set: { 'a.b': 1 }`, so this is what an update of a nested object meets when the stored `a` is null.
 * mingo would quietly replace the null (or skip the write); CloudBase refuses, and so does the emulator.
 * To replace the whole field whatever it holds, write `{ a: _.set({ b: 1 }) }`.
 */
function assertPathViable(doc: Doc, op: string, path: string): void {
  if (NON_CREATING_OPS.has(op)) return;
  const parts = path.split('.');
  let v: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    const next = Array.isArray(v) ? (/^\d+$/.test(part) ? v[Number(part)] : undefined) : isPlainObject(v) ? v[part] : undefined;
    if (next === undefined) return; // a missing parent is created
    const child = parts[i + 1];
    const viable = Array.isArray(next) ? /^\d+$/.test(child) : isPlainObject(next);
    if (!viable) {
      const shown = next instanceof Date ? `new Date(${next.getTime()})` : JSON.stringify(next);
      throw invalidParam(`Cannot create field '${child}' in element {${part}: ${shown}} (PathNotViable; use _.set() to replace the whole field)`);
    }
    v = next;
  }
}

function checkOperandTypes(doc: Doc, upd: UpdateDoc): void {
  for (const [op, fields] of Object.entries(upd)) {
    for (const [path, operand] of Object.entries(fields)) {
      if (path === '_id' || path.startsWith('_id.')) throw invalidParam('不能更新_id的值 (the _id field cannot be updated)');
      assertPathViable(doc, op, path);
      const current = valueAt(doc, path);
      if (NUMERIC_OPS.has(op)) {
        if (typeof operand !== 'number') throw invalidParam(`${op} on "${path}" needs a number`);
        if (current !== undefined && typeof current !== 'number') {
          throw invalidParam(`Cannot apply ${op} to a value of non-numeric type at "${path}"`);
        }
      }
      if (ARRAY_OPS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw invalidParam(`Cannot apply ${op} to a non-array field "${path}"`);
      }
      if (op === '$rename' && typeof operand !== 'string') throw invalidParam(`$rename of "${path}" needs a string`);
    }
  }
}

export interface UpdateOutcome {
  doc: Doc;
  /** False when the update left the document identical (MongoDB's nModified = 0, CloudBase `updated: 0`). */
  changed: boolean;
}

/** Applies an update document to a copy of `doc`. `inserting` enables `$setOnInsert` (upserts). */
export function applyUpdate(doc: Doc, upd: UpdateDoc, inserting = false): UpdateOutcome {
  // Not structuredClone: under jest the global one builds objects of the host realm, whose Dates
  // fail `instanceof Date` inside the test's realm, so mingo copied them as plain values and every
  // update turned the document's other Date fields into strings. The storage round trip is
  // realm-safe and is exactly what the store keeps.
  const next = decodeStored(encodeStored(doc));
  const { $setOnInsert, ...rest } = upd;
  checkOperandTypes(next, rest);
  if (Object.keys(rest).length) asInvalidParam('update failed', () => mingoUpdate(next, rest, undefined, undefined, { cloneMode: 'deep', queryOptions: ENGINE_OPTIONS }));
  if (inserting && $setOnInsert) asInvalidParam('update failed', () => mingoUpdate(next, { $set: $setOnInsert }, undefined, undefined, { cloneMode: 'deep', queryOptions: ENGINE_OPTIONS }));
  if (encodeStored({ _id: next._id }) !== encodeStored({ _id: doc._id })) throw invalidParam('the _id field cannot be updated');
  assertStorableDoc(next);
  return { doc: next, changed: encodeStored(next) !== encodeStored(doc) };
}

/** `doc.set(data)`: the stored document becomes `data`, keeping `_id`. */
export function replacement(id: unknown, data: unknown): Doc {
  if (!isPlainObject(data)) throw invalidParam('set data must be an object');
  if (Object.keys(data).some((k) => k.startsWith('$'))) {
    throw invalidParam('set() takes a plain document, not update operators');
  }
  if ('_id' in data && encodeStored({ _id: data._id }) !== encodeStored({ _id: id })) {
    throw invalidParam('不能更新_id的值 (the _id field cannot be updated)');
  }
  const doc: Doc = { _id: id, ...data };
  doc._id = id;
  assertStorableDoc(doc);
  return doc;
}

/**
 * The document an update-upsert starts from: the query's plain equality fields (MongoDB semantics),
 * e.g. `{ _id: 'a', day: '2024-01-01', taken: { $lt: 5 } }` seeds `{ _id: 'a', day: '2024-01-01' }`.
 */
export function upsertSeed(query: Record<string, unknown>): Doc {
  const seed: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) continue;
    if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) setPath(seed, k, v.$eq);
      continue;
    }
    setPath(seed, k, v);
  }
  return seed;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let o: Record<string, unknown> = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(o[p])) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}
