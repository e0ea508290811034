import { pseudonymOf, scrub } from './pseudonym';
import { replaceToken } from '../../server/core/token';

const SECRET = 'test-secret-0123456789';

test('pseudonym_is_stable_for_one_account_life_and_new_after_the_account_restarts', () => {
  const at = new Date('2026-11-01T02:00:00Z');
  expect(pseudonymOf(SECRET, 'o-1', at)).toBe(pseudonymOf(SECRET, 'o-1', at.toISOString()));
  expect(pseudonymOf(SECRET, 'o-1', at)).not.toBe(pseudonymOf(SECRET, 'o-2', at));
  expect(pseudonymOf(SECRET, 'o-1', at)).not.toBe(pseudonymOf(SECRET, 'o-1', new Date(at.getTime() + 1)));
  expect(pseudonymOf(SECRET, 'o-1', at)).not.toBe(pseudonymOf('another-secret-0123456', 'o-1', at));
  expect(pseudonymOf(SECRET, 'o-1', at)).toMatch(/^anon-[0-9a-f]{24}$/);
  expect(pseudonymOf(SECRET, 'o-1', at)).not.toContain('o-1');
});

test('scrub_replaces_the_openid_everywhere_and_blanks_name_and_phone_only', () => {
  const doc = { openid: 'o-1', name: '李四', phone: '13800000000', target: 'users/o-1', list: [{ by: 'o-1', who: '王五' }], at: new Date(0), n: 3 };
  expect(scrub(doc, 'o-1', 'anon-x', ['李四', '13800000000'])).toEqual({
    openid: 'anon-x', name: '', phone: '', target: 'users/anon-x', list: [{ by: 'anon-x', who: '王五' }], at: new Date(0), n: 3,
  });
});

test('only_the_whole_openid_is_replaced_never_the_same_letters_inside_a_longer_openid', () => {
  const a = 'demo-enterprise-a';
  expect(replaceToken(`v:venue-hall:${a}:2026-01-02`, a, 'anon-x')).toBe('v:venue-hall:anon-x:2026-01-02');
  expect(replaceToken(`v:venue-hall:${a}2:2026-01-02`, a, 'anon-x')).toBe(`v:venue-hall:${a}2:2026-01-02`);
  expect(replaceToken(`users/${a}`, a, 'anon-x')).toBe('users/anon-x');
  expect(replaceToken(`x${a} ${a}_b ${a}`, a, 'anon-x')).toBe(`x${a} ${a}_b anon-x`);
  expect(scrub({ openids: [a, `${a}2`], target: `users/${a}2` }, a, 'anon-x', [])).toEqual({ openids: ['anon-x', `${a}2`], target: `users/${a}2` });
});
