import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { minutesLabel } from './hours';
import { creditedTotals } from './totals';

/**
 * 我的志愿时长: total credited minutes and activities (summed by the database), the credited
 * activities, and sign-ins still waiting for the organiser (a missing sign-out). Three reads in parallel.
 */
export const myHours = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const [totals, credited, pending] = await Promise.all([
      creditedTotals(caller.openid),
      col('volunteerRegistrations').where({ openid: caller.openid, minutes: _.gt(0) }).orderBy('startAt', 'desc').limit(100).get(),
      col('volunteerRegistrations').where({ openid: caller.openid, status: 'confirmed', hours: 'open' }).orderBy('startAt', 'desc').limit(20).get(),
    ]);
    const { minutes } = totals;
    return {
      minutes,
      label: minutesLabel(minutes),
      activities: totals.activities,
      records: credited.data.map((r) => ({
        id: r._id,
        activityId: r.activityId,
        title: r.title,
        startAt: r.startAt,
        endAt: r.endAt,
        signedInAt: r.signedInAt,
        signedOutAt: r.signedOutAt,
        minutes: r.minutes,
        label: minutesLabel(r.minutes),
        by: r.hours === 'auto' ? '签到签退' : '组织者确认',
      })),
      pending: pending.data.map((r) => ({ id: r._id, activityId: r.activityId, title: r.title, startAt: r.startAt, signedInAt: r.signedInAt })),
    };
  },
});
