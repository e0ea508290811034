import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../components/Chips';
import { call } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { DemandList } from '../components/DemandList';
import '../components/demand.scss';

const SCOPES = [
  { value: 'open', label: '办理中' },
  { value: 'done', label: '已完成' },
  { value: 'all', label: '全部' },
] as const;
type Scope = (typeof SCOPES)[number]['value'];

/** The caller's own 投诉建议 and where each stands (demand.myComplaints), newest first. */
export default function MyComplaints() {
  const [scope, setScope] = useState<Scope>('all');
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Chips options={SCOPES} value={scope} onChange={(v) => v && setScope(v)} />
          <Button type="primary" size="large" block onClick={() => go(ROUTES.demandComplaint)}>
            提出投诉建议
          </Button>
        </View>
        <DemandList
          fetchPage={(page) => call('demand', 'myComplaints', { scope, page })}
          deps={[scope]}
          emptyTitle="暂无投诉建议"
          emptyText="对中心的服务有意见或建议，欢迎随时提出。"
        />
      </View>
    </PageShell>
  );
}
