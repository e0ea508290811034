/**
 * The local service center in one process:
 *   - an emulator of the CloudBase database on a private loopback port (never the public one,
 *     so nobody reaching the gateway can talk to the database directly);
 *   - `POST /api/<function>` → the very same action tables the cloud functions ship, with the
 *     caller taken from the X-WX-OPENID header (what WeChat cloud hosting injects);
 *   - `GET /local/demo-callers` for the h5 "选择演示身份" screen;
 *   - the h5 build as static files at `/`.
 * Never bundled into a function or the mini-program.
 */
import http from 'http';
import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { DatabaseEmulator, loadCollections, skipSdkMetadataLookup, type DbShape } from './emulator';
import { BUSY_MESSAGE, errorReply, HTTP_STATUS, type Reply } from '../server/core/errors';
import { dispatch, type ActionTable } from '../server/core/router';
import { resetCloud } from '../server/core/db';
import { functions } from '../server/functions';
import { DEMO_CALLERS } from './demo';
import { isSeeded, seed } from './seed';
import { deliverDue } from '../cloudfunctions/notify/deliver';
import { currentSender } from '../cloudfunctions/notify/senders';
import { releaseDue } from '../cloudfunctions/room/bookings';
import { closeUnrecorded, expireDue } from '../cloudfunctions/appointment/expire';
import { repairHalfDone } from '../cloudfunctions/appointment/repair';
import { reconcileRecent } from '../cloudfunctions/volunteer/reconcile';
import { remindAll as partyReminders } from '../cloudfunctions/party/remind';
import { remindOrgLife } from '../cloudfunctions/org/remind';
import { slaSweepRun } from '../cloudfunctions/demand/sweep';
import { remindTomorrow as volunteerReminders } from '../cloudfunctions/volunteer/remind';
import { sendPolicyNotices } from '../cloudfunctions/policy/notices';
import { ensureCertSecret, ensureCheckinSecret, ensurePublicUrl } from './secrets';
import { replaceTestCloudIds } from './openData';

export const REPO_ROOT = path.resolve(__dirname, '..');
const MAX_BODY = 256 * 1024;

export interface GatewayOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  staticDir?: string;
  seed?: boolean;
  /** Run the timer-triggered work (outbox delivery, room-booking sweep, expiry of unconfirmed appointments and repair of half-done ones, volunteer place reconcile, party reminders, volunteer day-before reminders, policy notices, demand service-level notices) every 30 s, as CloudBase's timers do. */
  timers?: boolean;
  /**
   * Production shape (see ProductionShape). When absent, read from REDPARK_DB_RTT_MS,
   * REDPARK_DB_QPS, REDPARK_DB_QPS_WAIT_MS and REDPARK_FN_CONCURRENCY; unset means off.
   */
  shape?: ProductionShape;
}

/**
 * What makes the local service behave like CloudBase under load (all off by default):
 * the database's round trip and requests-per-second quota (local/emulator/shape.ts), and
 * `fnConcurrency`, the instances one function may run at once — a request beyond it is refused
 * at once with RATE_LIMITED 429, as the platform refuses an invocation over the function's
 * concurrency quota (the old base quota: 20).
 */
export interface ProductionShape extends DbShape {
  fnConcurrency?: number;
}

const SHAPE_ENV: Record<keyof Required<ProductionShape>, string> = {
  rttMs: 'REDPARK_DB_RTT_MS',
  qps: 'REDPARK_DB_QPS',
  qpsMaxWaitMs: 'REDPARK_DB_QPS_WAIT_MS',
  fnConcurrency: 'REDPARK_FN_CONCURRENCY',
};

