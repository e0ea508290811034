/**
 * Errors the emulator sends back to the SDK.
 *
 * The SDK turns any reply that carries a truthy `code` into a thrown `TcbError` whose `.code` and `.message`
 * are copied from the reply (node-sdk `utils/tcbapirequester.js` → `processReturn`). So every failure is a
 * 200 reply `{ code, message, requestId }`, and the codes are the ones CloudBase itself uses, because
 * production code branches on them (`runTransaction` retries only on `DATABASE_TRANSACTION_CONFLICT`).
 */

export type ErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  /** Over the environment's request-frequency quota (shape.ts; only when a QPS cap is set). */
  | 'EXCEED_RATELIMIT';

export class EmulatorError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export const invalidParam = (message: string) => new EmulatorError('INVALID_PARAM', message);

export const collectionNotExist = (name: string) =>
  new EmulatorError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `Db or Table not exist: collection "${name}" does not exist (declare it in cloudbaserc.json)`,
  );

export const transactionConflict = (detail: string) =>
  new EmulatorError('DATABASE_TRANSACTION_CONFLICT', `transaction conflict: ${detail}; retry the transaction`);

export const transactionFail = (message: string) => new EmulatorError('DATABASE_TRANSACTION_FAIL', message);

/** A write broke a unique index (or reused an existing _id). Raised from the SQLite constraint, see store.ts. */
export class DuplicateKeyError extends EmulatorError {
  constructor(collection: string, index: string, key: string) {
    super(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
    );
  }
}

/**
 * Maps anything thrown while serving a request to a reply-safe error. SQLite's own messages (table names,
 * SQL fragments) never reach the caller: an unexpected failure becomes a generic DATABASE_REQUEST_FAILED.
 * (Query/update engine errors are the caller's fault; query.ts, update.ts and aggregate.ts wrap them into
 * INVALID_PARAM at the call site, where we know the message is about the caller's input.)
 */
export function toEmulatorError(e: unknown): EmulatorError {
  if (e instanceof EmulatorError) return e;
  return new EmulatorError('DATABASE_REQUEST_FAILED', 'database request failed');
}

/** Runs a query/update-engine call and reports its complaints as the caller's INVALID_PARAM. */
export function asInvalidParam<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EmulatorError) throw e;
    throw invalidParam(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
