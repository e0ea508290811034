import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, contains } from '../../server/core/db';
import { activityView, registrationView } from './shared';
import { eligibleFor } from './seats';

/** One page of the activity list: small enough for a phone, and the caller's registrations for it fit one read. */
export const PAGE_SIZE = 20;

/**
 * The activity list, page by page: upcoming ones soonest first (or past ones latest first),
 * optionally of one team, optionally only those the caller can sign up for now (我能报名), and a
 * search text matched (case-insensitive, literally) in the title, the place or the team's name.
 * Each item carries the caller's own registration. Database calls: the count and the page in
 * parallel, then the caller's registrations for that page's ids (one read, not one per item).
 */
export const listActivities = action({
  roles: 'anyone',
  params: z.strictObject({
    scope: z.enum(['upcoming', 'past']).default('upcoming'),
    teamId: z.string().trim().min(1).max(64).optional(),
    canSignUp: z.boolean().default(false),
    q: z.string().trim().max(30).optional(),
    page: z.number().int().min(1).max(200).default(1),
  }),
  async handler({ scope, teamId, canSignUp, q, page }, { caller }) {
    const _ = cmd();
    const now = new Date();
    const where: Record<string, unknown> = scope === 'upcoming' ? { endAt: _.gt(now) } : { endAt: _.lte(now) };
    if (teamId) where.teamId = teamId;
    if (canSignUp) {
      Object.assign(where, { status: 'open', signupOpensAt: _.lte(now), signupClosesAt: _.gt(now), eligibility: _.in(eligibleFor(caller)) });
    } else if (scope === 'upcoming') {
      where.status = _.in(['open', 'closed']);
    }
    const text = q ? contains(q) : null;
    const query = col('volunteerActivities').where(text ? _.and([where, _.or([{ title: text }, { place: text }, { teamName: text }])]) : where);
    const [{ total }, { data }] = await Promise.all([
      query.count(),
      query
        .orderBy('startAt', scope === 'upcoming' ? 'asc' : 'desc')
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .get(),
    ]);
    const ids = data.map((a) => a._id);
    // At most one active registration per person per activity (unique activeKey): a page's worth is the cap.
    const mine = ids.length
      ? (await col('volunteerRegistrations').where({ openid: caller.openid, activityId: _.in(ids), status: _.in(['confirmed', 'waitlisted']) }).limit(PAGE_SIZE).get()).data
      : [];
    const byActivity = new Map(mine.map((r) => [r.activityId, r]));
    const items = data.map((a) => {
      const r = byActivity.get(a._id);
      return { ...activityView(a, caller, now.getTime()), mine: r ? registrationView(r, now.getTime()) : null };
    });
    return { items, total, page, hasMore: page * PAGE_SIZE < total };
  },
});
