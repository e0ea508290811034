import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { enqueue } from '../../server/core/outbox';
import { ACTIVITY_PAGE, activeRegistrations, activityView, getActivity, idParam, parkRange } from './shared';

/**
 * Admin cancels an activity: no more sign-ups or sign-ins (its event is closed), and everyone
 * registered — confirmed or waitlisted — gets a message. Registrations stay as they were, so the
 * record shows who had signed up for the cancelled activity.
 */
export const cancelActivity = action({
  roles: ['admin'],
  params: z.strictObject({ id: idParam, reason: z.string().trim().min(2, '请填写取消原因，志愿者会收到这条说明').max(100) }),
  async handler({ id, reason }, ctx) {
    const now = new Date();
    // Read first, so the audit records the status it really had (open or closed); the update is
    // conditioned on that status, so a close landing in between is not recorded as 'open'.
    const before = await getActivity(id);
    if (before.status === 'cancelled') throw new AppError('CLOSED', '该活动已经取消过了。');
    const { updated } = await col('volunteerActivities').where({ _id: id, status: before.status }).update({ status: 'cancelled', updatedAt: now });
    if (!updated) throw new AppError('CONFLICT', '该活动的状态刚刚有变化，请刷新后重试。');
    const a: typeof before = { ...before, status: 'cancelled', updatedAt: now };
    const [rows] = await Promise.all([
      activeRegistrations(id),
      col('events').doc(a.eventId).update({ status: 'closed' }),
    ]);
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
