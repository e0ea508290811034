/** One person's credited volunteer minutes and activity count, summed by the database. */
import { cmd, col, during } from '../../server/core/db';

export interface CreditedTotals {
  minutes: number;
  activities: number;
}

/**
 * Over all time, or over activities that started in [start, end). One aggregation; the same
 * numbers 我的志愿时长, the certificate and 我的数据 show.
 */
export async function creditedTotals(openid: string, period?: { start: Date; end: Date }): Promise<CreditedTotals> {
  const _ = cmd();
  const $ = _.aggregate;
  const match: Record<string, unknown> = { openid, minutes: _.gt(0) };
  if (period) match.startAt = during(period.start, period.end);
  const res = (await col('volunteerRegistrations')
    .aggregate()
    .match(match)
    .group({ _id: null, minutes: $.sum('$minutes'), activities: $.sum(1) })
    .limit(1)
    .end()) as { data: CreditedTotals[] };
  const t = res.data[0];
  return { minutes: t?.minutes ?? 0, activities: t?.activities ?? 0 };
}
