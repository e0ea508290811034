import * as z from 'zod';
import { action } from '../../server/core/router';
import { requirePrivacyConsent } from '../../server/core/consent';
import { idParam } from './shared';
import { signUp as takeOrQueue } from './seats';

/**
 * Sign up for an activity: a place if one is left, otherwise the waitlist with its position.
 * Never more confirmed than places, never two active registrations of one person — by atomic
 * updates and a unique index (seats.ts). A repeated tap answers the registration already held.
 * Database calls: 3 with the caller's record (see seats.ts).
 */
export const signUp = action({
  roles: 'anyone',
  params: z.strictObject({ activityId: idParam }),
  async handler({ activityId }, { caller }) {
    // A registration (who volunteers where, and later their hours) is personal data.
    requirePrivacyConsent(caller, '报名志愿活动');
    const r = await takeOrQueue(activityId, caller);
    return { status: r.status, ...(r.position !== undefined ? { position: r.position } : {}), registrationId: r.regId, already: r.already };
  },
});
