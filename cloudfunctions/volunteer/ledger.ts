/** 志愿服务时长台账: credited hours per person for activities that started in the period, most first. */
import { cmd, col, during } from '../../server/core/db';
import type { Ledger } from '../../server/core/ledger';

const credited = (start: Date, end: Date) => ({ startAt: during(start, end), minutes: cmd().gt(0) });

export const volunteerHoursLedger: Ledger = {
  key: 'volunteerHours',
  title: '志愿服务时长台账',
  periodic: true,
  columns: [
    { key: 'name', header: '姓名', width: 12 },
    { key: 'phone', header: '联系电话', width: 14 },
    { key: 'activities', header: '参加活动数', type: 'number', width: 12 },
    { key: 'hours', header: '志愿时长（小时）', type: 'number', width: 16 },
  ],
  async count(r) {
    const { data } = (await col('volunteerRegistrations')
      .aggregate()
      .match(credited(r.start, r.end))
      .group({ _id: '$openid' })
      .group({ _id: null, n: cmd().aggregate.sum(1) })
      .limit(1)
      .end()) as { data: { n: number }[] };
    return data[0]?.n ?? 0;
  },
  async rows(r, skip, limit) {
    const $ = cmd().aggregate;
    const { data } = (await col('volunteerRegistrations')
      .aggregate()
      .match(credited(r.start, r.end))
      .group({ _id: '$openid', minutes: $.sum('$minutes'), activities: $.sum(1) })
      .sort({ minutes: -1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .lookup({ from: 'users', localField: '_id', foreignField: '_id', as: 'user' })
      .limit(limit) // a $limit before $lookup may not lift CloudBase's 20-row default (findings P-03)
      .end()) as { data: { minutes: number; activities: number; user: { profile?: { name?: string; phone?: string } }[] }[] };
    return data.map((p) => ({
      name: p.user[0]?.profile?.name || '（未填写姓名）',
      phone: p.user[0]?.profile?.phone ?? '',
      activities: p.activities,
      hours: Math.round((p.minutes / 60) * 100) / 100,
    }));
  },
};
