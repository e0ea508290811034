import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { audit } from '../../server/core/audit';
import { createEvent } from '../checkin/public';
import type { ActivityDoc } from './docs';
import { activityFields, checkTimes, defaultTimes } from './activityParams';
import { activityView, getTeam } from './shared';

/**
 * Admin publishes an activity. Its sign-in event (kind 'volunteer', refId = the activity) is
 * created with it, so the kiosk can show the rotating code people sign in and out with.
 */
export const createActivity = action({
  roles: ['admin'],
  params: z.strictObject({
    ...activityFields,
    description: activityFields.description.default(''),
    category: activityFields.category.default('送服务'),
    tags: activityFields.tags.default([]),
    eligibility: activityFields.eligibility.default('all'),
    signupOpensAt: activityFields.signupOpensAt.optional(),
    signupClosesAt: activityFields.signupClosesAt.optional(),
    cancelClosesAt: activityFields.cancelClosesAt.optional(),
  }),
  async handler(p, ctx) {
    const now = new Date();
    const times = { ...defaultTimes(p.startAt, now), startAt: p.startAt, endAt: p.endAt };
    if (p.signupOpensAt) times.signupOpensAt = p.signupOpensAt;
    if (p.signupClosesAt) times.signupClosesAt = p.signupClosesAt;
    if (p.cancelClosesAt) times.cancelClosesAt = p.cancelClosesAt;
    checkTimes(times);
    const team = await getTeam(p.teamId);
    const _id = `va${randomBytes(5).toString('hex')}`;
    const event = await createEvent({ kind: 'volunteer', refId: _id, title: p.title, place: p.place, startAt: p.startAt, endAt: p.endAt, createdBy: ctx.caller.openid });
    const doc: ActivityDoc = {
      title: p.title,
      description: p.description,
      category: p.category,
      tags: p.tags,
      teamId: team._id,
      teamName: team.name,
      place: p.place,
      ...times,
      eligibility: p.eligibility,
      status: 'open',
      eventId: event._id,
      capacity: p.capacity,
      confirmed: 0,
      left: p.capacity,
      waiting: 0,
      seq: 0,
      debt: 0,
      noShowsMarkedAt: null,
      createdBy: ctx.caller.openid,
      createdAt: now,
      updatedAt: now,
    };
    await col('volunteerActivities').add({ _id, ...doc });
    await audit(ctx, { fn: 'volunteer', action: 'createActivity', target: `volunteerActivities/${_id}`, before: null, after: { ...doc } });
    return activityView({ _id, ...doc }, ctx.caller);
  },
});
