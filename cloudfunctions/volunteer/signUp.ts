import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { requirePrivacyConsent } from '../../server/core/consent';
import { cooldownRefusal, NO_SHOW_RULE, noShowCooldown } from '../../server/core/noShow';
import { idParam } from './shared';
import { signUp as takeOrQueue } from './seats';

/**
 * Sign up for an activity: a place if one is left, otherwise the waitlist with its position.
 * Never more confirmed than places, never two active registrations of one person — by atomic
 * updates and a unique index (seats.ts). A repeated tap answers the registration already held.
 *
 * First, the no-show cool-down (server/core/noShow.ts): two unexcused no-shows within 90 days
 * pause the person's sign-ups for 7 days, told to them only, with the dates and how to appeal.
 * It is read from their registrations at each sign-up (never stored, so an excuse lifts it at
 * once): one query, which is what the rule costs — the alternative, a standing kept on the
 * person's record, would be a second copy the organiser's corrections could leave stale.
 * Database calls: 4 with the caller's record (the cool-down query, then seats.ts's 2).
 */
export const signUp = action({
  roles: 'anyone',
  params: z.strictObject({ activityId: idParam }),
  async handler({ activityId }, { caller }) {
    // A registration (who volunteers where, and later their hours) is personal data.
    requirePrivacyConsent(caller, '报名志愿活动');
    const now = new Date();
    const since = new Date(now.getTime() - NO_SHOW_RULE.windowDays * 86_400_000);
    const { data: missed } = await col('volunteerRegistrations')
      .where({ openid: caller.openid, noShow: true, noShowExcused: null, startAt: cmd().gte(since) })
      .field({ startAt: true, noShowAt: true })
      // Latest recorded first: the pause runs from the LATEST record, so with more than ten
      // no-shows in the window an unsorted ten could miss it and end the pause too early. Rows
      // from before `noShowAt` was kept sort last (they are the oldest records anyway).
      .orderBy('noShowAt', 'desc')
      .orderBy('startAt', 'desc')
      .limit(10)
      .get();
    const cooldown = noShowCooldown(missed.map((r) => ({ at: r.startAt, recordedAt: r.noShowAt })), now);
    if (cooldown) throw cooldownRefusal(cooldown, '您', '报名志愿活动', '联系活动组织者或党群服务中心说明情况');
    const r = await takeOrQueue(activityId, caller);
    return { status: r.status, ...(r.position !== undefined ? { position: r.position } : {}), registrationId: r.regId, already: r.already };
  },
});
