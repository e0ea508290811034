import { AGREE_BUTTON_ID, createPlatformPrivacy, type PrivacyResolve } from './platformPrivacy';

function fakeWx() {
  let listener: ((r: PrivacyResolve) => void) | null = null;
  return { api: { onNeedPrivacyAuthorization: (l: (r: PrivacyResolve) => void) => { listener = l; } }, fire: (r: PrivacyResolve) => listener!(r) };
}

test('a_platform_request_shows_our_dialog_and_the_answer_resolves_the_held_call', () => {
  const p = createPlatformPrivacy();
  const wx = fakeWx();
  p.install(wx.api);
  const shown = jest.fn();
  p.subscribe(shown);
  const resolve = jest.fn();
  wx.fire(resolve);
  expect(shown).toHaveBeenCalledTimes(1);
  expect(p.isPending()).toBe(true);
  expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
  p.settle(true);
  expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
  expect(p.isPending()).toBe(false);
  p.settle(true);
  expect(resolve).toHaveBeenCalledTimes(2);
});

test('refusing_fails_the_held_call_and_a_newer_request_replaces_an_unanswered_one', () => {
  const p = createPlatformPrivacy();
  const wx = fakeWx();
  p.install(wx.api);
  const first = jest.fn();
  const second = jest.fn();
  wx.fire(first);
  wx.fire(second);
  expect(first).toHaveBeenLastCalledWith({ event: 'disagree' });
  p.settle(false);
  expect(second).toHaveBeenLastCalledWith({ event: 'disagree' });
});

test('old_base_libraries_without_the_api_are_left_alone', () => {
  const p = createPlatformPrivacy();
  expect(() => p.install({})).not.toThrow();
  expect(p.isPending()).toBe(false);
});
