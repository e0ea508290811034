import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { enqueue } from '../../server/core/outbox';
import { parkRange } from '../../server/core/time';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { ActivityDoc } from './docs';
import { activityWith } from './activityWith';
import { activityFields, checkTimes } from './activityParams';
import { ACTIVITY_PAGE, activeRegistrations, activityView, idParam, PAGE } from './shared';
import { changeCapacity, cutCapacity } from './seats';

/**
 * Admin edits an activity, all or nothing:
 *   1. the merged result is validated first (times, and a capacity cut against the free places),
 *      so a refused edit writes nothing;
 *   2. the activity is written by ONE conditional update (never a cancelled activity), which
 *      answers it as written (updateAndReturn: no read afterwards). A capacity cut rides on that
 *      same update (`where left >= cut`, seats.ts cutCapacity), so the new time and the smaller
 *      capacity are stored together or not at all; added places go through seats.ts first, one at
 *      a time (to the waitlist first), before the plain fields;
 *   3. only then the copies follow: the sign-in event (title, place, times — the kiosk and `scan`
 *      read them) and every registration's title, times and team (hours are capped by them);
 *   4. when the time or the place changed, everyone signed up or waiting is told.
 * Plain fields are set by name (the counters are never written here). Step 3 is idempotent: a
 * retried edit (the admin saving again after a time-out) puts any copy left behind right.
 *
 * Database calls (issue 19), with the caller's user record (1):
 *   the activity, with the new team (when teamId is given) and the first 1000 people signed up or
 *   waiting (when startAt / endAt / place is given: whom a move must tell) in ONE aggregation    1
 *   the activity's conditional update, answering it                                              0–1
 *   the copies: the sign-in event, the registrations (one multi-document update)                 0–2
 *   the notices of a move: one array insert per 200 people (server/core/outbox.ts)               0–1
 *   the audit row                                                                                1
 * So: a description / tags / eligibility edit 4; a title edit 6 (7 before: the activity was read
 * again after the copies); a move of the time 7 (9 before: + a separate read of the people). Each
 * further 1000 people add one read, each further 200 one insert. An added place is the seats
 * protocol's `hand on` or `free` (seats.ts: 1–2 updates, a promotion 3–5 more): bounded per place.
 *
 * Why not 5 for a title or a time edit: the event and the registrations carry copies of the
 * title and the times (the kiosk, scan and the hours read them without a join), each copy is one
 * write to its own collection, and the activity's own update, the audit row and the caller's
 * record make the other three; the notices of a move are a fourth write. Dropping a copy means
 * changing its readers (checkin, hours, myRegistrations), which this change does not do.
 *
 * The people told of a move are read with the activity, just before its update rather than after
 * it: someone whose sign-up row lands in the milliseconds between the two is not told (they signed
 * up against the old time, and their row keeps the time their sign-up read; the next edit's copy
 * or 核对名额 does not fix that either — as before this change, a sign-up racing an edit can keep the
 * old copy).
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
    const mayMove = fields.startAt !== undefined || fields.endAt !== undefined || fields.place !== undefined;
    const { activity: before, team, people } = await activityWith(id, { teamId, people: mayMove });
    if (before.status === 'cancelled') throw new AppError('CLOSED', '该活动已取消，不能再修改。');
    const patch: Partial<ActivityDoc> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
    if (teamId && teamId !== before.teamId) {
      if (!team) throw new AppError('NOT_FOUND', '该志愿服务队不存在，请刷新后重新选择。');
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
    let after: WithId<ActivityDoc> = before;
    if (delta < 0) {
      try {
        after = await cutCapacity(id, delta, set);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT') throw new AppError('CONFLICT', CUT_REFUSED);
        throw err;
      }
    } else {
      if (delta > 0) promoted = await changeCapacity(id, delta);
      // With only places added, this stamps updatedAt and answers the counters the places moved.
      if (Object.keys(patch).length > 0 || delta > 0) {
        const { doc } = await col('volunteerActivities').where({ _id: id, status: _.neq('cancelled') }).updateAndReturn(set);
        if (!doc) throw new AppError('CLOSED', '该活动已取消，不能再修改。');
        after = doc as WithId<ActivityDoc>;
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

    // 4. The people concerned, when what they plan around moved.
    const moved =
      new Date(after.startAt).getTime() !== new Date(before.startAt).getTime() ||
      new Date(after.endAt).getTime() !== new Date(before.endAt).getTime() ||
      after.place !== before.place;
    let notified = 0;
    if (moved) {
      // Beyond the first 1000 (read with the activity): one read per further 1000.
      const rows = people.length === PAGE ? people.concat(await activeRegistrations(id, people[people.length - 1].ticket)) : people;
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
