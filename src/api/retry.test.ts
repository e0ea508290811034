import { ApiError } from './errors';
import { rushQueue, withRetry, RUSH_BUDGET_MS, GIVE_UP_MESSAGE } from './retry';
import { QUEUED_LABEL, submitLabel } from '../domain/submit';
import type { Invoke } from './transport';

const limited = () => new ApiError('RATE_LIMITED', '当前访问人数较多，请稍后重试。');
const refused = () => new ApiError('BUSY', '当前访问人数较多，请稍后再试。');

/** An invoke that throws each of `failures` in turn, then answers `ok`. */
function scripted(failures: Error[], ok: unknown = { status: 'confirmed' }) {
  const seen: { fn: string; action: string; params: unknown }[] = [];
  const invoke: Invoke = async (fn, action, params) => {
    seen.push({ fn, action, params });
    const f = failures.shift();
    if (f) throw f;
    return ok;
  };
  return { invoke, seen };
}

/** Lets every pending promise callback and due timer run, up to `ms` of fake time. */
async function advance(ms: number) {
  for (let t = 0; t < ms; t += 50) {
    await jest.advanceTimersByTimeAsync(50);
  }
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('a_sign_up_refused_as_RATE_LIMITED_is_retried_with_growing_jittered_back_off_until_it_is_served', async () => {
  const { invoke, seen } = scripted([limited(), limited(), limited()]);
  const delays: number[] = [];
  let last = Date.now();
  const timed: Invoke = async (...a) => {
    delays.push(Date.now() - last);
    last = Date.now();
    return invoke(...a);
  };
  const call = withRetry(timed, { random: () => 0.5 });
  const p = call('volunteer', 'signUp', { activityId: 'a1' });
  await advance(10_000);
  await expect(p).resolves.toEqual({ status: 'confirmed' });
  expect(seen).toHaveLength(4);
  // First attempt at once, then waits that grow (jittered around a doubling base).
  expect(delays[0]).toBe(0);
  expect(delays[1]).toBeGreaterThan(0);
  expect(delays[2]).toBeGreaterThan(delays[1]);
  expect(delays[3]).toBeGreaterThan(delays[2]);
});

test('the_jitter_spreads_callers_refused_at_the_same_moment', async () => {
  const waits = async (random: () => number) => {
    const { invoke } = scripted([limited()]);
    let second = 0;
    const start = Date.now();
    const timed: Invoke = async (...a) => {
      second = Date.now() - start;
      return invoke(...a);
    };
    const p = withRetry(timed, { random })('volunteer', 'signUp', { activityId: 'a1' });
    await advance(5_000);
    await p;
    return second;
  };
  expect(await waits(() => 0)).not.toBe(await waits(() => 0.99));
});

test('every_attempt_of_a_scan_sends_the_same_nonce', async () => {
  const { invoke, seen } = scripted([limited(), refused(), limited()], { status: 'ok' });
  const p = withRetry(invoke, { random: () => 0.3 })('checkin', 'scan', { code: 'v:hall', nonce: 'n0nce-abc-123' });
  await advance(15_000);
  await expect(p).resolves.toEqual({ status: 'ok' });
  expect(seen).toHaveLength(4);
  for (const s of seen) expect(s.params).toEqual({ code: 'v:hall', nonce: 'n0nce-abc-123' });
});

test('after_the_time_bound_the_caller_gets_one_chinese_sentence_saying_to_try_later', async () => {
  const invoke = jest.fn<ReturnType<Invoke>, Parameters<Invoke>>(async () => {
    throw limited();
  });
  const p = withRetry(invoke, { random: () => 0.5 })('volunteer', 'signUp', { activityId: 'a1' });
  const start = Date.now();
  let gaveUpAfter = -1;
  const settled = p.then(
    () => null,
    (e: unknown) => {
      gaveUpAfter = Date.now() - start;
      return e as ApiError;
    },
  );
  await advance(RUSH_BUDGET_MS + 5_000);
  const err = await settled;
  expect(err).toBeInstanceOf(ApiError);
  expect(err?.message).toBe(GIVE_UP_MESSAGE);
  expect(GIVE_UP_MESSAGE).toBe('当前访问人数较多，请稍后再试。');
  // Bounded: it gave up within the budget, having tried several times, and stopped trying.
  const calls = invoke.mock.calls.length;
  expect(calls).toBeGreaterThan(3);
  expect(gaveUpAfter).toBeGreaterThan(RUSH_BUDGET_MS / 2);
  expect(gaveUpAfter).toBeLessThanOrEqual(RUSH_BUDGET_MS);
  await advance(30_000);
  expect(invoke.mock.calls.length).toBe(calls);
});

test('an_error_that_is_not_throttling_is_never_retried', async () => {
  for (const e of [new ApiError('FULL', '名额已满。'), new ApiError('NETWORK', '网络连接失败，请检查网络后重试。'), new ApiError('INTERNAL', '系统开小差了。'), new Error('boom')]) {
    const { invoke, seen } = scripted([e]);
    await expect(withRetry(invoke)('volunteer', 'signUp', { activityId: 'a1' })).rejects.toBe(e);
    expect(seen).toHaveLength(1);
  }
});

test('a_booking_refused_by_the_function_itself_is_not_resent_but_one_the_platform_refused_before_it_ran_is', async () => {
  // RATE_LIMITED in the function's reply may come after the booking was written (a database quota
  // hit part way): sending it again could answer 已被预约 for the caller's own booking.
  const midway = scripted([limited()]);
  const e = await withRetry(midway.invoke)('appointment', 'book', { slotId: 's1', topic: '融资咨询问题' }).catch((x) => x);
  expect(e).toMatchObject({ code: 'RATE_LIMITED' });
  expect(midway.seen).toHaveLength(1);
  // BUSY: the platform refused to start the function, so nothing was written.
  const before = scripted([refused()], { bookingId: 'b1' });
  const p = withRetry(before.invoke, { random: () => 0.5 })('appointment', 'book', { slotId: 's1', topic: '融资咨询问题' });
  await advance(5_000);
  await expect(p).resolves.toEqual({ bookingId: 'b1' });
  expect(before.seen).toHaveLength(2);
});

test('a_booking_that_carries_its_request_id_is_resent_after_a_refusal_part_way', async () => {
  // With requestId the booking's id comes from the tap, so a resend answers the first attempt's booking.
  const keyed = scripted([limited()], { bookingId: 'b1' });
  const p = withRetry(keyed.invoke, { random: () => 0.5 })('appointment', 'book', { slotId: 's1', topic: '融资咨询问题', requestId: 'tap-0001-abcd' });
  await advance(5_000);
  await expect(p).resolves.toEqual({ bookingId: 'b1' });
  expect(keyed.seen).toHaveLength(2);
  expect(keyed.seen[1].params).toBe(keyed.seen[0].params);
});

test('a_per_person_attempt_allowance_is_not_waited_out', async () => {
  // 尝试次数过多，请于 HH:mm 后再试 is minutes away and spends quota on every try.
  const { invoke, seen } = scripted([new ApiError('RATE_LIMITED', '尝试次数过多，请于 10:30 后再试。')]);
  await expect(withRetry(invoke)('user', 'redeemInvite', { code: 'abc' })).rejects.toMatchObject({ message: '尝试次数过多，请于 10:30 后再试。' });
  expect(seen).toHaveLength(1);
});

test('the_button_says_排队中_while_its_call_waits_and_its_own_label_again_after', async () => {
  const { invoke } = scripted([limited(), limited()]);
  const p = withRetry(invoke, { random: () => 0.5 })('volunteer', 'signUp', { activityId: 'a1' });
  const label = () => submitLabel('立即报名', { loading: true, queued: rushQueue.waiting() > 0 });
  await jest.advanceTimersByTimeAsync(0);
  expect(label()).toBe(QUEUED_LABEL);
  expect(QUEUED_LABEL).toBe('排队中…');
  await advance(10_000);
  await p;
  expect(rushQueue.waiting()).toBe(0);
  expect(submitLabel('立即报名', { loading: false, queued: false })).toBe('立即报名');
});

test('the_queue_state_is_left_even_when_the_call_gives_up', async () => {
  const invoke: Invoke = async () => {
    throw limited();
  };
  const seen: number[] = [];
  const off = rushQueue.subscribe((n) => seen.push(n));
  const p = withRetry(invoke)('volunteer', 'signUp', { activityId: 'a1' }).catch(() => undefined);
  await advance(RUSH_BUDGET_MS + 5_000);
  await p;
  off();
  expect(rushQueue.waiting()).toBe(0);
  expect(seen).toEqual([1, 0]);
});
