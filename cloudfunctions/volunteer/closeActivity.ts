import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { activityView, getActivity, idParam } from './shared';

/** Admin stops sign-ups (报名截止) now; registered people keep their places and the waitlist still moves up. */
export const closeActivity = action({
  roles: ['admin'],
  params: z.strictObject({ id: idParam }),
  async handler({ id }, ctx) {
    const now = new Date();
    const { updated } = await col('volunteerActivities').where({ _id: id, status: 'open' }).update({ status: 'closed', updatedAt: now });
    const after = await getActivity(id);
    if (!updated && after.status !== 'closed') throw new AppError('CLOSED', '该活动已取消，无需截止报名。');
    if (updated) await audit(ctx, { fn: 'volunteer', action: 'closeActivity', target: `volunteerActivities/${id}`, before: { status: 'open' }, after: { status: 'closed' } });
    return activityView(after, ctx.caller);
  },
});
