/**
 * The action router every cloud function is built from.
 *
 * A function is a table `action name → { roles, params, handler }`. `dispatch` does, in order:
 * identity (UNAUTHENTICATED) → known action (NOT_FOUND) → caller's roles (FORBIDDEN) →
 * params (VALIDATION) → handler. Roles come before params so that a FORBIDDEN reply never
 * depends on what was sent and a stranger learns nothing about an action's schema.
 *
 * Identity is passed in by the transport (production: the platform's OPENID; local: the
 * gateway's X-WX-OPENID header). Nothing inside `event` can set it.
 */
import * as z from 'zod';
import { AppError, BUSY_MESSAGE, errorReply, isDuplicateKey, isThrottled, okReply, type Reply } from './errors';
import type { Role } from './roles';
import { describeIssues, findPoisonKey } from './validation';
import { loadCaller, type Caller } from './caller';

export interface Ctx {
  caller: Caller;
  /** Request id for logs; never shown to users. */
  requestId: string;
}

export interface Action<S extends z.ZodType = z.ZodType, R = unknown> {
  /** Who may call: 'anyone' is any identified caller (every WeChat user is at least a visitor). */
  roles: 'anyone' | readonly Role[];
  params: S;
  handler: (params: z.output<S>, ctx: Ctx) => Promise<R>;
}

export type ActionTable = Record<string, Action<z.ZodType, unknown>>;

/** Identity helper so each action file infers its own param and result types. */
export function action<S extends z.ZodType, R>(def: Action<S, R>): Action<S, R> {
  return def;
}

/** Types the front end imports (type-only) to make every call checked. */
export type ParamsOf<A> = A extends Action<infer S, unknown> ? z.input<S> : never;
export type ResultOf<A> = A extends Action<z.ZodType, infer R> ? Awaited<R> : never;

export interface Event {
  action?: unknown;
  params?: unknown;
}

export interface Identity {
  openid?: string | null;
}

let seq = 0;

export async function dispatch(
  fn: string,
  table: ActionTable,
  event: Event | null | undefined,
  identity: Identity,
): Promise<Reply<unknown>> {
  const requestId = `${fn}-${Date.now().toString(36)}-${(seq++).toString(36)}`;
  const name = typeof event?.action === 'string' ? event.action : '';
  try {
    const openid = typeof identity.openid === 'string' ? identity.openid.trim() : '';
    if (!openid || openid.length > 128) throw new AppError('UNAUTHENTICATED');

    // Own-property lookup only: `toString` or `__proto__` are not actions.
    const act = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (!act) throw new AppError('NOT_FOUND', `没有“${name.slice(0, 40) || '（空）'}”这项操作，请更新小程序后再试。`);

    const caller = await loadCaller(openid);
    if (act.roles !== 'anyone' && !act.roles.some((r) => caller.roles.includes(r))) {
      throw new AppError('FORBIDDEN');
    }

    const raw = event?.params === undefined || event.params === null ? {} : event.params;
    const poison = findPoisonKey(raw);
    if (poison) throw new AppError('VALIDATION', `请检查：参数中不能包含“${poison}”字段。`);
    const parsed = act.params.safeParse(raw);
    if (!parsed.success) throw new AppError('VALIDATION', describeIssues(parsed.error.issues));
    return okReply(await act.handler(parsed.data, { caller, requestId }));
  } catch (err) {
    if (err instanceof AppError) return errorReply(err.code, err.message);
    // A unique index said no where the handler did not expect it: still the caller's conflict.
    if (isDuplicateKey(err)) return errorReply('CONFLICT');
    // The database said "over quota, retry later": the caller retries (with back-off); it is not a
    // fault, so no log line per refusal (a rush would write thousands).
    if (isThrottled(err)) return errorReply('RATE_LIMITED', BUSY_MESSAGE);
    // Details go to the function log only; the caller gets a generic sentence.
    console.error(`[${requestId}] ${fn}.${name} failed:`, err);
    return errorReply('INTERNAL');
  }
}