/** The shape the environment asks for; a value that is not a number ≥ 0 stops the start (a typo must not silently mean "off"). */
export function shapeFromEnv(env: NodeJS.ProcessEnv = process.env): ProductionShape {
  const shape: ProductionShape = {};
  for (const [key, name] of Object.entries(SHAPE_ENV) as [keyof ProductionShape, string][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw}: expected a number ≥ 0`);
    shape[key] = n;
  }
  return shape;
}

export interface Gateway {
  url: string;
  port: number;
  emulator: DatabaseEmulator;
  /** Changes the production shape of the running gateway (e.g. seed or warm up without it, then measure with it). */
  setShape(shape: ProductionShape): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendReply(res: http.ServerResponse, reply: Reply<unknown>): void {
  sendJson(res, reply.ok ? 200 : HTTP_STATUS[reply.error.code], reply);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained, not kept, so the caller still gets a coded reply.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Executions in flight per function, against the cap. A refused request never started, so the
 * caller may simply send it again; the next request after one finishes is served.
 */
class Instances {
  cap = 0;
  private readonly running = new Map<string, number>();
  tryEnter(fn: string): boolean {
    const n = this.running.get(fn) ?? 0;
    if (this.cap > 0 && n >= this.cap) return false;
    this.running.set(fn, n + 1);
    return true;
  }
  leave(fn: string): void {
    this.running.set(fn, (this.running.get(fn) ?? 1) - 1);
  }
}

async function handleApi(fnName: string, req: http.IncomingMessage, res: http.ServerResponse, instances: Instances): Promise<void> {
  const table = Object.prototype.hasOwnProperty.call(functions, fnName)
    ? ((functions as Record<string, ActionTable>)[fnName] as ActionTable)
    : undefined;
  if (!table) return sendReply(res, errorReply('NOT_FOUND', `没有名为“${fnName.slice(0, 40)}”的云函数。`));
  if (!instances.tryEnter(fnName)) {
    req.resume(); // the body is not needed; drain it so the connection can be reused
    return sendReply(res, errorReply('RATE_LIMITED', BUSY_MESSAGE));
  }
  try {
    await runFunction(fnName, table, req, res);
  } finally {
    instances.leave(fnName);
  }
}

async function runFunction(fnName: string, table: ActionTable, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const text = await readBody(req);
  if (text === null) return sendReply(res, errorReply('VALIDATION', '提交的内容过大，请精简后重试。'));
  let event: unknown;
  try {
    event = text ? JSON.parse(text) : {};
  } catch {
    return sendReply(res, errorReply('VALIDATION', '请求格式不正确（需要 JSON），请更新小程序后重试。'));
  }
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    return sendReply(res, errorReply('VALIDATION', '请求格式不正确，请更新小程序后重试。'));
  }
  const header = req.headers['x-wx-openid'];
  const openid = Array.isArray(header) ? header[0] : header;
  // What the platform does to a CloudID before a function runs, for the test form only.
  const e = event as Record<string, unknown>;
  if ('params' in e) e.params = replaceTestCloudIds(e.params);
  sendReply(res, await dispatch(fnName, table, e, { openid }));
}

/**
 * A malformed path (`/%E0%A4%A` is not valid percent-encoding) is the caller's mistake: a coded
 * 400, never an exception out of the request listener, which would stop the whole gateway.
 */
function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent((req.url ?? '/').split('?')[0]);
  } catch {
    return sendReply(res, errorReply('VALIDATION', '网址格式不正确，请检查后重新打开。'));
  }
  let file = path.normalize(path.join(root, urlPath));
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('网页尚未构建：请运行 npm start（会自动构建）或 npm run build:h5。');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
  });
  fs.createReadStream(file)
    .on('error', (err) => {
      console.error('static file error', err);
      res.destroy();
    })
    .pipe(res);
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startGateway(opts: GatewayOptions = {}): Promise<Gateway> {
  const dataDir = path.resolve(opts.dataDir ?? process.env.REDPARK_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const staticDir = path.resolve(opts.staticDir ?? path.join(REPO_ROOT, 'dist-h5'));
  const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
  fs.mkdirSync(dataDir, { recursive: true });
  ensureCheckinSecret(dataDir);
  ensureCertSecret(dataDir);

  const shape = opts.shape ?? shapeFromEnv();
  // Opened without the shape: seeding is set-up, not traffic (at 30 requests/s it would take minutes).
  const emulator = DatabaseEmulator.open({ file: path.join(dataDir, 'redpark.sqlite'), collections: loadCollections() });
  const instances = new Instances();
  const setShape = (s: ProductionShape) => {
    emulator.setShape(s);
    instances.cap = Math.max(0, s.fnConcurrency ?? 0);
  };
  const dbServer = http.createServer((req, res) => emulator.handleHttp(req, res));
  // The SDK drops idle sockets after 4.8 s; Node's 5 s server default races with that.
  dbServer.keepAliveTimeout = 10_000;
  // Off Tencent Cloud the SDK otherwise probes a metadata host before every request (~55 ms).
  skipSdkMetadataLookup();
  const dbPort = await listen(dbServer, 0, '127.0.0.1');
  // The functions' SDK reads this when it first initialises; reset so a new gateway in the
  // same process (tests) is not talking to an old one.
  process.env.REDPARK_TCB_SERVICE_URL = `http://127.0.0.1:${dbPort}/admin`;
  resetCloud();

  if (opts.seed !== false && !(await isSeeded())) await seed();
  setShape(shape);

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const api = /^\/api\/([A-Za-z0-9_-]{1,64})\/?(\?.*)?$/.exec(url);
    if (api) {
      if (req.method !== 'POST') return sendReply(res, errorReply('NOT_FOUND', '请使用 POST 调用云函数。'));
      handleApi(api[1], req, res, instances).catch((err) => {
        console.error('gateway error', err);
        if (!res.headersSent) sendReply(res, errorReply('INTERNAL'));
      });
      return;
    }
    if (url.startsWith('/api/')) return sendReply(res, errorReply('NOT_FOUND', '没有这个云函数。'));
    if (url === '/local/demo-callers') {
      return sendJson(res, 200, { ok: true, data: DEMO_CALLERS.map((c) => ({ ...c })) });
    }
    if (url === '/healthz') return sendJson(res, 200, { ok: true, data: 'ok' });
    try {
      serveStatic(staticDir, req, res);
    } catch (err) {
      console.error('static file error', err);
      if (!res.headersSent) sendReply(res, errorReply('INTERNAL'));
      else res.destroy();
    }
  });
  const port = await listen(server, opts.port ?? Number(process.env.PORT ?? 8080), host);
  ensurePublicUrl(`http://${host}:${port}`);

  let timer: NodeJS.Timeout | null = null;
  if (opts.timers !== false) {
    timer = setInterval(() => {
      deliverDue(currentSender(), { runId: `local-${Date.now()}` }).catch((err) => console.error('outbox delivery failed', err));
      releaseDue(new Date()).catch((err) => console.error('room booking sweep failed', err));
      expireDue(new Date())
        .then(() => closeUnrecorded(new Date()))
        .then(() => repairHalfDone(new Date()))
        .catch((err) => console.error('appointment expiry failed', err));
      reconcileRecent(new Date()).catch((err) => console.error('volunteer place reconcile failed', err));
      partyReminders(new Date()).catch((err) => console.error('party reminders failed', err));
      volunteerReminders(new Date()).catch((err) => console.error('volunteer reminders failed', err));
      sendPolicyNotices(new Date()).catch((err) => console.error('policy notices failed', err));
      remindOrgLife(new Date()).catch((err) => console.error('三会一课 reminders failed', err));
      slaSweepRun(new Date()).catch((err) => console.error('demand service-level sweep failed', err));
    }, 30_000);
    timer.unref();
  }

  return {
    url: `http://${host}:${port}`,
    port,
    emulator,
    setShape,
    async close() {
      if (timer) clearInterval(timer);
      for (const s of [server, dbServer]) {
        const closed = new Promise<void>((r) => s.close(() => r()));
        s.closeAllConnections();
        await closed;
      }
      emulator.close();
    },
  };
}
