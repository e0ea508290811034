/**
 * Volunteer figures for the admin dashboard, grouped in the database (two aggregations): the
 * period's activities with their confirmed sign-ups, and the credited hours with the people who
 * earned them. An activity and its registrations count in the period of the activity's start.
 */
import { cmd, col, during } from '../../server/core/db';
import type { Range } from '../../server/core/range';

export async function volunteerFigures(r: Range) {
  const _ = cmd();
  const $ = _.aggregate;
  const inPeriod = { startAt: during(r.start, r.end) };
  const [acts, hours] = (await Promise.all([
    col('volunteerActivities').aggregate().match({ ...inPeriod, status: _.neq('cancelled') }).group({ _id: null, activities: $.sum(1), signups: $.sum('$confirmed') }).limit(1).end(),
    col('volunteerRegistrations')
      .aggregate()
      .match({ ...inPeriod, minutes: _.gt(0) })
      .group({ _id: '$openid', minutes: $.sum('$minutes') })
      .group({ _id: null, minutes: $.sum('$minutes'), people: $.sum(1) })
      .limit(1)
      .end(),
  ])) as [{ data: { activities: number; signups: number }[] }, { data: { minutes: number; people: number }[] }];
  const a = acts.data[0];
  const h = hours.data[0];
  return {
    activities: a?.activities ?? 0,
    signups: a?.signups ?? 0,
    hours: Math.round(((h?.minutes ?? 0) / 60) * 10) / 10,
    volunteers: h?.people ?? 0,
  };
}
