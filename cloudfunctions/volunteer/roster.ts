import * as z from 'zod';
import { action } from '../../server/core/router';
import { minutesLabel } from './hours';
import { activityView, idParam } from './shared';
import { loadRoster } from './rosterData';

/** Organiser's roster: who is confirmed / waiting, who signed in and out, hours, missing sign-outs, no-shows. */
export const roster = action({
  roles: ['admin'],
  params: z.strictObject({ activityId: idParam }),
  async handler({ activityId }, ctx) {
    const r = await loadRoster(activityId, ctx);
    return {
      activity: { ...activityView(r.activity, ctx.caller), eventId: r.activity.eventId },
      people: r.people,
      summary: { ...r.summary, minutesLabel: minutesLabel(r.summary.minutes) },
    };
  },
});
