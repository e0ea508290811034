/**
 * Check-in codes: the `scene` a QR code / mini-program code carries. Pure and clock-injectable,
 * so the window rules are unit-tested and any function (volunteer, lecture, study) can sign or
 * verify an event code without the `checkin` function.
 *
 *   venue:  `v:<venueId>`                         static, printed on the wall
 *   event:  `e<eventId>.<window>.<mac>`           rotates every `rotateSeconds`
 *
 * Why this shape:
 *  - A mini-program code's scene is at most 32 visible characters from a small alphabet
 *    (wxacode.getUnlimited); `.` `:` `-` `_` and alphanumerics are all allowed.
 *  - `window` = floor(now / rotateSeconds) in base 36; the code is valid in its own window and
 *    the next one (the kiosk's "current" and the scanner's "previous"), so a scan taken a
 *    second before the screen changes still works, and a photo forwarded a minute later does not.
 *  - `mac` = the first 12 base64url characters (72 bits) of HMAC-SHA256 over the event id and
 *    window with a secret only the server has: the client cannot compute a future code, and
 *    changing the event id or window in a code breaks the MAC. Guessing 72 bits within a
 *    one-minute window is out of reach; the bound keeps the whole scene within 32 characters.
 *  - Venue codes are not signed: they are printed and static, so a signature would not stop
 *    a photo of them, and their ids are not secret.
 */
import { createHmac, timingSafeEqual } from 'crypto';

export const SCENE_MAX = 32;
export const MAC_LENGTH = 12;
/** Event ids are short so the signed scene fits in 32 characters (1+10+1+7+1+12 = 32). */
export const EVENT_ID_RE = /^[a-z0-9]{4,10}$/;
/** Venue ids: seeded ones are like `venue-hall`; new ones are generated short. */
export const VENUE_ID_RE = /^[A-Za-z0-9_-]{1,30}$/;
export const ROTATE_MIN_SECONDS = 10;
/**
 * A code is accepted in its own window and the next, so it can be relayed as text (read off the
 * screen, pasted into the h5 page) for up to two rotations: at 60 s that is under two minutes
 * (lifecycle L-26; 3600 allowed almost two hours). Existing events keep their own rotation.
 */
export const ROTATE_MAX_SECONDS = 60;
export const ROTATE_DEFAULT_SECONDS = 30;

export type ParsedScene =
  | { kind: 'venue'; venueId: string }
  | { kind: 'event'; eventId: string; window: number; mac: string };

export interface SignedEventCode {
  scene: string;
  window: number;
  /** When the kiosk should show the next code (the end of this window). */
  nextAt: Date;
  /** When this code stops being accepted (the end of the following window). */
  validUntil: Date;
}

export type EventCodeCheck =
  | { ok: true; eventId: string; window: number }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' | 'not_yet' | 'other_event' };

export function venueScene(venueId: string): string {
  if (!VENUE_ID_RE.test(venueId)) throw new Error(`venue id not usable in a code: ${venueId}`);
  return `v:${venueId}`;
}

export function windowOf(nowMs: number, rotateSeconds: number): number {
  return Math.floor(nowMs / (rotateSeconds * 1000));
}

function mac(secret: string, eventId: string, window: number): string {
  return createHmac('sha256', secret)
    .update(`redpark-checkin:v1:${eventId}:${window}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
}

/** Constant-time comparison of two short strings (a MAC must not leak by timing). */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signEventCode(opts: { eventId: string; rotateSeconds: number; secret: string; now: number }): SignedEventCode {
  if (!EVENT_ID_RE.test(opts.eventId)) throw new Error(`event id not usable in a code: ${opts.eventId}`);
  if (!opts.secret) throw new Error('no check-in secret');
  const rot = opts.rotateSeconds * 1000;
  const window = windowOf(opts.now, opts.rotateSeconds);
  const scene = `e${opts.eventId}.${window.toString(36)}.${mac(opts.secret, opts.eventId, window)}`;
  return { scene, window, nextAt: new Date((window + 1) * rot), validUntil: new Date((window + 2) * rot) };
}

/** Reads a scene (or a URL / query string that carries one); null when it is no code of ours. */
export function parseScene(input: string): ParsedScene | null {
  const scene = extractScene(input);
  if (!scene || scene.length > SCENE_MAX) return null;
  if (scene.startsWith('v:')) {
    const venueId = scene.slice(2);
    return VENUE_ID_RE.test(venueId) ? { kind: 'venue', venueId } : null;
  }
  const m = /^e([a-z0-9]{4,10})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{12})$/.exec(scene);
  if (!m) return null;
  const window = parseInt(m[2], 36);
  if (!Number.isSafeInteger(window)) return null;
  return { kind: 'event', eventId: m[1], window, mac: m[3] };
}

/**
 * What a person may have in hand: the bare scene, `scene=<scene>` from a mini-program launch, or
 * the whole h5 URL a phone camera read from a local QR code. Percent-encoding is undone once.
 */
export function extractScene(input: string): string {
  let s = input.trim();
  const q = /[?&]scene=([^&#]*)/.exec(s);
  if (q) s = q[1];
  else if (s.startsWith('scene=')) s = s.slice(6);
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return '';
    }
  }
  return s.trim();
}

/** Checks only the signature: needs the secret, no database. */
export function eventMacValid(code: { eventId: string; window: number; mac: string }, secret: string): boolean {
  return !!secret && sameText(code.mac, mac(secret, code.eventId, code.window));
}

/** The window rule: the code's own window and the next one; nothing older, nothing ahead. */
export function windowState(codeWindow: number, rotateSeconds: number, now: number): 'ok' | 'expired' | 'not_yet' {
  const current = windowOf(now, rotateSeconds);
  if (codeWindow > current) return 'not_yet';
  return current - codeWindow <= 1 ? 'ok' : 'expired';
}

/**
 * Full check of an event code for callers that know the event's rotation (e.g. a volunteer
 * activity that signs people in through its own page). `expectEventId` refuses a valid code of
 * another event.
 */
export function verifyEventCode(
  input: string,
  opts: { secret: string; now: number; rotateSeconds: number; expectEventId?: string },
): EventCodeCheck {
  const parsed = parseScene(input);
  if (!parsed || parsed.kind !== 'event') return { ok: false, reason: 'malformed' };
  if (!eventMacValid(parsed, opts.secret)) return { ok: false, reason: 'tampered' };
  if (opts.expectEventId && opts.expectEventId !== parsed.eventId) return { ok: false, reason: 'other_event' };
  const state = windowState(parsed.window, opts.rotateSeconds, opts.now);
  if (state !== 'ok') return { ok: false, reason: state };
  return { ok: true, eventId: parsed.eventId, window: parsed.window };
}
