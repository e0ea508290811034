import { View, Text } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/PageShell';
import { StateView } from '../../components/StateView';
import { useResource } from '../../hooks/useResource';
import { meResource } from '../../store/me';
import { capabilities } from '../../domain/menu';
import { openTarget } from '../../utils/nav';
import './index.scss';

export default function Services() {
  const me = useResource(meResource, { load: false });
  const list = me.data ? capabilities(me.data) : [];

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card services-intro">
          <Text className="rp-title">园区服务</Text>
          <Text className="rp-muted services-intro__text">
            党群服务中心为园区企业、职工和党员提供以下服务，各项服务正在陆续开通。
          </Text>
        </View>
        <StateView loading={me.loading && !me.data} error={!me.data ? me.error : undefined} onRetry={me.reload}>
          {list.map((c) => (
            <View
              key={c.key}
              className="rp-card services-item"
              hoverClass="services-item--pressed"
              onClick={() => openTarget(c.target, { title: c.title })}
            >
              <View className="rp-glyph">{c.glyph}</View>
              <View className="rp-grow">
                <View className="rp-row services-item__head">
                  <Text className="services-item__title">{c.title}</Text>
                  {c.target.kind === 'soon' ? <Tag className="rp-soon">即将开放</Tag> : null}
                </View>
                <Text className="rp-text services-item__desc">{c.description}</Text>
                <Text className="rp-muted">服务对象：{c.audience}</Text>
              </View>
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
