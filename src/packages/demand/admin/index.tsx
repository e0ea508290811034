import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { call } from '../../../api/client';
import { ALL_CATEGORIES, DEMAND_KINDS, type DemandCategory, type DemandKind } from '../../../../cloudfunctions/demand/terms';
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

/**
 * Admin: every demand by view (待分派 first — new ones and 不满意待重办 —), category, kind and a
 * search text; tap one to assign it. 投诉建议 (kind and category 投诉建议, seen only by admins) are
 * among them and can be picked out with either chip.
 */
export default function AdminDemands() {
  const [view, setView] = useState<ViewKey>('unassigned');
  const [category, setCategory] = useState<DemandCategory | ''>('');
  const [kind, setKind] = useState<DemandKind | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Field label="搜索" value={typed} onChange={setTyped} placeholder="企业名称或诉求标题关键字" maxLength={30} />
          <Button size="large" block type="primary" onClick={() => setQ(typed.trim())}>
            搜索
          </Button>
          <Chips label="办理状态" options={VIEWS} value={view} onChange={(v) => v && setView(v)} />
          <Chips label="诉求类别" options={ALL_CATEGORIES} value={category} allLabel="全部" onChange={setCategory} />
          <Chips label="类型" options={DEMAND_KINDS} value={kind} allLabel="全部" onChange={setKind} />
        </View>
        <DemandList
          fetchPage={(page) => call('demand', 'list', { view, page, ...(category ? { category } : {}), ...(kind ? { kind } : {}), ...(q ? { q } : {}) })}
          deps={[view, category, kind, q]}
          emptyTitle={view === 'unassigned' ? '没有待分派的诉求' : '没有符合条件的诉求'}
          emptyText="可切换上面的筛选条件查看其他诉求。"
          showEnterprise
        />
      </View>
    </PageShell>
  );
}
