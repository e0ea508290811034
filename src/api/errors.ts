/**
 * The error every API call throws. `code` is one of the server's codes
 * (server/core/errors.ts → ERROR_CODES) or one the client adds itself:
 * NETWORK (no reply reached us), BAD_REPLY (a reply we could not read) and BUSY (the platform
 * refused to start the function because it was over a quota — see transport.ts).
 */
import type { ErrorCode } from '../../server/core/errors';

export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_REPLY' | 'BUSY';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试。';
export const BAD_REPLY_MESSAGE = '服务暂时无法使用，请稍后重试。';
/** The rush outlasted the client's patience (api/retry.ts), or the platform refused a call. */
export const BUSY_MESSAGE = '当前访问人数较多，请稍后再试。';

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    // Keep `instanceof` working when compiled to ES5 classes.
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

/** One sentence of Chinese for any thrown value (what the UI shows). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  const e = err as { code?: unknown; message?: unknown } | null | undefined;
  if (e && typeof e.code === 'string' && typeof e.message === 'string' && /[\u4e00-\u9fa5]/.test(e.message)) {
    return e.message;
  }
  return '操作未成功，请稍后重试。';
}
