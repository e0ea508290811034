import {
  extractScene,
  parseScene,
  SCENE_MAX,
  signEventCode,
  venueScene,
  verifyEventCode,
  windowOf,
} from './codes';

const SECRET = 'test-secret-0123456789abcdef';
const T0 = Date.UTC(2026, 10, 23, 6, 0, 0); // a window boundary for 30 s windows
const sign = (now: number, eventId = 'ab12cd34', rotateSeconds = 30) => signEventCode({ eventId, rotateSeconds, secret: SECRET, now });
const verify = (code: string, now: number, more: { rotateSeconds?: number; expectEventId?: string; secret?: string } = {}) =>
  verifyEventCode(code, { secret: more.secret ?? SECRET, now, rotateSeconds: more.rotateSeconds ?? 30, expectEventId: more.expectEventId });

describe('rotating event codes (controllable clock)', () => {
  test('a_code_is_valid_in_its_own_window_and_the_next_one_only', () => {
    const { scene } = sign(T0 + 1_000);
    expect(verify(scene, T0 + 1_000)).toEqual({ ok: true, eventId: 'ab12cd34', window: windowOf(T0, 30) });
    expect(verify(scene, T0 + 29_999).ok).toBe(true);
    expect(verify(scene, T0 + 30_000).ok).toBe(true); // the kiosk already shows the next code
    expect(verify(scene, T0 + 59_999).ok).toBe(true);
    expect(verify(scene, T0 + 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verify(scene, T0 + 3_600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  test('a_code_from_a_future_window_is_refused', () => {
    const { scene } = sign(T0 + 60_000);
    expect(verify(scene, T0 + 29_000)).toEqual({ ok: false, reason: 'not_yet' });
  });

  test('the_code_changes_every_window_and_the_schedule_is_reported', () => {
    const a = sign(T0);
    const b = sign(T0 + 29_999);
    const c = sign(T0 + 30_000);
    expect(a.scene).toBe(b.scene);
    expect(c.scene).not.toBe(a.scene);
    expect(a.nextAt.getTime()).toBe(T0 + 30_000);
    expect(a.validUntil.getTime()).toBe(T0 + 60_000);
  });

  test('the_rotation_period_is_per_event', () => {
    const { scene } = sign(T0, 'ab12cd34', 10);
    expect(verify(scene, T0 + 19_999, { rotateSeconds: 10 }).ok).toBe(true);
    expect(verify(scene, T0 + 20_000, { rotateSeconds: 10 })).toEqual({ ok: false, reason: 'expired' });
  });

  test('codes_fit_a_mini_program_scene', () => {
    const far = Date.UTC(2099, 0, 1);
    for (const rot of [10, 30, 3600]) {
      const { scene } = signEventCode({ eventId: 'abcdefghij', rotateSeconds: rot, secret: SECRET, now: far });
      expect(scene.length).toBeLessThanOrEqual(SCENE_MAX);
      expect(scene).toMatch(/^[A-Za-z0-9.:_-]+$/);
    }
    expect(venueScene('venue-hall')).toBe('v:venue-hall');
  });

  test('a_tampered_code_is_refused', () => {
    const { scene } = sign(T0);
    const [head, w, mac] = scene.split('.');
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    expect(verify(`${head}.${w}.${flip(mac)}`, T0)).toEqual({ ok: false, reason: 'tampered' });
    // Moving the window forward to extend a code's life breaks the signature.
    const later = (parseInt(w, 36) + 5).toString(36);
    expect(verify(`${head}.${later}.${mac}`, T0 + 150_000)).toEqual({ ok: false, reason: 'tampered' });
    // Another event's id with this code's signature.
    expect(verify(`eother123.${w}.${mac}`, T0)).toEqual({ ok: false, reason: 'tampered' });
    // Signed with another secret (another installation).
    expect(verify(scene, T0, { secret: 'another-secret-0123456789' })).toEqual({ ok: false, reason: 'tampered' });
  });

  test('a_valid_code_of_another_event_is_refused_where_one_event_is_expected', () => {
    const { scene } = sign(T0, 'other123');
    expect(verify(scene, T0, { expectEventId: 'ab12cd34' })).toEqual({ ok: false, reason: 'other_event' });
    expect(verify(scene, T0, { expectEventId: 'other123' }).ok).toBe(true);
  });

  test('garbage_is_malformed', () => {
    for (const s of ['', 'hello', 'v:', 'e.1.2', 'eAB12CD34.1.xxxxxxxxxxxx', 'e1.1.xxxxxxxxxxxx', `v:${'x'.repeat(40)}`, 'v:venue hall']) {
      expect([s, verify(s, T0)]).toEqual([s, { ok: false, reason: 'malformed' }]);
    }
    expect(verify('v:venue-hall', T0)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('reading what a scanner hands over', () => {
  test('bare_scene_query_and_full_h5_url_give_the_same_scene', () => {
    const { scene } = sign(T0);
    const url = `http://127.0.0.1:8080/#/packages/checkin/scan/index?scene=${encodeURIComponent(scene)}`;
    expect(extractScene(scene)).toBe(scene);
    expect(extractScene(`scene=${encodeURIComponent(scene)}`)).toBe(scene);
    expect(extractScene(url)).toBe(scene);
    expect(extractScene(encodeURIComponent('v:venue-hall'))).toBe('v:venue-hall');
    expect(parseScene(url)).toMatchObject({ kind: 'event', eventId: 'ab12cd34' });
    expect(parseScene(' v:venue-hall ')).toEqual({ kind: 'venue', venueId: 'venue-hall' });
    expect(extractScene('%E0%A4%A')).toBe('');
  });
});
