import * as z from 'zod';
import { action } from '../../server/core/router';
import { activeRegistration, activityView, cancelRefusal, getActivity as load, idParam, registrationView } from './shared';
import { waitlistPosition } from './seats';

/**
 * One activity with places left and the caller's registration (with the waitlist position when
 * waiting: a count of the tickets ahead). Admins also get the check-in event to open the kiosk.
 * Database calls: activity and registration in parallel, +1 count when waitlisted.
 */
export const getActivity = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const [a, reg] = await Promise.all([load(id), activeRegistration(id, caller.openid)]);
    const now = Date.now();
    const position = reg?.status === 'waitlisted' ? await waitlistPosition(reg) : null;
    return {
      ...activityView(a, caller, now),
      mine: reg ? { ...registrationView(reg, now), position, cancelRefusal: cancelRefusal(a, reg, now) } : null,
      admin: caller.is('admin') ? { eventId: a.eventId, waiting: a.waiting, seq: a.seq } : null,
    };
  },
});
