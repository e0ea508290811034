/**
 * The production entry of a cloud function. The caller is whoever the platform says called:
 * WX_OPENID from the function's context (newer runtimes pass it in `context.environment`,
 * older ones in process.env listed by WX_CONTEXT_KEYS — the SDK's getCloudbaseContext reads
 * both). `event.userInfo` or any other field the client could forge is never read.
 */
import tcb from '@cloudbase/node-sdk';
import { dispatch, type ActionTable, type Event } from './router';

export function platformOpenid(context: unknown): string {
  // The SDK throws on a context without either field (e.g. a local test call), so pass it only
  // when the platform filled it in; process.env is read either way.
  const c = context as { environment?: unknown; environ?: unknown } | null | undefined;
  const usable = !!c && typeof c === 'object' && (typeof c.environment === 'string' || typeof c.environ === 'string');
  const ctx = tcb.getCloudbaseContext(usable ? (c as never) : undefined);
  return (ctx as { WX_OPENID?: string }).WX_OPENID ?? '';
}

export function makeMain(fn: string, table: ActionTable) {
  return async function main(event: Event, context: unknown) {
    let openid = '';
    try {
      openid = platformOpenid(context);
    } catch (err) {
      console.error(`${fn}: unreadable function context`, err);
    }
    return dispatch(fn, table, event, { openid });
  };
}
