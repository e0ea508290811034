import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import { requirePrivacyConsent } from '../../server/core/consent';
import { EVENT_ID_RE, eventMacValid, parseScene, windowState } from './codes';
import { checkinSecret } from './secret';
import { signInState } from './events';
import { volunteerScan } from '../volunteer/public';
import type { Caller } from '../../server/core/caller';
import type { CheckinDoc } from './docs';
import { checkInByScan } from '../room/public';
import { meetingGuest } from '../org/public';
import { getEvent, getVenue, SIGN_IN_CLOSED } from './shared';

/**
 * Records one check-in from a scanned code. Exactly once, by the database: the insert carries a
 * dedupe `key` (once per event; once per venue per park day) and the client's `nonce`, both under
 * unique indexes, so 50 simultaneous scans or a retried request insert one document; the others
 * hit the index and are answered with the existing check-in.
 *
 * A repeat is `ok: true, status: 'already'` rather than an error code (pretix answers a second
 * redeem the same way, with a reason): the person's visit IS recorded, a network retry must not
 * look like a failure, and the page shows 已签到 with the time of the first scan.
 *
 * Database calls: caller (router) + venue or event read + insert = 3; a repeat adds one read.
 * A volunteer activity's event adds the registration read and its sign-in / sign-out update; a
 * bookable room adds the booking check-in (one conditional update, one read when it checked one in).
 * A branch meeting's event adds two reads (its record and the branch's members) to tell 列席 apart.
 */
export const scan = action({
  roles: 'anyone',
  params: z.strictObject({
    /** The scene, `scene=<scene>`, or the whole URL a camera read from a local QR code. */
    code: z.string().trim().min(1, '请扫描或输入签到码').max(512),
    /** Same value on every retry of one scan (pretix's nonce). */
    nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '格式不正确').optional(),
    /** Set by a page that signs people in to one event: a valid code of another event is refused. */
    eventId: z.string().regex(EVENT_ID_RE, '活动编号格式不正确').optional(),
  }),
  async handler({ code, nonce, eventId: expected }, { caller }) {
    // A check-in records who was where and when: personal data, so consent comes first.
    requirePrivacyConsent(caller, '签到');
    const parsed = parseScene(code);
    if (!parsed) throw new AppError('VALIDATION', '无法识别这个二维码，请扫描党群服务中心现场张贴或大屏显示的签到码。');
    const now = Date.now();
    const day = parkDay(now);

    if (parsed.kind === 'venue') {
      if (expected) throw new AppError('VALIDATION', '这是场所的到访码，请扫描本活动大屏上的签到码。');
      const venue = await getVenue(parsed.venueId);
      const result = await record(caller, { key: `v:${venue._id}:${caller.openid}:${day}`, kind: 'venue', venueId: venue._id, eventId: null, day, at: new Date(now) }, nonce);
      // The room-booking hook: at a bookable room, the same scan checks in the caller's booking
      // that is due now (cloudfunctions/room/bookings.ts), so nobody's booking is released while they sit in it.
      const booking = venue.bookable ? await checkInByScan(caller, venue._id, new Date(now)) : null;
      return { ...result, venue: { id: venue._id, name: venue.name }, event: null, volunteer: null, booking };
    }

    // The signature first: a forged or altered code costs no database read.
    if (!eventMacValid(parsed, checkinSecret())) {
      throw new AppError('VALIDATION', '签到码无效或已被改动，请扫描现场大屏上的二维码。');
    }
    if (expected && expected !== parsed.eventId) {
      throw new AppError('VALIDATION', '这是其他活动的签到码，请扫描本活动大屏上的二维码。');
    }
    const event = await getEvent(parsed.eventId);
    const key = `e:${event._id}:${caller.openid}`;
    const eventInfo = { id: event._id, title: event.title, place: event.place };
    const venue = event.venueId ? { id: event.venueId, name: event.place } : null;

    const window = windowState(parsed.window, event.rotateSeconds, now);
    const state = signInState(event, now);
    if (window !== 'ok' || state !== 'open') {
      // A late retry of a scan that did succeed is still "already signed in", not an error.
      if (window === 'expired' || state === 'ended') {
        const prior = await existing(key, caller.openid, nonce ?? key);
        // At a volunteer activity the earlier check-in is the sign-in, and this scan is most likely the
        // sign-out: answering "already" would lose the hours (lifecycle L-18). Only a true retry — the
        // same nonce as the scan that was recorded — is "already" there.
        const retry = !!prior && (event.kind !== 'volunteer' || (!!nonce && prior.nonce === nonce));
        if (retry) return { ...reply(caller, prior, 'already'), venue, event: eventInfo, volunteer: null, booking: null };
      }
      if (window === 'expired') {
        throw new AppError('CLOSED', event.kind === 'volunteer' ? '签到码已过期，请扫描现场大屏上最新的二维码签到或签退。' : '签到码已过期，请扫描大屏上最新的二维码。');
      }
      if (window === 'not_yet') throw new AppError('VALIDATION', '签到码无效，请扫描大屏上最新的二维码。');
      throw new AppError('CLOSED', SIGN_IN_CLOSED[state as keyof typeof SIGN_IN_CLOSED]);
    }
    // A volunteer activity's event: the registration says whether this scan signs in or out.
    const volunteer = event.kind === 'volunteer' ? await volunteerScan(event, caller.openid, now) : null;
    if (volunteer && volunteer.action !== 'signIn') {
      // A sign-out is news, not a repeat: its own status, so the page never shows 已签到 for it (L-28).
      const status = volunteer.action === 'signOut' ? 'signedOut' : 'already';
      return { ...reply(caller, { kind: 'event', at: new Date(volunteer.signedInAt), day }, status), venue, event: eventInfo, volunteer, booking: null };
    }
    // A branch meeting's code scanned by someone outside the branch (a visitor, another company's
    // contact, finding G-05): recorded as 列席, kept apart and never counted as a member present.
    const guest = event.kind === 'meeting' && (await meetingGuest(caller.openid, event));
    const result = await record(caller, { key, kind: 'event', venueId: event.venueId, eventId: event._id, day, at: new Date(now), ...(guest ? { guest: true } : {}) }, nonce);
    return { ...result, venue, event: eventInfo, volunteer, booking: null, ...(guest ? { guest: true } : {}) };
  },
});

async function existing(key: string, openid: string, nonce: string) {
  const _ = cmd();
  const { data } = await col('checkins').where(_.or([{ key }, { openid, nonce }])).limit(1).get();
  return data[0] ?? null;
}

function reply(caller: Caller, doc: Pick<CheckinDoc, 'kind' | 'at' | 'day'>, status: 'ok' | 'already' | 'signedOut') {
  return { status, kind: doc.kind, at: new Date(doc.at).toISOString(), day: doc.day, person: { name: caller.user.profile?.name ?? '' } };
}

async function record(caller: Caller, base: Omit<CheckinDoc, 'openid' | 'nonce'>, nonce: string | undefined) {
  const doc: CheckinDoc = { ...base, openid: caller.openid, nonce: nonce ?? base.key };
  try {
    await col('checkins').add(doc);
    return reply(caller, doc, 'ok');
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  // The database said "already there" (same key, or a retry with the same nonce): show that one.
  const prior = await existing(doc.key, doc.openid, doc.nonce);
  if (!prior) throw new AppError('CONFLICT', '签到未完成，请重新扫码。');
  return reply(caller, prior, 'already');
}
