/**
 * Local emulator of the CloudBase database service, for the real `@cloudbase/node-sdk`:
 *
 *   const emulator = DatabaseEmulator.open({ file: 'local/.data/db.sqlite', collections: loadCollections() })
 *   http.createServer((req, res) => req.url?.startsWith('/admin') ? emulator.handleHttp(req, res) : ...)
 *   tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: 'http://127.0.0.1:PORT/admin' })
 *
 * Files: collections.ts (cloudbaserc.json), ejson.ts (wire/storage encodings), store.ts (SQLite),
 * unique-keys.ts (unique indexes), query.ts (reads), update.ts (update operators), transactions.ts,
 * aggregate.ts, http.ts, emulator.ts (request dispatch), testing.ts (test server + SDK helper).
 */
export { loadCollections, DEFAULT_CLOUDBASERC } from './collections';
export type { CollectionDecl, IndexDecl } from './collections';
export { DatabaseEmulator, generateId } from './emulator';
export type { EmulatorOptions, EmulatorStats } from './emulator';
export { EmulatorError } from './errors';
export { skipSdkMetadataLookup } from './sdk-local';
export type { DbShape } from './shape';
export type { ErrorCode } from './errors';
