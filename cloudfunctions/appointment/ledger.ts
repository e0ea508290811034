/** The appointment ledger (发展服务团服务台账): every booking whose appointment falls in the period. */
import { col, during } from '../../server/core/db';
import type { Ledger } from '../../server/core/ledger';
import { STATE_LABEL } from './stateMachine';

const inPeriod = (start: Date, end: Date) => ({ startAt: during(start, end) });

export const appointmentLedger: Ledger = {
  key: 'appointments',
  title: '发展服务团服务台账',
  periodic: true,
  columns: [
    { key: 'startAt', header: '服务时间', type: 'datetime' },
    { key: 'teamName', header: '服务团', width: 12 },
    { key: 'expertName', header: '专家', width: 10 },
    { key: 'enterpriseName', header: '企业', width: 26 },
    { key: 'bookedByName', header: '预约人', width: 10 },
    { key: 'mode', header: '方式', width: 8 },
    { key: 'topic', header: '咨询事项', width: 30 },
    { key: 'state', header: '状态', width: 8 },
    { key: 'score', header: '满意度（1-5）', type: 'number', width: 12 },
    { key: 'comment', header: '评价', width: 30 },
    { key: 'createdAt', header: '预约提交时间', type: 'datetime' },
  ],
  async count(r) {
    return (await col('bookings').where(inPeriod(r.start, r.end)).count()).total;
  },
  async rows(r, skip, limit) {
    const { data } = await col('bookings').where(inPeriod(r.start, r.end)).orderBy('startAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(limit).get();
    return data.map((b) => ({
      ...b,
      mode: b.kind === 'roving' ? '巡回' : b.mode === 'online' ? '线上' : '到场',
      state: STATE_LABEL[b.state] ?? b.state,
    }));
  },
};
