/** The roster of one activity, shared by the roster page and its CSV export. */
import { cmd, col, type WithId } from '../../server/core/db';
import type { Ctx } from '../../server/core/router';
import type { ActivityDoc } from './docs';
import { audit } from '../../server/core/audit';
import { minutesLabel } from './hours';
import { activeRegistrations, getActivity, noShowsDue, PAGE, registrationView, slices } from './shared';

/**
 * Confirmed volunteers who never signed in are marked no-show once the activity is over (plus
 * the sign-out grace): one multi-document update, idempotent. Nothing else follows from it — the
 * organiser sees the counts and decides.
 */
export async function markNoShowsOf(a: WithId<ActivityDoc>, ctx: Ctx): Promise<number> {
  const now = new Date();
  const { updated } = await col('volunteerRegistrations')
    .where({ activityId: a._id, status: 'confirmed', signedInAt: null, noShow: false })
    .update({ noShow: true, updatedAt: now });
  if (!a.noShowsMarkedAt) await col('volunteerActivities').doc(a._id).update({ noShowsMarkedAt: now });
  if (updated) await audit(ctx, { fn: 'volunteer', action: 'markNoShows', target: `volunteerActivities/${a._id}`, before: null, after: { marked: updated } });
  return updated;
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
