import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { createEvent, eventSummary, getVenue, parkTimeParam, venueIdParam } from '../checkin/public';
import { idParam, requireManager } from './shared';

/**
 * 大党课: a lecture is a check-in event of kind 'lecture' (cloudfunctions/checkin/events.ts), so the
 * kiosk's rotating code and `checkin.scan` take attendance unchanged and a check-in row is the
 * one record of who attended — study reads attendance from `checkins`, no second copy, no hook
 * in scan. `refId` is the study group for a group's own lecture, null for a park-wide one.
 * Admins create them: the center runs the kiosk screen.
 */
export const createLecture = action({
  roles: ['admin'],
  params: z.strictObject({
    title: z.string().trim().min(2, '请填写党课名称').max(40),
    groupId: idParam.optional(),
    venueId: venueIdParam.optional(),
    place: z.string().trim().max(60).optional(),
    startAt: parkTimeParam,
    endAt: parkTimeParam,
  }),
  async handler(p, ctx) {
    const [venue] = await Promise.all([p.venueId ? getVenue(p.venueId) : null, p.groupId ? requireManager(ctx.caller, p.groupId) : null]);
    const place = p.place || venue?.name;
    if (!place) throw new AppError('VALIDATION', '请选择场所或填写党课地点。');
    const event = await createEvent({ kind: 'lecture', refId: p.groupId ?? null, title: p.title, venueId: venue?._id ?? null, place, startAt: p.startAt, endAt: p.endAt, createdBy: ctx.caller.openid });
    const summary = eventSummary(event);
    await audit(ctx, { fn: 'study', action: 'createLecture', target: `events/${event._id}`, before: null, after: summary });
    return summary;
  },
});
