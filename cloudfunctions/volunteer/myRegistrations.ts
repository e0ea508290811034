import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { PHASE_LABEL, phase, registrationView } from './shared';

/**
 * The caller's registrations, latest activity first, with each activity's current phase (one
 * query for the rows, one for their activities). Waitlist positions are on the detail page.
 */
export const myRegistrations = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const { data } = await col('volunteerRegistrations').where({ openid: caller.openid, duplicate: cmd().neq(true) }).orderBy('startAt', 'desc').orderBy('createdAt', 'desc').limit(100).get();
    const ids = [...new Set(data.map((r) => r.activityId))];
    const acts = ids.length ? (await col('volunteerActivities').where({ _id: cmd().in(ids) }).limit(100).get()).data : [];
    const byId = new Map(acts.map((a) => [a._id, a]));
    const now = Date.now();
    return data.map((r) => {
      const a = byId.get(r.activityId);
      const p = a ? phase(a, now) : 'cancelled';
      return { ...registrationView(r, now), teamName: a?.teamName ?? '', place: a?.place ?? '', phase: p, phaseLabel: PHASE_LABEL[p] };
    });
  },
});
