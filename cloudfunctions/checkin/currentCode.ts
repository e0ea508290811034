import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { signEventCode, venueScene } from './codes';
import { codeImager } from './codeImage';
import { checkinSecret } from './secret';
import { CENTER_KINDS, OPENS_BEFORE_MS, signInState } from './events';
import type { EventDoc } from './docs';
import { leadsMeeting } from '../org/public';
import { eventIdParam, eventSummary, getEvent, getVenue, SIGN_IN_CLOSED, venueIdParam, venueSummary } from './shared';

/** How often a kiosk showing a venue's static code asks again, to notice an event starting there. */
const VENUE_POLL_MS = 30_000;

/**
 * What a kiosk (the center's screen) shows now, signed on the server.
 *   { eventId }  the event's rotating code (CLOSED when the event takes no sign-ins now);
 *   { venueId }  the code of the event running at that venue if there is one, else the venue's
 *                static visit code — so one screen per room follows the room's schedule.
 * `refreshInMs` tells the kiosk when to ask again (the end of this window), from the server's
 * clock, so a kiosk with a wrong clock still rotates on time.
 */
export const currentCode = action({
  // Secretaries too, for the meetings of their own branch (checked below): they run the sign-in
  // of their 三会一课 / 主题党日 on the same kiosk page.
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ venueId: venueIdParam.optional(), eventId: eventIdParam.optional() })
    .refine((p) => !!p.venueId !== !!p.eventId, '请指定一个场所或一个活动'),
  async handler({ venueId, eventId }, { caller }) {
    const now = Date.now();
    if (!caller.is('admin') && !eventId) throw new AppError('FORBIDDEN', '场所签到码由中心管理员显示。');
    if (eventId) {
      const event = await getEvent(eventId);
      if (!caller.is('admin') && !(await leadsMeeting(caller.openid, event))) {
        throw new AppError('FORBIDDEN', '只能显示本支部组织生活的签到码。');
      }
      const state = signInState(event, now);
      if (state !== 'open') throw new AppError('CLOSED', SIGN_IN_CLOSED[state]);
      return eventCode(event, now);
    }
    const _ = cmd();
    const runningHere = (kind: unknown) =>
      col('events')
        .where({ venueId, kind, status: 'open', startAt: _.lte(new Date(now + OPENS_BEFORE_MS)), endAt: _.gte(new Date(now)) })
        .orderBy('startAt', 'asc')
        .limit(1)
        .get();
    // The center's own event first, whenever one is running here: a branch meeting recorded at a
    // center venue (a secretary may record one for up to 12 hours) never hides it (lifecycle L-25).
    // Two small queries in parallel rather than one ordered by kind, which the database cannot do.
    const [venue, center, meeting] = await Promise.all([getVenue(venueId!), runningHere(_.in([...CENTER_KINDS])), runningHere('meeting')]);
    const running = center.data[0] ?? meeting.data[0];
    if (running) return eventCode(running, now);
    const scene = venueScene(venue._id);
    return {
      kind: 'venue' as const,
      scene,
      image: await codeImager().draw(scene),
      title: venue.name,
      subtitle: '到访签到：微信扫一扫，登记到访并查看中心服务',
      rotateSeconds: null,
      refreshInMs: VENUE_POLL_MS,
      validUntil: null,
      venue: venueSummary(venue),
      event: null,
    };
  },
});

async function eventCode(event: WithId<EventDoc>, now: number) {
  const signed = signEventCode({ eventId: event._id, rotateSeconds: event.rotateSeconds, secret: checkinSecret(), now });
  return {
    kind: 'event' as const,
    scene: signed.scene,
    image: await codeImager().draw(signed.scene),
    title: event.title,
    subtitle: `活动签到 · ${event.place}`,
    rotateSeconds: event.rotateSeconds,
    refreshInMs: signed.nextAt.getTime() - now,
    validUntil: signed.validUntil.toISOString(),
    venue: null,
    event: eventSummary(event, now),
  };
}
