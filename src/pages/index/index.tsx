import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { ListCard, ListRow } from '../../components/ListRow';
import { PageShell } from '../../components/PageShell';
import { StateView } from '../../components/StateView';
import { useResource } from '../../hooks/useResource';
import { meResource, refreshMe } from '../../store/me';
import { quickLinks } from '../../domain/menu';
import { ServiceMenu } from '../../components/ServiceMenu';
import { displayName } from '../../domain/profile';
import { openTarget } from '../../utils/nav';
import { startScan } from '../../utils/scan';
import './index.scss';

export default function Home() {
  const me = useResource(meResource, { load: false });
  const data = me.data;

  useDidShow(() => void refreshMe());
  usePullDownRefresh(() => {
    void refreshMe().then(() => Taro.stopPullDownRefresh());
  });

  const park = data?.park;
  const name = data?.profile?.name?.trim();
  const links = data ? quickLinks(data) : [];

  return (
    <PageShell>
      <View className="rp-page home">
        <View className="home-hero">
          <Text className="home-hero__center">{park?.centerName || '党群服务中心'}</Text>
          <View className="home-hero__rule" />
          <Text className="home-hero__welcome">
            {name ? `${displayName(data?.profile)}，您好！` : '您好，欢迎来到党群服务中心！'}
          </Text>
          <Text className="home-hero__park">{park?.name || '红色园区 · 党建引领 服务发展'}</Text>
        </View>

        <View className="home-scan" hoverClass="home-scan--pressed" onClick={() => void startScan()}>
          <View className="rp-glyph home-scan__glyph">扫</View>
          <View className="rp-grow">
            <Text className="home-scan__title">扫码签到</Text>
            <Text className="rp-muted home-scan__hint">到访中心、参加活动时扫描现场二维码登记</Text>
          </View>
          <Text className="home-scan__arrow">›</Text>
        </View>

        <StateView loading={me.loading && !data} error={!data ? me.error : undefined} onRetry={me.reload} rows={4}>
          <Text className="rp-section-title">服务菜单</Text>
          {data ? <ServiceMenu viewer={data} phone={park?.phone} /> : null}

          <Text className="rp-section-title">快捷入口</Text>
          <ListCard>
            {links.map((l) => (
              <ListRow
                key={l.key}
                title={l.title}
                description={l.hint}
                onClick={() => openTarget(l.target, { title: l.title, phone: park?.phone })}
              />
            ))}
          </ListCard>

          {park ? (
            <>
              <Text className="rp-section-title">中心信息</Text>
              <View className="rp-card">
                <Text className="rp-text home-info">地址：{park.address}</Text>
                <Text className="rp-text home-info">电话：{park.phone}</Text>
              </View>
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
