/** The enterprise ledger (企业台账): every enterprise with its profile, as the park reports it upward. */
import { col } from '../core/db';
import type { Ledger } from '../admin/ledgers';

export const enterpriseLedger: Ledger = {
  key: 'enterprises',
  title: '园区企业台账',
  periodic: false,
  columns: [
    { key: 'name', header: '企业名称', width: 28 },
    { key: 'creditCode', header: '统一社会信用代码', width: 22 },
    { key: 'industry', header: '所属行业' },
    { key: 'headcount', header: '职工人数', type: 'number', width: 10 },
    { key: 'foundedAt', header: '成立日期', type: 'day' },
    { key: 'qualifications', header: '资质', width: 28 },
    { key: 'contacts', header: '联系人数', type: 'number', width: 10 },
    { key: 'createdAt', header: '登记时间', type: 'datetime' },
  ],
  async count() {
    return (await col('enterprises').count()).total;
  },
  async rows(_r, skip, limit) {
    const { data } = await col('enterprises').orderBy('name', 'asc').skip(skip).limit(limit).get();
    return data.map((e) => ({ ...e, contacts: e.contactOpenids?.length ?? 0 }));
  },
};
