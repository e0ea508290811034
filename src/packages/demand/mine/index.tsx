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

/** The demands of the caller's enterprise, newest first. */
export default function MyDemands() {
  const [scope, setScope] = useState<Scope>('all');
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Chips options={SCOPES} value={scope} onChange={(v) => v && setScope(v)} />
          <Button type="primary" size="large" block onClick={() => go(ROUTES.demandSubmit)}>
            提交新诉求
          </Button>
        </View>
        <DemandList
          fetchPage={(page) => call('demand', 'mine', { scope, page })}
          deps={[scope]}
          emptyTitle="暂无诉求"
          emptyText="遇到融资、用工、法律、审批等难题，可随时提交诉求。"
        />
      </View>
    </PageShell>
  );
}
