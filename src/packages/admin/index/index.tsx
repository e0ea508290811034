import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListRow } from '../../../components/ListRow';
import { useResource } from '../../../hooks/useResource';
import { meResource } from '../../../store/me';
import { consoleEntries } from '../../../domain/admin';
import { go } from '../../../utils/nav';
import '../admin.scss';

/** 管理后台: the console's own pages and each capability's management pages, by role. */
export default function Console() {
  const me = useResource(meResource);
  const entries = me.data ? consoleEntries(me.data.roles) : null;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView
          loading={me.loading && !me.data}
          error={me.data ? undefined : me.error}
          onRetry={me.reload}
          empty={!!entries && entries.own.length + entries.manage.length === 0}
          emptyTitle="仅限管理员使用"
          emptyText="管理后台供党务管理员和支部书记使用，如需开通请联系党群服务中心。"
        >
          {entries && entries.own.length > 0 ? (
            <>
              <Text className="rp-section-title">统计与台账</Text>
              <View className="rp-card">
                {entries.own.map((e) => (
                  <ListRow key={e.key} title={e.title} description={e.hint} onClick={() => go(e.route)} />
                ))}
              </View>
            </>
          ) : null}
          {entries && entries.manage.length > 0 ? (
            <>
              <Text className="rp-section-title">业务管理</Text>
              <View className="rp-card">
                {entries.manage.map((e) => (
                  <ListRow key={e.key} title={e.title} description={e.hint} onClick={() => go(e.route)} />
                ))}
              </View>
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
