import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useResource } from '../../../hooks/useResource';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../components/policy.scss';

/** 惠企礼包: the center's bundles of policies, each for one kind of enterprise. */
export default function Packages() {
  const me = useResource(meResource, { load: false });
  const list = useRemote(() => call('policy', 'listPackages', {}));
  useReturnReload(list.reload);
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView
          loading={list.loading && !list.data}
          error={!list.data ? list.error : undefined}
          empty={list.data?.length === 0}
          emptyTitle="暂无惠企礼包"
          emptyText="中心正在整理政策礼包，可先浏览全部政策。"
          onRetry={() => void list.reload()}
        >
          {list.data?.map((k) => (
            <View key={k.id} className="rp-card pl-card" hoverClass="pl-card--pressed" onClick={() => go(withQuery(ROUTES.policyPackage, { id: k.id }))}>
              <Text className="pl-card__title">{k.title}</Text>
              <View className="rp-tags">
                <Text className="rp-tag rp-tag--gold">含 {k.policyCount} 项政策</Text>
                {k.claimedDemandId ? <Text className="rp-tag rp-tag--success">已领取</Text> : null}
              </View>
              <Text className="pl-card__summary">{k.description}</Text>
              <Text className="rp-muted pl-card__meta">适用：{k.audience}</Text>
            </View>
          ))}
        </StateView>
        {hasRole(me.data?.roles ?? [], 'admin') ? (
          <View className="rp-actions">
            <Button size="large" block onClick={() => go(ROUTES.packageEdit)}>
              新增礼包
            </Button>
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
