/**
 * Credited volunteer minutes of given people in a period, for the star rating's 党员人均志愿服务时长
 * (org/evidence.ts, finding G-01): summed by the database per person, over the registrations of
 * activities that started in the period (the same rule as volunteerFigures).
 */
import { cmd, col, during } from '../../server/core/db';

export async function memberMinutes(openids: string[], from: Date, to: Date): Promise<Map<string, number>> {
  if (!openids.length) return new Map();
  const _ = cmd();
  const $ = _.aggregate;
  const { data } = (await col('volunteerRegistrations')
    .aggregate()
    .match({ openid: _.in(openids), startAt: during(from, to), minutes: _.gt(0) })
    .group({ _id: '$openid', minutes: $.sum('$minutes') })
    // One row per person asked about.
    .limit(Math.max(1, openids.length))
    .end()) as { data: { _id: string; minutes: number }[] };
  return new Map(data.map((r) => [r._id, r.minutes]));
}
