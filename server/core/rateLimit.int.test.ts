/**
 * Rate limits on the actions that take a guessable code (L-35): user.redeemInvite,
 * study.joinByCode and volunteer.verifyCertificate, through the local gateway, and the counter's
 * own atomicity under parallel calls.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from './db';
import { newUser } from './caller';
import { spendAttempt } from './rateLimit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/**
 * Windows are fixed 10-minute spans of the clock: a run that straddles a boundary would start a
 * fresh count halfway. Wait out the last few seconds of a window instead (never a date in a test).
 */
async function awayFromWindowEdge(windowMs = 10 * 60_000, marginMs = 8_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}

async function visitorWithConsent(tag: string): Promise<string> {
  const openid = freshOpenid(tag);
  await gw.call('user', 'acceptPrivacy', {}, openid);
  return openid;
}

describe('rate limits on guessable codes', () => {
  jest.setTimeout(30_000);

  test('after_ten_invite_codes_in_ten_minutes_the_caller_is_told_when_to_try_again_and_others_are_not_affected', async () => {
    await awayFromWindowEdge();
    const guesser = await visitorWithConsent('guesser');
    for (let i = 0; i < 10; i++) {
      expect((await gw.call('user', 'redeemInvite', { code: `NOSUCH${10 + i}` }, guesser)).body.error.code).toBe('NOT_FOUND');
    }
    // The 11th is refused before the code is even looked up — the right code too.
    const limited = await gw.call('user', 'redeemInvite', { code: 'YUNFAN26' }, guesser);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/请于 \d{2}:\d{2} 后再试/);
    const other = await visitorWithConsent('bystander');
    expect((await gw.call('user', 'redeemInvite', { code: 'NOSUCH99' }, other)).body.error.code).toBe('NOT_FOUND');
  });

  test('after_ten_study_group_codes_in_ten_minutes_a_member_is_told_when_to_try_again', async () => {
    await awayFromWindowEdge();
    const m = freshOpenid('member');
    await col('users').add({ _id: m, ...newUser(m), roles: ['member'], branchId: 'branch-joint', memberStatus: 'approved', profile: { name: '测试党员' }, privacyAcceptedAt: new Date() });
    for (let i = 0; i < 10; i++) {
      expect((await gw.call('study', 'joinByCode', { code: `NOSUCH${10 + i}` }, m)).body.error.code).toBe('NOT_FOUND');
    }
    const limited = await gw.call('study', 'joinByCode', { code: 'NOSUCH99' }, m);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.body.error.message).toMatch(/请于 \d{2}:\d{2} 后再试/);
  });

  test('certificate_checks_allow_thirty_in_ten_minutes_per_caller_then_answer_rate_limited', async () => {
    await awayFromWindowEdge();
    const checker = freshOpenid('checker');
    for (let i = 0; i < 30; i++) {
      expect((await gw.call('volunteer', 'verifyCertificate', { code: `ABCDE-FGH${i}` }, checker)).body).toEqual({ ok: true, data: { valid: false } });
    }
    const limited = await gw.call('volunteer', 'verifyCertificate', { code: 'ABCDE-FGHJK' }, checker);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await gw.call('volunteer', 'verifyCertificate', { code: 'ABCDE-FGHJK' }, freshOpenid('checker'))).body.ok).toBe(true);
  });

  test.each([false, true])('parallel_attempts_of_one_caller_never_get_past_the_allowance (window created first: %s)', async (firstTry) => {
    await awayFromWindowEdge();
    const openid = freshOpenid('burst');
    const limit = { scope: 'test-burst', max: 5, windowMinutes: 10, firstTry };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => spendAttempt(openid, limit)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
    const [window] = (await col('rateLimits').where({ openid, scope: 'test-burst' }).get()).data;
    expect(window.count).toBe(5);
  });
});
