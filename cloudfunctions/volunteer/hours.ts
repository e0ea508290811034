/**
 * Volunteer hours arithmetic, pure (no database, no clock) so it is unit-tested across midnight,
 * time zones and missing sign-outs. Everything works on absolute instants; minutes are integers.
 *
 * Credit = time actually present, capped at the activity's span: from max(sign-in, start) to
 * min(sign-out, end), rounded down to whole minutes, never negative. Arriving early or leaving
 * late earns nothing extra (the activity did not run then); leaving early earns less.
 */
import type { HoursState } from './docs';

const MINUTE = 60_000;

/** A second scan sooner than this after signing in is a repeat of the sign-in, not a sign-out. */
export const MIN_SIGN_OUT_GAP_MS = 10 * MINUTE;
/** How long after the end volunteers may still sign out (the kiosk keeps the code up that long). */
export const SIGN_OUT_GRACE_MS = 30 * MINUTE;

const ms = (d: Date | string | number) => new Date(d).getTime();

export interface Span {
  startAt: Date | string;
  endAt: Date | string;
}

export function creditedMinutes(signedInAt: Date | string, signedOutAt: Date | string, span: Span): number {
  const from = Math.max(ms(signedInAt), ms(span.startAt));
  const to = Math.min(ms(signedOutAt), ms(span.endAt));
  return to > from ? Math.floor((to - from) / MINUTE) : 0;
}

/** The whole activity, for an organiser confirming someone who forgot to sign out. */
export function spanMinutes(span: Span): number {
  return Math.max(0, Math.floor((ms(span.endAt) - ms(span.startAt)) / MINUTE));
}

export type Attendance = 'absent' | 'signed_in' | 'missing_out' | 'credited' | 'no_show' | 'upcoming';

/**
 * What the organiser sees for one confirmed volunteer at `now`: not yet (upcoming), on site
 * (signed_in), gone without signing out once the sign-out grace has passed (missing_out: to
 * confirm or fix), credited, or absent / no_show after the activity.
 */
export function attendance(
  r: { signedInAt: Date | string | null; signedOutAt: Date | string | null; hours: HoursState; noShow: boolean },
  span: Span,
  now: number,
): Attendance {
  if (r.hours === 'auto' || r.hours === 'confirmed' || r.hours === 'fixed') return 'credited';
  if (r.signedInAt) return now > ms(span.endAt) + SIGN_OUT_GRACE_MS && !r.signedOutAt ? 'missing_out' : 'signed_in';
  if (r.noShow) return 'no_show';
  return now > ms(span.endAt) ? 'absent' : 'upcoming';
}

/** `2 小时 30 分`, `45 分`, `0 分`. */
export function minutesLabel(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (!h) return `${rest} 分`;
  return rest ? `${h} 小时 ${rest} 分` : `${h} 小时`;
}
