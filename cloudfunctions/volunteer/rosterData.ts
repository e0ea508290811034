/** The roster of one activity, shared by the roster page and its CSV export. */
import { cmd, col, type WithId } from '../../server/core/db';
import type { Ctx } from '../../server/core/router';
import type { ActivityDoc } from './docs';
import { audit } from '../../server/core/audit';
import { minutesLabel, SIGN_OUT_GRACE_MS } from './hours';
import { activeRegistrations, getActivity, noShowsDue, PAGE, registrationView, slices } from './shared';

/**
 * Confirmed volunteers who never signed in are marked no-show once the activity is over (plus
 * the sign-out grace): one multi-document update, idempotent. The organiser sees the counts; two
 * unexcused no-shows within 90 days pause the person's sign-ups for 7 days (signUp.ts, the rule
 * in server/core/noShow.ts), told only to them. Run by the roster, the admin action and the
 * volunteer timer (`markDueNoShows`, with no caller: logged instead of audited, as reconcile is).
 */
export async function markNoShowsOf(a: WithId<ActivityDoc>, ctx: Ctx | null): Promise<number> {
  const now = new Date();
  const { updated } = await col('volunteerRegistrations')
    .where({ activityId: a._id, status: 'confirmed', signedInAt: null, noShow: false })
    .update({ noShow: true, noShowAt: now, updatedAt: now });
  if (!a.noShowsMarkedAt) await col('volunteerActivities').doc(a._id).update({ noShowsMarkedAt: now });
  if (updated && ctx) await audit(ctx, { fn: 'volunteer', action: 'markNoShows', target: `volunteerActivities/${a._id}`, before: null, after: { marked: updated } });
  else if (updated) console.warn(`volunteer: the timer marked ${updated} no-shows of ${a._id}`);
  return updated;
}

/**
 * The timer's part: activities ended (plus the grace) within the last 30 days whose no-shows were
 * never marked — before, nobody who did not open the roster ever got them recorded.
 */
export async function markDueNoShows(now = new Date()): Promise<{ activities: number; marked: number }> {
  const _ = cmd();
  const { data } = await col('volunteerActivities')
    .where({ status: _.neq('cancelled'), noShowsMarkedAt: null, endAt: _.and(_.lt(new Date(now.getTime() - SIGN_OUT_GRACE_MS)), _.gt(new Date(now.getTime() - 30 * 86_400_000))) })
    .orderBy('endAt', 'asc')
    .limit(20)
    .get();
  let marked = 0;
  for (const a of data) {
    try {
      marked += await markNoShowsOf(a, null);
    } catch (err) {
      console.error(`volunteer: marking no-shows of ${a._id} failed`, err);
    }
  }
  return { activities: data.length, marked };
}

export async function loadRoster(activityId: string, ctx: Ctx) {
  const _ = cmd();
  const $ = _.aggregate;
  let a = await getActivity(activityId);
  if (!a.noShowsMarkedAt && noShowsDue(a)) {
    await markNoShowsOf(a, ctx);
    a = { ...a, noShowsMarkedAt: new Date() };
  }
  const rows = await activeRegistrations(activityId);
  // Two reads per 1000 people (their profiles, their no-show history), all at once.
  const found = await Promise.all(
    slices(rows.map((r) => r.openid)).map((openids) =>
      Promise.all([
        col('users').where({ _id: _.in(openids) }).field({ profile: true }).limit(PAGE).get(),
        // Each person's no-shows across all activities: what the organiser weighs, nothing automatic.
        col('volunteerRegistrations')
          .aggregate()
          .match({ openid: _.in(openids), noShow: true })
          .group({ _id: '$openid', n: $.sum(1) })
          .limit(PAGE)
          .end() as Promise<{ data: { _id: string; n: number }[] }>,
      ]),
    ),
  );
  const profile = new Map(found.flatMap(([users]) => users.data.map((u) => [u._id, u.profile ?? {}] as const)));
  const noShows = new Map(found.flatMap(([, history]) => history.data.map((h) => [String(h._id), h.n] as const)));
  const now = Date.now();
  let waitNo = 0;
  const people = rows.map((r) => {
    const p = profile.get(r.openid) ?? {};
    return {
      ...registrationView(r, now),
      name: p.name?.trim() || '（未填写姓名）',
      phone: p.phone ?? '',
      organisation: p.organisation ?? '',
      waitlistPosition: r.status === 'waitlisted' ? ++waitNo : null,
      minutesLabel: minutesLabel(r.minutes),
      noShowsEver: noShows.get(r.openid) ?? 0,
    };
  });
  const confirmed = people.filter((p) => p.status === 'confirmed');
  return {
    activity: a,
    people,
    summary: {
      capacity: a.capacity,
      confirmed: confirmed.length,
      waitlisted: people.length - confirmed.length,
      signedIn: confirmed.filter((p) => p.signedInAt).length,
      credited: confirmed.filter((p) => p.attendance === 'credited').length,
      missingSignOut: confirmed.filter((p) => p.attendance === 'missing_out').length,
      noShows: confirmed.filter((p) => p.noShow).length,
      minutes: confirmed.reduce((s, p) => s + p.minutes, 0),
    },
  };
}
