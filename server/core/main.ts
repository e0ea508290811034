/**
 * The production entry of a cloud function. The caller is whoever the platform says called:
 * WX_OPENID from the function's context (newer runtimes pass it in `context.environment`,
 * older ones in process.env listed by WX_CONTEXT_KEYS — the SDK's getCloudbaseContext reads
 * both). `event.userInfo` or any other field the client could forge is never read.
 *
 * A function may also name timer jobs (cloudbaserc.json → triggers, type 'timer'). CloudBase calls
 * the function with `{ Type: 'Timer', TriggerName, Time }` and no caller; only such a call — no
 * OPENID and a known trigger name — runs a job. A job must be safe to run at any time (idempotent,
 * nothing a caller could abuse), since an identity-less call can in principle be sent by anyone
 * with access to the environment.
 */
import tcb from '@cloudbase/node-sdk';
import { dispatch, type ActionTable, type Event } from './router';
import { okReply } from './errors';

export function platformOpenid(context: unknown): string {
  // The SDK throws on a context without either field (e.g. a local test call), so pass it only
  // when the platform filled it in; process.env is read either way.
  const c = context as { environment?: unknown; environ?: unknown } | null | undefined;
  const usable = !!c && typeof c === 'object' && (typeof c.environment === 'string' || typeof c.environ === 'string');
  const ctx = tcb.getCloudbaseContext(usable ? (c as never) : undefined);
  return (ctx as { WX_OPENID?: string }).WX_OPENID ?? '';
}

export type TimerJobs = Record<string, () => Promise<unknown>>;

/** The job a timer event names, if the event is a timer call and the job exists. */
export function timerJob(event: unknown, jobs: TimerJobs): (() => Promise<unknown>) | null {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  if (!e || e.Type !== 'Timer' || typeof e.TriggerName !== 'string') return null;
  return Object.prototype.hasOwnProperty.call(jobs, e.TriggerName) ? jobs[e.TriggerName] : null;
}

export function makeMain(fn: string, table: ActionTable, timers: TimerJobs = {}) {
  return async function main(event: Event, context: unknown) {
    let openid = '';
    try {
      openid = platformOpenid(context);
    } catch (err) {
      console.error(`${fn}: unreadable function context`, err);
    }
    const job = openid ? null : timerJob(event, timers);
    if (job) return okReply(await job());
    return dispatch(fn, table, event, { openid });
  };
}
