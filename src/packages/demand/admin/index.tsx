import { useState } from 'react';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../components/Chips';
import { call } from '../../../api/client';
import { DEMAND_CATEGORIES, DEMAND_KINDS, type DemandCategory, type DemandKind } from '../../../../cloudfunctions/demand/terms';
import { DemandList } from '../components/DemandList';
import '../components/demand.scss';

const VIEWS = [
  { value: 'unassigned', label: '待分派' },
  { value: 'open', label: '办理中' },
  { value: 'overdue', label: '已逾期' },
  { value: 'done', label: '已完成' },
  { value: 'all', label: '全部' },
] as const;
type ViewKey = (typeof VIEWS)[number]['value'];

/** Admin: every demand by view (待分派 first), category and kind; tap one to assign it. */
export default function AdminDemands() {
  const [view, setView] = useState<ViewKey>('unassigned');
  const [category, setCategory] = useState<DemandCategory | ''>('');
  const [kind, setKind] = useState<DemandKind | ''>('');
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Chips label="办理状态" options={VIEWS} value={view} onChange={(v) => v && setView(v)} />
          <Chips label="诉求类别" options={DEMAND_CATEGORIES} value={category} allLabel="全部" onChange={setCategory} />
          <Chips label="类型" options={DEMAND_KINDS} value={kind} allLabel="全部" onChange={setKind} />
        </View>
        <DemandList
          fetchPage={(page) => call('demand', 'list', { view, page, ...(category ? { category } : {}), ...(kind ? { kind } : {}) })}
          deps={[view, category, kind]}
          emptyTitle={view === 'unassigned' ? '没有待分派的诉求' : '没有符合条件的诉求'}
          emptyText="可切换上面的筛选条件查看其他诉求。"
          showEnterprise
        />
      </View>
    </PageShell>
  );
}
