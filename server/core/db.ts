/**
 * Typed access to the CloudBase database through the real @cloudbase/node-sdk.
 *
 * Production: `tcb.init({ env: SYMBOL_CURRENT_ENV })` inside the function.
 * Local: the gateway sets REDPARK_TCB_SERVICE_URL and the very same SDK sends its requests
 * to the in-process emulator (the local runtime's emulator/). No code path differs beyond `init`.
 *
 * The SDK's own types are mostly `any`; this file is the one place that says what each call
 * returns (shapes pinned by the emulator's *.contract.test.ts through the real SDK).
 */
import tcb from '@cloudbase/node-sdk';
import type { Collections } from './schema';
import { AppError } from './errors';
import { mapLimit } from './limit';

type Doc = Record<string, unknown>;
export type WithId<T> = T & { _id: string };

export interface QueryRef<T> {
  where(q: Doc): QueryRef<T>;
  orderBy(field: string, dir: 'asc' | 'desc'): QueryRef<T>;
  skip(n: number): QueryRef<T>;
  limit(n: number): QueryRef<T>;
  field(projection: Record<string, boolean | 0 | 1>): QueryRef<T>;
  get(): Promise<{ data: WithId<T>[] }>;
  count(): Promise<{ total: number }>;
  update(data: Doc): Promise<{ updated: number }>;
  /**
   * One atomic find-and-modify of the first match: the document AFTER the update, or null when
   * nothing matched (CloudBase `updateAndReturn`). It is how a counter hands out a number — a
   * ticket, a place — in one round trip, where update() alone cannot say what the value became.
   */
  updateAndReturn(data: Doc): Promise<{ updated: number; doc: WithId<T> | null }>;
  remove(): Promise<{ deleted: number }>;
}

export interface DocRef<T> {
  get(): Promise<{ data: WithId<T>[] }>;
  set(data: Partial<T> | Doc): Promise<{ updated: number; upsertedId: string | null }>;
  update(data: Partial<T> | Doc): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface CollectionRef<T> extends QueryRef<T> {
  doc(id: string): DocRef<T>;
  /** Several documents in one request (the SDK sends one insertDocument with every row). */
  add(data: ((T & { _id?: string }) | Doc)[]): Promise<{ ids: string[] }>;
  add(data: (T & { _id?: string }) | Doc): Promise<{ id: string }>;
  aggregate(): any;
}

/**
 * Inside a transaction only doc().get/set/update/remove and add are transactional (STACK-NOTES).
 * Unlike outside, the SDK's transactional doc().get() answers `{ data: doc }` — one object, or
 * null when missing — not an array.
 */
export interface TxDocRef<T> {
  get(): Promise<{ data: WithId<T> | null }>;
  set(data: Partial<T> | Doc): Promise<unknown>;
  update(data: Partial<T> | Doc): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface TxCollectionRef<T> {
  doc(id: string): TxDocRef<T>;
  add(data: (T & { _id?: string }) | Doc): Promise<{ id: string }>;
}
export interface Tx {
  collection<K extends keyof Collections>(name: K): TxCollectionRef<Collections[K]>;
}

let app: ReturnType<typeof tcb.init> | null = null;

export function cloud(): ReturnType<typeof tcb.init> {
  if (!app) {
    const serviceUrl = process.env.REDPARK_TCB_SERVICE_URL;
    app = serviceUrl
      ? tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl, timeout: 30000 })
      : tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  }
  return app;
}

/** For tests that point the SDK somewhere else between suites. */
export function resetCloud(): void {
  app = null;
}

export function database() {
  return cloud().database();
}

export function col<K extends keyof Collections>(name: K): CollectionRef<Collections[K]> {
  return database().collection(name) as unknown as CollectionRef<Collections[K]>;
}

/** Query and update operators (`_.inc(1)`, `_.in([...])`, …). */
export function cmd(): any {
  return database().command;
}

/**
 * A half-open period [start, end) as a query condition — the one way periods are matched, so a
 * record exactly at a boundary belongs to the later period and is never counted twice.
 */
export function during(start: Date | string, end: Date | string): any {
  const _ = cmd();
  return _.gte(start).and(_.lt(end));
}

/** Special characters of a regular expression, escaped so typed text is looked for as itself. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A case-insensitive "contains" condition for typed search text: '(' or '.' is matched as itself. */
export function contains(text: string): unknown {
  return database().RegExp({ regexp: escapeRegExp(text), options: 'i' });
}

export function serverDate(): any {
  return database().serverDate();
}

/**
 * Runs `fn` in a CloudBase transaction, retried on write conflicts. The Tx type exposes only
 * the calls CloudBase runs inside a transaction, so a where().update() cannot slip out of it.
 */
export async function transaction<R>(fn: (tx: Tx) => Promise<R>, retries = 10): Promise<R> {
  try {
    return (await database().runTransaction(async (t: any) => fn(t as Tx), retries)) as R;
  } catch (err) {
    // Still conflicting after every retry: a crowd is writing the same document. The caller
    // can simply try again; it is not a fault of ours.
    if ((err as { code?: string })?.code === 'DATABASE_TRANSACTION_CONFLICT') {
      throw new AppError('CONFLICT', '同时办理的人较多，请稍后再试一次。');
    }
    throw err;
  }
}

/** Rows read per round of rewriteWhere. */
const REWRITE_PAGE = 100;
/** Single-document writes at once in rewriteWhere (bounded, so a long history does not flood the database). */
const REWRITE_PARALLEL = 10;
/** Far beyond any real history (20,000 rows); reaching it means a rewrite that does not end the match. */
const REWRITE_ROUNDS = 200;

/**
 * Rewrites every row matching `where`, a page at a time, a bounded number of writes at once —
 * for changes one conditional update cannot express (a key rebuilt from the row, an entry in an
 * array). `rewrite` MUST make the row stop matching (e.g. it replaces the value selected on):
 * that is what ends the loop, and what makes a retry pick up exactly the rows still left. If rows
 * still match after REWRITE_ROUNDS it throws rather than return as if done.
 */
export async function rewriteWhere<K extends keyof Collections>(
  name: K,
  where: Doc,
  rewrite: (doc: WithId<Collections[K]>) => Promise<unknown>,
): Promise<number> {
  let n = 0;
  for (let round = 0; round < REWRITE_ROUNDS; round++) {
    const { data } = await col(name).where(where).limit(REWRITE_PAGE).get();
    if (!data.length) return n;
    await mapLimit(data, REWRITE_PARALLEL, (d) => rewrite(d));
    n += data.length;
  }
  throw new Error(`rewriteWhere: ${String(name)} still has matching rows after ${REWRITE_ROUNDS} rounds`);
}
