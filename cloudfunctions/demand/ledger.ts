/** 企业诉求台账: every demand submitted in the period (withdrawn ones included, marked 已撤回). */
import { col, during } from '../../server/core/db';
import type { Ledger } from '../../server/core/ledger';
import { stateLabel } from './terms';

const inPeriod = (start: Date, end: Date) => ({ submittedAt: during(start, end) });

export const demandLedger: Ledger = {
  key: 'demands',
  title: '企业诉求与红色代办台账',
  periodic: true,
  columns: [
    { key: 'submittedAt', header: '提交时间', type: 'datetime' },
    { key: 'enterpriseName', header: '企业', width: 26 },
    { key: 'kind', header: '类型', width: 8 },
    { key: 'category', header: '类别', width: 10 },
    { key: 'title', header: '事项', width: 30 },
    { key: 'state', header: '状态', width: 12 },
    { key: 'handlerName', header: '承办人', width: 10 },
    { key: 'dueDate', header: '办理时限', type: 'day' },
    { key: 'resolvedAt', header: '办结时间', type: 'datetime' },
    { key: 'score', header: '满意度（1-5）', type: 'number', width: 12 },
  ],
  async count(r) {
    return (await col('demands').where(inPeriod(r.start, r.end)).count()).total;
  },
  async rows(r, skip, limit) {
    const { data } = await col('demands').where(inPeriod(r.start, r.end)).orderBy('submittedAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(limit).get();
    return data.map((d) => ({ ...d, state: stateLabel(d.state, !!d.handlerOpenid) }));
  },
};
