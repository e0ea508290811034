import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { ROTATE_DEFAULT_SECONDS, ROTATE_MAX_SECONDS, ROTATE_MIN_SECONDS } from './codes';
import { createEvent as insertEvent } from './events';
import { eventSummary, getVenue, parkTimeParam, venueIdParam } from './shared';

/** Admin creates a generic event people sign in to at the kiosk (volunteer/lecture/study create theirs through cloudfunctions/checkin/events.ts). */
export const createEvent = action({
  roles: ['admin'],
  params: z.strictObject({
    title: z.string().trim().min(1, '请填写活动名称').max(40),
    // Not 'volunteer': sign-in to a volunteer event checks the person's registration for its activity
    // (refId), so one made here, without an activity, would refuse everybody (lifecycle L-27).
    kind: z.enum(['generic', 'lecture', 'study']).default('generic'),
    venueId: venueIdParam.optional(),
    place: z.string().trim().max(60).optional(),
    startAt: parkTimeParam,
    endAt: parkTimeParam,
    rotateSeconds: z.number().int().min(ROTATE_MIN_SECONDS).max(ROTATE_MAX_SECONDS).default(ROTATE_DEFAULT_SECONDS),
  }),
  async handler(p, ctx) {
    const venue = p.venueId ? await getVenue(p.venueId) : null;
    const place = p.place || venue?.name;
    if (!place) throw new AppError('VALIDATION', '请选择场所或填写活动地点。');
    const event = await insertEvent({
      kind: p.kind,
      title: p.title,
      venueId: venue?._id ?? null,
      place,
      startAt: p.startAt,
      endAt: p.endAt,
      rotateSeconds: p.rotateSeconds,
      createdBy: ctx.caller.openid,
    });
    const summary = eventSummary(event);
    await audit(ctx, { fn: 'checkin', action: 'createEvent', target: `events/${event._id}`, before: null, after: summary });
    return summary;
  },
});
