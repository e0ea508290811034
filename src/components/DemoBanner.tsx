import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { DemoIdentity } from '../domain/identity';
import { ROUTES } from '../domain/routes';
import './DemoBanner.scss';

/** h5 only: who you are acting as, and a way to switch. */
export function DemoBanner({ identity }: { identity: DemoIdentity }) {
  return (
    <View className="rp-demo-banner" onClick={() => void Taro.reLaunch({ url: ROUTES.demoLogin })}>
      <Text className="rp-demo-banner__text">演示模式 · 当前身份：{identity.label}</Text>
      <Text className="rp-demo-banner__switch">切换</Text>
    </View>
  );
}
