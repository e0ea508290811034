/**
 * The closed set of error codes every reply may carry (see PRODUCT.md → the call contract).
 * Handlers throw AppError; the router turns it into `{ ok: false, error: { code, message } }`.
 * Anything else thrown becomes INTERNAL with a generic message, so no stack trace or
 * database text can ever reach a caller.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FULL',
  'CLOSED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status the local gateway answers for each code (200 for ok). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FULL: 409,
  CLOSED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** Default Chinese sentence per code, used when a handler gives none. */
export const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  VALIDATION: '提交的信息有误，请检查后重试。',
  UNAUTHENTICATED: '未能识别您的身份，请在微信中重新打开小程序。',
  FORBIDDEN: '您没有权限进行此操作，如有需要请联系党群服务中心。',
  NOT_FOUND: '要找的内容不存在或已被删除，请返回后刷新。',
  CONFLICT: '操作与现有记录冲突，请刷新后再试。',
  FULL: '名额已满，请关注其他安排。',
  CLOSED: '该事项已关闭或已过期，请刷新后查看最新状态。',
  RATE_LIMITED: '操作太频繁了，请稍等片刻再试。',
  INTERNAL: '系统开小差了，请稍后再试；如多次出现请联系党群服务中心。',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = 'AppError';
    this.code = code;
  }
}

export type Reply<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string } };

export function okReply<T>(data: T): Reply<T> {
  return { ok: true, data };
}

export function errorReply(code: ErrorCode, message?: string): Reply<never> {
  return { ok: false, error: { code, message: message ?? DEFAULT_MESSAGE[code] } };
}

/** CloudBase reports a unique-index violation with this code (see STACK-NOTES). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return !!e && (e.code === 'DATABASE_DUPLICATE_WRITE' || /DATABASE_DUPLICATE_WRITE/.test(e.message ?? ''));
}

/**
 * The platform is over a quota at this moment (database requests per second, or instances of a
 * function): nothing is wrong with the request, and the same call shortly after is served.
 */
export const BUSY_MESSAGE = '当前访问人数较多，请稍后重试。';

/**
 * CloudBase refuses a database request over the environment's request-frequency quota with
 * EXCEED_RATELIMIT (docs.cloudbase.net → 错误码 → basic; the local emulator's QPS cap sends the same);
 * Tencent Cloud's API layer says RequestLimitExceeded. The SDK throws either as an error whose
 * `.code` is copied from the reply.
 */
const THROTTLED_CODES = new Set(['EXCEED_RATELIMIT', 'RequestLimitExceeded']);
export function isThrottled(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && THROTTLED_CODES.has(code);
}
