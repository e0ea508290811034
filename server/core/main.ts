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

/** What a CloudBase timer trigger passes as the event. */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time?: string;
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  const e = event as Partial<TimerEvent> | null;
  return !!e && e.Type === 'Timer' && typeof e.TriggerName === 'string';
}

/**
 * `onTimer` runs for a timer trigger. A timer invocation has no caller, so an event that says
 * `Type: 'Timer'` but comes from a person (the platform gave an OPENID) is an ordinary call and
 * goes through the router like any other — a client cannot start the timer's work.
 */
export function makeMain(fn: string, table: ActionTable, opts: { onTimer?: (event: TimerEvent) => Promise<unknown> } = {}) {
  return async function main(event: Event, context: unknown) {
    let openid = '';
    try {
      openid = platformOpenid(context);
    } catch (err) {
      console.error(`${fn}: unreadable function context`, err);
    }
    if (opts.onTimer && !openid && isTimerEvent(event)) {
      try {
        return { ok: true, data: await opts.onTimer(event) };
      } catch (err) {
        console.error(`${fn}: timer run failed`, err);
        return { ok: false, error: { code: 'INTERNAL', message: '定时任务失败' } };
      }
    }
    return dispatch(fn, table, event, { openid });
  };
}
