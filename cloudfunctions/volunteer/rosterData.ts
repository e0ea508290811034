/** The roster of one activity, shared by the roster page and its CSV export. */
import { cmd, col, type WithId } from '../../server/core/db';
import type { Ctx } from '../../server/core/router';
import type { ActivityDoc, RegistrationDoc } from './docs';
import { audit } from '../../server/core/audit';
import { minutesLabel, SIGN_OUT_GRACE_MS } from './hours';
import { noShowsDue, PAGE, registrationView } from './shared';
import { AppError } from '../../server/core/errors';

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

type RosterRow = WithId<RegistrationDoc> & { profile?: { name?: string; phone?: string; organisation?: string }; noShowsEver: number };

/**
 * The stages that turn active registrations (already matched, in ticket order) into roster rows:
 * each with the person's profile and their no-shows across all activities (what the organiser
 * weighs, nothing automatic) — joined by the database, so a page of up to PAGE people is one request.
 */
function rosterRows(p: any, activityId: string, after: number) {
  const _ = cmd();
  const $ = _.aggregate;
  return p
    .match({ activityId, status: _.in(['confirmed', 'waitlisted']), ticket: _.gt(after) })
    .sort({ ticket: 1 })
    .limit(PAGE)
    .lookup({ from: 'users', localField: 'openid', foreignField: '_id', as: 'user' })
    .lookup({ from: 'volunteerRegistrations', localField: 'openid', foreignField: 'openid', as: 'history' })
    .addFields({
      profile: $.arrayElemAt(['$user.profile', 0]),
      noShowsEver: $.size($.filter({ input: '$history', as: 'h', cond: $.eq(['$$h.noShow', true]) })),
    })
    .project({ user: 0, history: 0 }); // the caller ends it with .limit(PAGE) (P-03: a limit before a lookup is not trusted)
}

/**
 * Database calls (issue 19; 8 before, when the no-shows were marked: the activity, the rows, the
 * profiles and the no-show history were four reads):
 *   the activity with its first PAGE people, their profiles and no-show history: ONE aggregation  1
 *   once, the first time after the activity ended: markNoShowsOf (rows, the activity, the audit)  0–3
 *   each further PAGE people (an activity over 1000): one more aggregation                         0–1 per 1000
 * With the caller's user record: 2 usually, 5 on the view that marks the no-shows. The rows marked
 * are set in the answer as the update set them (confirmed, never signed in, not yet marked), not
 * read again.
 */
export async function loadRoster(activityId: string, ctx: Ctx) {
  const $ = cmd().aggregate;
  const { data } = (await col('volunteerActivities')
    .aggregate()
    .match({ _id: activityId })
    .lookup({ from: 'volunteerRegistrations', let: {}, pipeline: rosterRows($.pipeline(), activityId, 0).limit(PAGE).done(), as: 'rows' })
    .limit(1)
    .end()) as { data: (WithId<ActivityDoc> & { rows: RosterRow[] })[] };
  if (!data[0]) throw new AppError('NOT_FOUND', '该志愿活动不存在或已被删除，请返回列表刷新。');
  let { rows, ...a } = data[0] as WithId<ActivityDoc> & { rows: RosterRow[] };
  // Beyond the first page: one request per further PAGE people, in ticket order.
  for (let page = rows; page.length === PAGE; ) {
    page = ((await rosterRows(col('volunteerRegistrations').aggregate(), activityId, page[page.length - 1].ticket).limit(PAGE).end()) as { data: RosterRow[] }).data;
    rows = rows.concat(page);
  }
  if (!a.noShowsMarkedAt && noShowsDue(a)) {
    await markNoShowsOf(a, ctx);
    const at = new Date();
    a = { ...a, noShowsMarkedAt: at };
    // What the update just marked (its condition, applied to the rows as read).
    rows = rows.map((r) => (r.status === 'confirmed' && !r.signedInAt && !r.noShow ? { ...r, noShow: true, noShowAt: at, noShowsEver: r.noShowsEver + 1 } : r));
  }
  const now = Date.now();
  let waitNo = 0;
  const people = rows.map((r) => {
    const p = r.profile ?? {};
    return {
      ...registrationView(r, now),
      name: p.name?.trim() || '（未填写姓名）',
      phone: p.phone ?? '',
      organisation: p.organisation ?? '',
      waitlistPosition: r.status === 'waitlisted' ? ++waitNo : null,
      minutesLabel: minutesLabel(r.minutes),
      noShowsEver: r.noShowsEver ?? 0,
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
