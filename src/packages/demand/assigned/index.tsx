import { useState } from 'react';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../components/Chips';
import { call } from '../../../api/client';
import { DemandList } from '../components/DemandList';
import '../components/demand.scss';

const SCOPES = [
  { value: 'open', label: '待办' },
  { value: 'done', label: '已办' },
  { value: 'all', label: '全部' },
] as const;
type Scope = (typeof SCOPES)[number]['value'];

/** A handler's demands, those due soonest first. */
export default function AssignedDemands() {
  const [scope, setScope] = useState<Scope>('open');
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Chips options={SCOPES} value={scope} onChange={(v) => v && setScope(v)} />
        </View>
        <DemandList
          fetchPage={(page) => call('demand', 'assigned', { scope, page })}
          deps={[scope]}
          emptyTitle={scope === 'open' ? '暂无待办诉求' : '暂无诉求'}
          emptyText="中心分派给您的诉求会显示在这里。"
          showEnterprise
        />
      </View>
    </PageShell>
  );
}
