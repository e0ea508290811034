import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { activityView, registrationView } from './shared';
import { eligibleFor } from './seats';

/**
 * The activity list: upcoming ones soonest first (or past ones latest first), optionally of one
 * team, optionally only those the caller can sign up for now (我能报名). Each carries the caller's
 * own registration. Database calls: the list, then the caller's registrations for those ids.
 */
export const listActivities = action({
  roles: 'anyone',
  params: z.strictObject({
    scope: z.enum(['upcoming', 'past']).default('upcoming'),
    teamId: z.string().trim().min(1).max(64).optional(),
    canSignUp: z.boolean().default(false),
  }),
  async handler({ scope, teamId, canSignUp }, { caller }) {
    const _ = cmd();
    const now = new Date();
    const where: Record<string, unknown> = scope === 'upcoming' ? { endAt: _.gt(now) } : { endAt: _.lte(now) };
    if (teamId) where.teamId = teamId;
    if (canSignUp) {
      Object.assign(where, { status: 'open', signupOpensAt: _.lte(now), signupClosesAt: _.gt(now), eligibility: _.in(eligibleFor(caller)) });
    } else if (scope === 'upcoming') {
      where.status = _.in(['open', 'closed']);
    }
    const { data } = await col('volunteerActivities')
      .where(where)
      .orderBy('startAt', scope === 'upcoming' ? 'asc' : 'desc')
      .limit(50)
      .get();
    const ids = data.map((a) => a._id);
    const mine = ids.length
      ? (await col('volunteerRegistrations').where({ openid: caller.openid, activityId: _.in(ids), status: _.in(['confirmed', 'waitlisted']) }).limit(100).get()).data
      : [];
    const byActivity = new Map(mine.map((r) => [r.activityId, r]));
    return data.map((a) => {
      const r = byActivity.get(a._id);
      return { ...activityView(a, caller, now.getTime()), mine: r ? registrationView(r, now.getTime()) : null };
    });
  },
});
