/**
 * Riding out a rush (a sign-up opening, a hall full of people scanning): when a call is refused
 * because the service is over its quota, wait a little and send it again, for a bounded time.
 *
 * Two refusals look alike to a person but not to a write:
 * - BUSY (transport.ts): the platform would not START the function (over the environment's
 *   request quota or the function's concurrency). Nothing ran, so sending the same call again
 *   is safe for every action — a booking cannot be made twice by a call that never ran.
 * - RATE_LIMITED in the function's own reply: the local gateway's concurrency cap answers it
 *   before the function starts, but a database quota refusal part way through the function is
 *   answered the same way (and the client cannot tell the two apart), after some writes may
 *   have happened. So it is retried only for the actions in REPEATABLE, whose repetition
 *   creates nothing new even if the first attempt did run, and for `appointment.book` when it
 *   carries its `requestId`. Everything else gets the refusal at once: `room.book` sent again
 *   after a booking that did go through would answer "该时段已被预约" about the caller's own
 *   booking. (Cost: during a rush on h5 it is not retried on the gateway's cap either.)
 * Every other error (validation, 名额已满, network, a per-person attempt allowance such as
 * redeemInvite's 尝试次数过多 — minutes away, and each try would be spent) is thrown at once.
 *
 * The same params object is sent on every attempt, so a scan's `nonce` is the same each time.
 *
 * Back-off: the ceiling doubles from BASE_MS to CAP_MS; each wait is half the ceiling plus a
 * random part of the other half ("equal jitter"), so callers refused in the same instant spread
 * out instead of coming back together, and no wait is near zero. Once the next wait would take
 * the call past RUSH_BUDGET_MS, it stops and says so in one sentence. 20 s is about as long as
 * a person watches a button before tapping away; the bench's rush of 500 sign-ups for 100 places
 * clears well inside it at the base quota.
 */
import { ApiError, BUSY_MESSAGE } from './errors';
import type { Invoke } from './transport';

export const RUSH_BUDGET_MS = 20_000;
const BASE_MS = 400;
const CAP_MS = 4_000;
export const GIVE_UP_MESSAGE = BUSY_MESSAGE;

/**
 * Actions a repeated call cannot turn into a second record, even when the first attempt ran:
 * - checkin.scan: the client's `nonce` (one per scan) makes the server record one check-in.
 * - volunteer.signUp: one active registration per person is a unique index; a repeat answers
 *   the registration already held (seats.ts).
 * - appointment.book with its `requestId` (one per tap): the booking's id comes from it, so a
 *   repeat answers the booking the first attempt made (book.ts). Without one it is not repeatable.
 * - party.upsertMember and party.createDevelopment with their `requestId` (one per opening of the
 *   form): the row's or file's id comes from it, so a repeat answers the record already made.
 * - reads of the sign-up page, which change nothing.
 */
const REPEATABLE: ReadonlySet<string> = new Set(['checkin.scan', 'volunteer.signUp', 'volunteer.getActivity', 'volunteer.listActivities']);
/** Actions repeatable only when the call carries its idempotency key. */
const REPEATABLE_WITH_KEY: Readonly<Record<string, string>> = {
  'appointment.book': 'requestId',
  // 登记党员 and 建立发展档案: the record's id comes from the form's requestId (party/roster.ts).
  'party.upsertMember': 'requestId',
  'party.createDevelopment': 'requestId',
};

function shouldRetry(err: unknown, fn: string, action: string, params: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.code === 'BUSY') return true;
  if (err.code !== 'RATE_LIMITED') return false;
  const name = `${fn}.${action}`;
  const key = REPEATABLE_WITH_KEY[name];
  return REPEATABLE.has(name) || (!!key && typeof (params as Record<string, unknown> | null)?.[key] === 'string');
}

/**
 * How many calls are waiting out a rush right now; a running button shows 排队中… while any is
 * (hooks/useSubmit.ts). One count for the app, not one per call: a page runs one action at a
 * time, so a per-call channel through every page's handler would buy nothing visible.
 */
function createQueue() {
  let waiting = 0;
  const listeners = new Set<(n: number) => void>();
  const set = (n: number) => {
    waiting = n;
    listeners.forEach((l) => l(waiting));
  };
  return {
    waiting: () => waiting,
    subscribe(listener: (n: number) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    enter: () => set(waiting + 1),
    leave: () => set(waiting - 1),
  };
}
export const rushQueue = createQueue();

export interface RetryOptions {
  /** 0 ≤ random() < 1; injected by tests. */
  random?: () => number;
}

export function withRetry(invoke: Invoke, { random = Math.random }: RetryOptions = {}): Invoke {
  return async (fn, action, params) => {
    const started = Date.now();
    let queued = false;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await invoke(fn, action, params);
        } catch (err) {
          if (!shouldRetry(err, fn, action, params)) throw err;
          const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
          const wait = Math.ceil(ceiling / 2 + random() * (ceiling / 2));
          if (Date.now() - started + wait > RUSH_BUDGET_MS) throw new ApiError((err as ApiError).code, GIVE_UP_MESSAGE);
          if (!queued) {
            queued = true;
            rushQueue.enter();
          }
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    } finally {
      if (queued) rushQueue.leave();
    }
  };
}
