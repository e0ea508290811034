/**
 * Test helpers: an emulator behind a real HTTP server on 127.0.0.1, and SDK apps pointed at it.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import * as tcb from '@cloudbase/node-sdk';
import { loadCollections, type CollectionDecl } from './collections';
import { DatabaseEmulator, type EmulatorOptions } from './emulator';
import { skipSdkMetadataLookup } from './sdk-local';

export interface TestEmulator {
  /** serviceUrl for tcb.init, ending in /admin. */
  url: string;
  emulator: DatabaseEmulator;
  close(): Promise<void>;
}

/**
 * Starts an emulator on an ephemeral port. Defaults: a fresh SQLite file in a temp dir (removed on
 * close) and the collections declared in cloudbaserc.json.
 */
export async function startTestEmulator(
  opts: { collections?: CollectionDecl[]; file?: string } & Partial<Omit<EmulatorOptions, 'file' | 'collections'>> = {},
): Promise<TestEmulator> {
  const { collections, file, ...rest } = opts;
  const tmpDir = file ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-db-'));
  const emulator = DatabaseEmulator.open({
    ...rest,
    file: file ?? path.join(tmpDir!, 'db.sqlite'),
    collections: collections ?? loadCollections(),
  });
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === '/admin') return emulator.handleHttp(req, res);
    res.writeHead(404).end();
  });
  // The SDK's keep-alive agent frees idle sockets after 4.8 s; the server must not close them first
  // (Node's default is 5 s, a race that shows up as ECONNRESET).
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}/admin`,
    emulator,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      emulator.close();
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/** A fresh CloudBase app (real SDK) whose database calls go to `url`. */
export function sdkFor(url: string): ReturnType<typeof tcb.init> {
  skipSdkMetadataLookup();
  return tcb.init({ env: 'redpark-local', secretId: 'local', secretKey: 'local', serviceUrl: url });
}
