import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { ActivityDoc } from './docs';
import { activityFields, checkTimes } from './activityParams';
import { activityView, getActivity, getTeam, idParam } from './shared';
import { changeCapacity } from './seats';

/**
 * Admin edits an activity. Plain fields are set by name (the counters are never written here);
 * a new capacity moves one place at a time through seats.ts, so added places go straight to the
 * waitlist and removed places must be free ones. The sign-in event and the registrations'
 * copies of title and times follow.
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
    const before = await getActivity(id);
    if (before.status === 'cancelled') throw new AppError('CLOSED', '该活动已取消，不能再修改。');
    const patch: Partial<ActivityDoc> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
    if (teamId && teamId !== before.teamId) {
      const team = await getTeam(teamId);
      Object.assign(patch, { teamId: team._id, teamName: team.name });
    }
    checkTimes({ ...before, ...patch } as ActivityDoc);
    const now = new Date();
    const changed = Object.keys(patch).length > 0;
    if (changed) await col('volunteerActivities').doc(id).update({ ...patch, updatedAt: now });
    let promoted = 0;
    if (capacity !== undefined && capacity !== before.capacity) promoted = await changeCapacity(id, capacity - before.capacity);

    const eventPatch: Record<string, unknown> = {};
    for (const k of ['title', 'place', 'startAt', 'endAt'] as const) if (patch[k] !== undefined) eventPatch[k] = patch[k];
    const regPatch: Record<string, unknown> = {};
    for (const k of ['title', 'startAt', 'endAt', 'teamId'] as const) if (patch[k] !== undefined) regPatch[k] = patch[k];
    await Promise.all([
      Object.keys(eventPatch).length ? col('events').doc(before.eventId).update(eventPatch) : null,
      Object.keys(regPatch).length ? col('volunteerRegistrations').where({ activityId: id }).update({ ...regPatch, updatedAt: now }) : null,
    ]);
    const after = await getActivity(id);
    await audit(ctx, { fn: 'volunteer', action: 'updateActivity', target: `volunteerActivities/${id}`, before, after });
    return { ...activityView(after, ctx.caller), promoted };
  },
});
