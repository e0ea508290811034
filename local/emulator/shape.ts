/**
 * The production shape of the database service, for benchmarks and the tests that pin it: locally the
 * emulator answers in microseconds, on CloudBase every call is a network round trip and the
 * environment's database requests per second are capped (the old base quota: 30/s).
 *
 *   rttMs          every request waits this long in total: half on the way in, half on the way back,
 *                  so a document written by a request is visible to others only after the first half,
 *                  and its caller learns the result only after the second (as over a network).
 *   qps            requests per second the environment accepts: a token bucket that holds one second's
 *                  worth (a burst of `qps` at once is accepted, then `qps` per second). A request with no
 *                  token waits in line for its turn; one whose turn is further away than `qpsMaxWaitMs`
 *                  fails at once with EXCEED_RATELIMIT (CloudBase's code for "request frequency exceeds
 *                  the plan's limit") and takes no token — waiting longer would not get it one sooner.
 *
 * All off (0) by default; DatabaseEmulator.setShape changes them on a running emulator.
 */
import { EmulatorError } from './errors';

export interface DbShape {
  /** Round-trip delay added to every request, ms. 0 = none. */
  rttMs?: number;
  /** Database requests per second accepted. 0 = unlimited. */
  qps?: number;
  /** Longest a request waits for its turn under `qps` before it is refused, ms. Default 1000. */
  qpsMaxWaitMs?: number;
}

export const DEFAULT_QPS_MAX_WAIT_MS = 1000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What CloudBase answers when the environment is over its request-frequency quota. */
export const rateLimitExceeded = () =>
  new EmulatorError('EXCEED_RATELIMIT', 'request frequency exceeds the environment quota (database QPS); retry later');

export class Shaper {
  private rttMs = 0;
  private qps = 0;
  private maxWaitMs = DEFAULT_QPS_MAX_WAIT_MS;
  /**
   * The bucket as a "theoretical arrival time" (GCRA, the usual exact form of a token bucket): the
   * moment the bucket would be empty again if no more requests came. A request may go at
   * `tat - burst`, where burst is one second's worth of tokens less the one it takes.
   */
  private tat = 0;

  constructor(shape: DbShape = {}) {
    this.set(shape);
  }

  set(shape: DbShape): void {
    this.rttMs = Math.max(0, shape.rttMs ?? 0);
    this.qps = Math.max(0, shape.qps ?? 0);
    this.maxWaitMs = Math.max(0, shape.qpsMaxWaitMs ?? DEFAULT_QPS_MAX_WAIT_MS);
    this.tat = 0;
  }

  get active(): boolean {
    return this.rttMs > 0 || this.qps > 0;
  }

  /** The first half of the round trip, then a token (waiting for it, or throwing EXCEED_RATELIMIT). */
  async arrive(): Promise<void> {
    if (this.rttMs) await sleep(Math.ceil(this.rttMs / 2));
    if (!this.qps) return;
    const now = Date.now();
    const interval = 1000 / this.qps;
    const burst = 1000 - interval;
    const goAt = Math.max(now, this.tat - burst);
    if (goAt - now > this.maxWaitMs) throw rateLimitExceeded();
    this.tat = Math.max(this.tat, now) + interval;
    if (goAt > now) await sleep(goAt - now);
  }

  /** The second half of the round trip: the reply travelling back. */
  async depart(): Promise<void> {
    if (this.rttMs) await sleep(this.rttMs - Math.ceil(this.rttMs / 2));
  }
}
