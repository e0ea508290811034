import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { getActivity, idParam } from './shared';
import { reconcileSeats, type SeatRepair } from './seats';

/**
 * 核对名额: an admin makes an activity's place counters agree with its registrations again after
 * a call died half-way (seats.ts → "Repair"); the timer does the same for upcoming activities.
 * Refused with CONFLICT while a seat changed within the last minute. Audited when it changed something.
 */
export const reconcile = action({
  roles: ['admin'],
  params: z.strictObject({ activityId: idParam }),
  async handler({ activityId }, ctx) {
    const r = await reconcileSeats(await getActivity(activityId));
    if (r === 'busy') throw new AppError('CONFLICT', '该活动刚有人报名或取消，请过一分钟再核对名额。');
    if (r.changed) {
      const { before, after, voidTickets, promoted } = r;
      await audit(ctx, { fn: 'volunteer', action: 'reconcile', target: `volunteerActivities/${activityId}`, before, after: { ...after, voidTickets, promoted } });
    }
    return r;
  },
});

/** Activities the timer checks per run, soonest first. */
const SWEEP_BATCH = 100;
const DAY_MS = 86400_000;

/**
 * The timer's step: every activity not cancelled that starts later than a day ago — the ones
 * whose places still matter — is reconciled; each costs one aggregation when nothing drifted.
 * Selected by start, not by last change: a cancel that died after flipping its row leaves the
 * activity's own stamp as old as its last sign-up. Repairs are logged (no caller to audit as).
 */
export async function reconcileRecent(now = new Date()): Promise<{ checked: number; busy: number; fixed: SeatRepair[] }> {
  const _ = cmd();
  const { data } = await col('volunteerActivities')
    .where({ status: _.neq('cancelled'), startAt: _.gt(new Date(now.getTime() - DAY_MS)) })
    .orderBy('startAt', 'asc')
    .limit(SWEEP_BATCH)
    .get();
  const fixed: SeatRepair[] = [];
  let busy = 0;
  for (const a of data) {
    try {
      const r = await reconcileSeats(a, now);
      if (r === 'busy') busy++;
      else if (r.changed) {
        fixed.push(r);
        console.warn(`volunteer: reconciled the places of ${a._id}`, JSON.stringify(r));
      }
    } catch (err) {
      console.error(`volunteer: reconcile of ${a._id} failed`, err);
    }
  }
  return { checked: data.length, busy, fixed };
}
