/** Helpers for integration tests: a gateway on a free port with its own temporary data folder. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startGateway, type Gateway, type ProductionShape } from './gateway';
import { col } from '../server/core/db';

export interface TestGateway extends Gateway {
  dataDir: string;
  /** POST /api/<fn> as `openid` (no header when openid is null); returns HTTP status and body. */
  call(fn: string, action: string, params?: unknown, openid?: string | null): Promise<{ status: number; body: any }>;
  /** Same, for a raw body. */
  post(fn: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

export async function startTestGateway(opts: { dataDir?: string; staticDir?: string; shape?: ProductionShape } = {}): Promise<TestGateway> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-test-'));
  // Tests always deliver through the WeChat-strict sender, whatever a developer's shell says.
  delete process.env.REDPARK_STRICT_SENDER;
  // No background timers: tests run the timer's work themselves, when they mean to.
  // No production shape unless the test asks for one, whatever REDPARK_DB_* say in the shell.
  const gw = await startGateway({ port: 0, dataDir, staticDir: opts.staticDir, timers: false, shape: opts.shape ?? {} });
  const post = async (fn: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gw.url}/api/${fn}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    return { status: res.status, body: await res.json() };
  };
  const call = (fn: string, action: string, params: unknown = {}, openid: string | null = 'demo-visitor') =>
    post(fn, JSON.stringify({ action, params }), openid === null ? {} : { 'X-WX-OPENID': openid });
  return {
    ...gw,
    dataDir,
    post,
    call: process.env.REDPARK_CALL_STATS ? recordingCalls(gw, call, process.env.REDPARK_CALL_STATS) : call,
  };
}

/**
 * Whether a user record exists, read without leaving a trace in the emulator's counters (tests
 * that count the database calls of an action must see the same numbers under the recorder).
 */
async function exists(gw: Gateway, openid: string): Promise<boolean | null> {
  const s = gw.emulator.stats;
  try {
    return (await col('users').doc(openid).get()).data.length > 0;
  } catch {
    return null;
  } finally {
    s.requests--;
    s.reads--;
    s.byAction['database.getDocument']--;
  }
}

/**
 * `npm run bench` runs the integration tests with REDPARK_CALL_STATS=<file> to learn the database
 * calls of every action from calls made with valid params: each call through `gw.call` appends
 * `{ fn, action, ok, requests, writes, byAction }` (emulator counters before → after) as one JSON
 * line. A call that overlapped another on the same gateway is marked, since its counts are mixed.
 */
function recordingCalls(gw: Gateway, call: TestGateway['call'], file: string): TestGateway['call'] {
  let inflight = 0;
  let started = 0;
  return async (fn, action, params, openid) => {
    const s = gw.emulator.stats;
    const mine = ++started;
    const overlapped = ++inflight > 1;
    // A caller's first call also creates their user record (one more get and one insert, once per
    // person ever, server/core/caller.ts): looked up before counting, and taken out of the figures.
    const who = openid === undefined ? 'demo-visitor' : openid;
    const newUser = !!who && (await exists(gw, who)) === false;
    const before = { requests: s.requests, writes: s.writes, byAction: { ...s.byAction } };
    try {
      const res = await call(fn, action, params, openid);
      const after = { requests: s.requests, writes: s.writes };
      const byAction: Record<string, number> = {};
      for (const [k, v] of Object.entries(s.byAction)) if (v !== (before.byAction[k] ?? 0)) byAction[k] = v - (before.byAction[k] ?? 0);
      const created = newUser && (await exists(gw, who!)) === true;
      if (created) {
        byAction['database.getDocument'] -= 1;
        byAction['database.insertDocument'] -= 1;
        for (const k of ['database.getDocument', 'database.insertDocument']) if (!byAction[k]) delete byAction[k];
      }
      const line = {
        fn, action, ok: res.body?.ok === true,
        overlapped: overlapped || started !== mine || after.requests < before.requests,
        requests: after.requests - before.requests - (created ? 2 : 0), writes: after.writes - before.writes - (created ? 1 : 0), byAction,
      };
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
      return res;
    } finally {
      inflight--;
    }
  };
}

/** An openid nobody has used yet (a new visitor), tagged for reading test data. */
export const freshOpenid = (() => {
  let n = 0;
  return (tag: string) => `test-${tag}-${Date.now().toString(36)}-${n++}`;
})();
