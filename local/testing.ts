/** Helpers for integration tests: a gateway on a free port with its own temporary data folder. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startGateway, type Gateway } from './gateway';

export interface TestGateway extends Gateway {
  dataDir: string;
  /** POST /api/<fn> as `openid` (no header when openid is null); returns HTTP status and body. */
  call(fn: string, action: string, params?: unknown, openid?: string | null): Promise<{ status: number; body: any }>;
  /** Same, for a raw body. */
  post(fn: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

export async function startTestGateway(opts: { dataDir?: string; staticDir?: string } = {}): Promise<TestGateway> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-test-'));
  // No background timers: tests run the timer's work themselves, when they mean to.
  const gw = await startGateway({ port: 0, dataDir, staticDir: opts.staticDir, timers: false });
  const post = async (fn: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gw.url}/api/${fn}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    return { status: res.status, body: await res.json() };
  };
  return {
    ...gw,
    dataDir,
    post,
    call: (fn, action, params = {}, openid = 'demo-visitor') =>
      post(fn, JSON.stringify({ action, params }), openid === null ? {} : { 'X-WX-OPENID': openid }),
  };
}

/** An openid nobody has used yet (a new visitor), tagged for reading test data. */
export const freshOpenid = (() => {
  let n = 0;
  return (tag: string) => `test-${tag}-${Date.now().toString(36)}-${n++}`;
})();
