import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { enqueue } from '../../server/core/outbox';
import { ACTIVITY_PAGE, activeRegistrations, activityView, idParam, PAGE, parkRange } from './shared';
import { activityWith } from './activityWith';

/**
 * Admin cancels an activity: no more sign-ups or sign-ins (its event is closed), and everyone
 * registered — confirmed or waitlisted — gets a message. Registrations stay as they were, so the
 * record shows who had signed up for the cancelled activity.
 *
 * Database calls (issue 19; 7 before: the activity and its people were two reads), with the
 * caller's user record (1):
 *   the activity and its first 1000 people signed up or waiting, in ONE aggregation        1
 *   the activity's update, conditioned on the status read (what the audit records)          1
 *   the sign-in event closed                                                                1
 *   the notices: one array insert per 200 people (server/core/outbox.ts)                    0–1
 *   the audit row                                                                           1
 * — 6 for an activity of up to 200 people; each further 200 add one insert, each further 1000
 * one read.
 *
 * Why not 5: the activity's cancellation, the event's closing (checkin reads the event's own
 * status: the kiosk, scan, the event lists), the notices and the audit row are four writes to four
 * collections, and whom to tell must be read before the notices are written; with the caller's
 * record that is 6. Reaching 5 would need the notices addressed to "the people of this activity"
 * as one row fanned out by the deliverer (as `toAdmins` is for the admins: notify/deliver.ts), so
 * that the tap never reads the people — a change to the outbox's recipients, not made here.
 */
export const cancelActivity = action({
  roles: ['admin'],
  params: z.strictObject({ id: idParam, reason: z.string().trim().min(2, '请填写取消原因，志愿者会收到这条说明').max(100) }),
  async handler({ id, reason }, ctx) {
    const now = new Date();
    // Read first, so the audit records the status it really had (open or closed); the update is
    // conditioned on that status, so a close landing in between is not recorded as 'open'.
    const { activity: before, people } = await activityWith(id, { people: true });
    if (before.status === 'cancelled') throw new AppError('CLOSED', '该活动已经取消过了。');
    const { updated } = await col('volunteerActivities').where({ _id: id, status: before.status }).update({ status: 'cancelled', updatedAt: now });
    if (!updated) throw new AppError('CONFLICT', '该活动的状态刚刚有变化，请刷新后重试。');
    const a: typeof before = { ...before, status: 'cancelled', updatedAt: now };
    // Beyond the first 1000 (read with the activity): one read per further 1000. The people are
    // read just before the update rather than after it: a sign-up whose row lands in the
    // milliseconds between is not told (as a sign-up between its two writes was not before), and
    // someone leaving in them is told once more than needed.
    const [more] = await Promise.all([
      people.length === PAGE ? activeRegistrations(id, people[people.length - 1].ticket) : [],
      col('events').doc(a.eventId).update({ status: 'closed' }),
    ]);
    const rows = people.concat(more);
    await enqueue(
      rows.map((r) => ({
        id: `vol-cancelled-${r._id}`,
        type: 'volunteer.cancelled',
        toOpenid: r.openid,
        template: 'volunteerCancelled',
        page: ACTIVITY_PAGE(id),
        ref: `volunteerActivities/${id}`,
        data: { title: a.title.slice(0, 20), time: parkRange(a.startAt, a.endAt), reason: reason.slice(0, 20) },
      })),
    );
    await audit(ctx, { fn: 'volunteer', action: 'cancelActivity', target: `volunteerActivities/${id}`, before: { status: before.status }, after: { status: 'cancelled', reason, notified: rows.length } });
    return { ...activityView(a, ctx.caller), notified: rows.length };
  },
});
