/**
 * How a call reaches a cloud function, as a pure module (no Taro import) so it can be
 * unit-tested with a fake fetch / fake callFunction.
 *
 *   weapp: cloud.callFunction({ name: fn, data: { action, params } }) → { result: Reply }
 *   h5:    POST /api/<fn> { action, params } with the demo identity in X-WX-OPENID
 *
 * Either way the reply is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`;
 * `unwrapReply` returns data or throws ApiError.
 */
import { ERROR_CODES } from '../../server/core/errors';
import { ApiError, BAD_REPLY_MESSAGE, BUSY_MESSAGE, NETWORK_MESSAGE, type ClientErrorCode } from './errors';

export type Invoke = (fn: string, action: string, params: unknown) => Promise<unknown>;

const KNOWN_CODES: readonly string[] = ERROR_CODES;

/** Returns `data` of an ok reply, throws ApiError for an error reply or anything unreadable. */
export function unwrapReply(reply: unknown): unknown {
  const r = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (r && typeof r === 'object' && r.ok === true) return r.data;
  if (r && typeof r === 'object' && r.ok === false && r.error && typeof r.error === 'object') {
    const code = typeof r.error.code === 'string' && KNOWN_CODES.includes(r.error.code) ? r.error.code : 'INTERNAL';
    const message = typeof r.error.message === 'string' && r.error.message ? r.error.message : BAD_REPLY_MESSAGE;
    throw new ApiError(code as ClientErrorCode, message);
  }
  throw new ApiError('BAD_REPLY', BAD_REPLY_MESSAGE);
}

// ---------- weapp ----------

/**
 * Whether `cloud.callFunction` failed because the platform would not START the function: over
 * the environment's request quota or the function's concurrency. Nothing ran, so the same call
 * may be sent again (api/retry.ts) — unlike a failure after the function started.
 *
 * What the platform gives (error object's `errCode`, or inside `errMsg` as "errCode: -501004"):
 * - WeChat's cloud error codes (developers.weixin.qq.com → 云开发 → 错误码): -501003 请求次数超出
 *   环境配额, -501004 请求并发数超出环境配额.
 * - CloudBase's names, which appear in errMsg behind the generic -501000: EXCEED_CONCURRENT_REQUEST_LIMIT
 *   (docs.cloudbase.net/error-code/EXCEED_CONCURRENT_REQUEST_LIMIT: 调用云函数并发突增导致请求超出限制),
 *   FUNCTION_EXCEED_RESOURCE_LIMIT (请求资源超过预置并发), and SCF's ResourceLimitReached
 *   (cloud.tencent.com/document/product/583/51585: a sync invocation over the concurrency quota is
 *   answered 432 and "重试策略由调用方决定" — the caller decides whether to retry).
 * A message that also names -504002 / -404011 says the function ran and failed (e.g. its own
 * database call was throttled part way): that is not a refusal, whatever else it mentions.
 * Not confirmed against a live environment: the exact errMsg wording varies by base library.
 */
const THROTTLE_CODES = new Set([-501003, -501004]);
const THROTTLE_NAMES = /EXCEED_CONCURRENT_REQUEST_LIMIT|FUNCTION_EXCEED_RESOURCE_LIMIT|ResourceLimitReached/;
const FUNCTION_RAN = /-504002|-404011/;

export function isPlatformThrottle(err: unknown): boolean {
  const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null | undefined;
  if (!e || typeof e !== 'object') return false;
  const text = [e.errMsg, e.message].filter((t): t is string => typeof t === 'string').join(' ');
  if (FUNCTION_RAN.test(text)) return false;
  const inText = (text.match(/errCode:\s*-?\d+/g) ?? []).map((m) => Number(m.replace(/^errCode:\s*/, '')));
  const codes = [Number(e.errCode), ...inText];
  return codes.some((c) => THROTTLE_CODES.has(c)) || THROTTLE_NAMES.test(text);
}

export interface CloudLike {
  init(opts: { env?: string; traceUser?: boolean }): void;
  callFunction(opts: { name: string; data: unknown }): Promise<{ result?: unknown }>;
}

export interface CloudTransportOptions {
  cloud: CloudLike;
  /** CloudBase environment id; empty means the default environment. */
  env?: string;
}

export function createCloudTransport({ cloud, env }: CloudTransportOptions): Invoke {
  let initialised = false;
  return async (fn, action, params) => {
    if (!initialised) {
      cloud.init({ env: env || undefined, traceUser: true });
      initialised = true;
    }
    let res: { result?: unknown };
    try {
      res = await cloud.callFunction({ name: fn, data: { action, params } });
    } catch (err) {
      throw isPlatformThrottle(err) ? new ApiError('BUSY', BUSY_MESSAGE) : new ApiError('NETWORK', NETWORK_MESSAGE);
    }
    return unwrapReply(res?.result);
  };
}

// ---------- h5 ----------

export interface FetchResponseLike {
  status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: unknown },
) => Promise<FetchResponseLike>;

export interface HttpTransportOptions {
  fetch: FetchLike;
  /** The chosen demo identity; null when none is chosen (the gateway then answers UNAUTHENTICATED). */
  getOpenid: () => string | null;
  baseUrl?: string;
  timeoutMs?: number;
  /** Injected for tests; defaults to the global AbortController when there is one. */
  createAbort?: () => { signal: unknown; abort(): void } | null;
}

export function createHttpTransport(opts: HttpTransportOptions): Invoke {
  const base = opts.baseUrl ?? '';
  const timeoutMs = opts.timeoutMs ?? 15000;
  const createAbort =
    opts.createAbort ?? (() => (typeof AbortController === 'function' ? new AbortController() : null));
  return async (fn, action, params) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const openid = opts.getOpenid();
    if (openid) headers['X-WX-OPENID'] = openid;

    const abort = createAbort();
    const timer = abort ? setTimeout(() => abort.abort(), timeoutMs) : null;
    let res: FetchResponseLike;
    try {
      res = await opts.fetch(`${base}/api/${encodeURIComponent(fn)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ action, params }),
        signal: abort?.signal,
      });
    } catch {
      throw new ApiError('NETWORK', NETWORK_MESSAGE);
    } finally {
      if (timer) clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      // A proxy error page or a static server without the gateway: no JSON reply at all.
      const unreachable = res.status === 404 || res.status >= 500;
      throw unreachable ? new ApiError('NETWORK', NETWORK_MESSAGE) : new ApiError('BAD_REPLY', BAD_REPLY_MESSAGE);
    }
    return unwrapReply(body);
  };
}

// ---------- choice ----------

export interface TransportDeps {
  /** weapp: the platform's cloud object (Taro.cloud), read only when the weapp transport is chosen. */
  cloud?: () => CloudLike;
  env?: string;
  /** h5: fetch and the demo identity. */
  fetch?: FetchLike;
  getOpenid?: () => string | null;
}

/** weapp talks to CloudBase directly; every other target (h5) goes through the HTTP gateway. */
export function selectTransport(platform: string | undefined, deps: TransportDeps): Invoke {
  if (platform === 'weapp') {
    if (!deps.cloud) throw new Error('weapp transport needs cloud');
    return createCloudTransport({ cloud: deps.cloud(), env: deps.env });
  }
  if (!deps.fetch || !deps.getOpenid) throw new Error('http transport needs fetch and getOpenid');
  return createHttpTransport({ fetch: deps.fetch, getOpenid: deps.getOpenid });
}
