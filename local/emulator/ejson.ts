/**
 * Value encodings, in one place because three formats meet here:
 *
 * 1. The wire, SDK → emulator. The SDK serialises queries, orders, projections, documents and update
 *    documents with `bson`'s `EJSON.stringify(x, { relaxed: false })`, so every number arrives wrapped
 *    (`{"$numberInt":"1"}`, `{"$numberDouble":"1.5"}`, `{"$numberLong":"5"}`), dates as
 *    `{"$date":{"$numberLong":"<ms>"}}`, `db.RegExp(...)` and JS regexps as
 *    `{"$regularExpression":{"pattern","options"}}`, and `db.serverDate({ offset })` as the CloudBase-only
 *    `{"$tcb_server_date":{"offset":<ms>}}`. `decodeWire` turns all of that into plain JS values (numbers,
 *    Date, RegExp) so mingo can evaluate it. Server dates become `new Date(now + offset)` with one `now` per
 *    request, so every serverDate in one request (e.g. `createdAt` and `updatedAt`) is the same instant.
 *
 * 2. The wire, emulator → SDK. Documents go back as EJSON strings inside `data.list`; the SDK runs
 *    `EJSON.parse` (relaxed) on each, which turns `{"$date":{"$numberLong":...}}` into a JS Date — exactly
 *    what real CloudBase produces for a stored date. Plain JSON numbers stay numbers.
 *
 * 3. Storage. Documents are JSON text in SQLite; JSON has no Date, RegExp, NaN or ±Infinity, so those are
 *    stored as single-key `$` objects (`{"$date":<ms>}` …). That cannot collide with user data because
 *    field names starting with `$` are refused on write (as MongoDB/CloudBase do), see `assertStorableDoc`.
 */
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

export { isPlainObject };

function singleKey(v: Record<string, unknown>): string | undefined {
  let found: string | undefined;
  for (const k in v) {
    if (found !== undefined) return undefined;
    found = k;
  }
  return found;
}

function toNumber(s: unknown): number {
  if (typeof s === 'number') return s;
  if (s === 'Infinity' || s === '+Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  if (s === 'NaN') return NaN;
  const n = Number(s);
  if (typeof s !== 'string' || s.trim() === '' || Number.isNaN(n)) throw invalidParam(`bad EJSON number ${JSON.stringify(s)}`);
  return n;
}

/** Only the flags JavaScript understands; MongoDB's `x` (extended) has no JS equivalent and is dropped. */
function jsRegExp(pattern: unknown, options: unknown): RegExp {
  const flags = String(options ?? '').replace(/[^imsu]/g, '');
  try {
    return new RegExp(String(pattern), Array.from(new Set(flags)).join(''));
  } catch (e) {
    throw invalidParam(`invalid regular expression /${String(pattern)}/: ${(e as Error).message}`);
  }
}

/**
 * Parses one EJSON string (or an already-parsed value) from the SDK into plain JS values.
 * `now` is the request's server time, used for `$tcb_server_date`.
 */
export function decodeWire(input: unknown, now: Date): unknown {
  if (input === undefined || input === null || input === '') return input === '' ? undefined : input;
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw invalidParam('malformed EJSON in request');
    }
  }
  return reviveWire(value, now);
}

function reviveWire(v: unknown, now: Date): unknown {
  if (Array.isArray(v)) return v.map((x) => reviveWire(x, now));
  if (!isPlainObject(v)) return v;
  const key = singleKey(v);
  if (key !== undefined && key.startsWith('$')) {
    const inner = v[key];
    switch (key) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        return toNumber(inner);
      case '$date': {
        const d = reviveWire(inner, now);
        const ms = typeof d === 'number' ? d : typeof d === 'string' ? Date.parse(d) : NaN;
        if (Number.isNaN(ms)) throw invalidParam('bad EJSON $date');
        return new Date(ms);
      }
      case '$tcb_server_date': {
        const spec = reviveWire(inner, now);
        const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
        return new Date(now.getTime() + offset);
      }
      case '$regularExpression': {
        if (!isPlainObject(inner)) throw invalidParam('bad EJSON $regularExpression');
        return jsRegExp(inner.pattern, inner.options);
      }
      case '$oid':
      case '$symbol':
        return String(inner);
      case '$undefined':
        return undefined;
      default:
        break; // a query/update operator such as {$exists: true}: revive its operand below
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = reviveWire(v[k], now);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/** JSON.stringify replacer hook: `this[key]` is the raw value (before Date#toJSON ran). */
function specialToJSON(raw: unknown, dateAs: (ms: number) => unknown): unknown {
  if (raw instanceof Date) return { $date: dateAs(raw.getTime()) };
  if (raw instanceof RegExp) return { $regularExpression: { pattern: raw.source, options: raw.flags } };
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $numberDouble: String(raw) };
  return undefined;
}

/** One document or aggregation row → the EJSON string the SDK's `EJSON.parse` expects. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const special = specialToJSON(this[key], (ms) => ({ $numberLong: String(ms) }));
    return special === undefined ? v : special;
  });
}

/** A document → its stored JSON text. */
export function encodeStored(doc: Doc): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key, v) {
    const special = specialToJSON(this[key], (ms) => ms);
    return special === undefined ? v : special;
  });
}

/** Stored JSON text → the document, with Dates (and the rest) revived. */
export function decodeStored(text: string): Doc {
  return JSON.parse(text, (_k, v) => {
    if (!isPlainObject(v)) return v;
    const key = singleKey(v);
    if (key === '$date') return new Date(v.$date as number);
    if (key === '$numberDouble') return Number(v.$numberDouble);
    if (key === '$regularExpression') {
      const r = v.$regularExpression as { pattern: string; options: string };
      return new RegExp(r.pattern, r.options);
    }
    return v;
  }) as Doc;
}

/**
 * Refuses what MongoDB (and so CloudBase) refuses to store: field names starting with `$` (they would be
 * read back as operators) or containing `.` (they could never be addressed by a dot path). Catching this
 * locally beats discovering it in production.
 */
export function assertStorableDoc(doc: unknown, path = ''): void {
  if (Array.isArray(doc)) {
    doc.forEach((x, i) => assertStorableDoc(x, `${path}[${i}]`));
    return;
  }
  if (!isPlainObject(doc)) return;
  for (const k of Object.keys(doc)) {
    if (k.startsWith('$')) throw invalidParam(`field name "${path}${k}" must not start with "$"`);
    if (k.includes('.')) throw invalidParam(`field name "${path}${k}" must not contain "."`);
    if (k === '') throw invalidParam(`empty field name at "${path}"`);
    assertStorableDoc(doc[k], `${path}${k}.`);
  }
}

/**
 * The text used as the primary-key column for a document `_id`. CloudBase ids are strings, but `doc(5)` is
 * legal in the SDK and sends a number, and `5` and `"5"` are different ids in MongoDB; a prefix that no
 * generated or sane id uses keeps them apart.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number') return `\u0000n:${id}`;
  return `\u0000j:${encodeStored({ id } as Doc)}`;
}

/** `_id` values a document may have: CloudBase uses strings, the SDK also lets numbers through. */
export function assertValidId(id: unknown): void {
  if (typeof id === 'string' ? id.length === 0 : typeof id !== 'number' || !Number.isFinite(id)) {
    throw invalidParam('_id must be a non-empty string or a number');
  }
}
