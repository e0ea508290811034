/** The check-in ledger (到访签到记录): one row per check-in of the period, names resolved in the database. */
import { cmd, col } from '../../server/core/db';
import type { Ledger } from '../../server/core/ledger';

const inPeriod = (from: string, to: string) => ({ day: cmd().gte(from).and(cmd().lte(to)) });

export const checkinLedger: Ledger = {
  key: 'checkins',
  title: '党群服务中心到访签到记录',
  periodic: true,
  columns: [
    { key: 'at', header: '签到时间', type: 'datetime' },
    { key: 'name', header: '姓名', width: 12 },
    { key: 'kind', header: '类型', width: 10 },
    { key: 'venue', header: '场所', width: 20 },
    { key: 'event', header: '活动', width: 28 },
  ],
  async count(r) {
    return (await col('checkins').where(inPeriod(r.from, r.to)).count()).total;
  },
  async rows(r, skip, limit) {
    // One aggregation per page: the names come from $lookup, not from one read per row.
    const { data } = (await col('checkins')
      .aggregate()
      .match(inPeriod(r.from, r.to))
      .sort({ at: 1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .lookup({ from: 'users', localField: 'openid', foreignField: '_id', as: 'user' })
      .lookup({ from: 'venues', localField: 'venueId', foreignField: '_id', as: 'venue' })
      .lookup({ from: 'events', localField: 'eventId', foreignField: '_id', as: 'event' })
      .limit(limit) // a $limit before $lookup may not lift CloudBase's 20-row default (findings P-03)
      .end()) as { data: { at: Date; kind: string; user: { profile?: { name?: string } }[]; venue: { name: string }[]; event: { title: string }[] }[] };
    return data.map((c) => ({
      at: c.at,
      name: c.user[0]?.profile?.name || '（未填写姓名）',
      kind: c.kind === 'event' ? '活动签到' : '场所到访',
      venue: c.venue[0]?.name ?? '',
      event: c.event[0]?.title ?? '',
    }));
  },
};
