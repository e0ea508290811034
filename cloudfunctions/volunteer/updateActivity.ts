import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { enqueue } from '../../server/core/outbox';
import { parkRange } from '../../server/core/time';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { ActivityDoc } from './docs';
import { activityFields, checkTimes } from './activityParams';
import { ACTIVITY_PAGE, activeRegistrations, activityView, getActivity, getTeam, idParam } from './shared';
import { changeCapacity } from './seats';

/**
 * Admin edits an activity, all or nothing:
 *   1. the merged result is validated first (times, and a capacity cut against the free places),
 *      so a refused edit writes nothing;
 *   2. the activity is written by ONE conditional update (never a cancelled activity). A capacity
 *      cut rides on that same update (`where left >= cut`, seats.ts), so the new time and the
 *      smaller capacity are stored together or not at all; added places go through seats.ts first,
 *      one at a time (to the waitlist first), before the plain fields;
 *   3. only then the copies follow: the sign-in event (title, place, times — the kiosk and `scan`
 *      read them) and every registration's title, times and team (hours are capped by them);
 *   4. when the time or the place changed, everyone signed up or waiting is told.
 * Plain fields are set by name (the counters are never written here). Step 3 is idempotent: a
 * retried edit (the admin saving again after a time-out) puts any copy left behind right.
 */
export const updateActivity = action({
  roles: ['admin'],
  params: z.strictObject({
    id: idParam,
    ...Object.fromEntries(Object.entries(activityFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof activityFields]: z.ZodOptional<(typeof activityFields)[K]>;
    },
  }),
  async handler({ id, capacity, teamId, ...fields }, ctx) {
    const _ = cmd();
    const before = await getActivity(id);
    if (before.status === 'cancelled') throw new AppError('CLOSED', '该活动已取消，不能再修改。');
    const patch: Partial<ActivityDoc> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
    if (teamId && teamId !== before.teamId) {
      const team = await getTeam(teamId);
      Object.assign(patch, { teamId: team._id, teamName: team.name });
    }
    // 1. The merged result, before anything is written.
    checkTimes({ ...before, ...patch } as ActivityDoc);
    const delta = capacity === undefined ? 0 : capacity - before.capacity;
    if (delta < 0 && before.left < -delta) throw new AppError('CONFLICT', CUT_REFUSED);

    // 2. The activity itself.
    const now = new Date();
    const set = { ...patch, updatedAt: now };
    let promoted = 0;
    if (delta < 0) {
      try {
        await changeCapacity(id, delta, set);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT') throw new AppError('CONFLICT', CUT_REFUSED);
        throw err;
      }
    } else {
      if (delta > 0) promoted = await changeCapacity(id, delta);
      if (Object.keys(patch).length > 0) {
        const { updated } = await col('volunteerActivities').where({ _id: id, status: _.neq('cancelled') }).update(set);
        if (!updated) throw new AppError('CLOSED', '该活动已取消，不能再修改。');
      }
    }

    // 3. The copies.
    const eventPatch: Record<string, unknown> = {};
    for (const k of ['title', 'place', 'startAt', 'endAt'] as const) if (patch[k] !== undefined) eventPatch[k] = patch[k];
    const regPatch: Record<string, unknown> = {};
    for (const k of ['title', 'startAt', 'endAt', 'teamId'] as const) if (patch[k] !== undefined) regPatch[k] = patch[k];
    await Promise.all([
      Object.keys(eventPatch).length ? col('events').doc(before.eventId).update(eventPatch) : null,
      Object.keys(regPatch).length ? col('volunteerRegistrations').where({ activityId: id }).update({ ...regPatch, updatedAt: now }) : null,
    ]);
    const after = await getActivity(id);

    // 4. The people concerned, when what they plan around moved.
    const moved =
      new Date(after.startAt).getTime() !== new Date(before.startAt).getTime() ||
      new Date(after.endAt).getTime() !== new Date(before.endAt).getTime() ||
      after.place !== before.place;
    let notified = 0;
    if (moved) {
      const rows = await activeRegistrations(id);
      await enqueue(
        rows.map((r) => ({
          type: 'volunteer.changed',
          toOpenid: r.openid,
          template: 'volunteerChanged',
          page: ACTIVITY_PAGE(id),
          ref: `volunteerActivities/${id}`,
          data: { title: after.title.slice(0, 20), time: parkRange(after.startAt, after.endAt), place: after.place.slice(0, 20) },
        })),
      );
      notified = rows.length;
    }
    await audit(ctx, { fn: 'volunteer', action: 'updateActivity', target: `volunteerActivities/${id}`, before, after });
    return { ...activityView(after, ctx.caller), promoted, notified };
  },
});

const CUT_REFUSED = '已确认的人数多于新的名额，不能减少到这么少；请先与已报名的志愿者沟通。';
