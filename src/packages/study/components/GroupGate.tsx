import type { ComponentProps } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { StateView } from '../../../components/StateView';
import { ApiError, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';

/**
 * StateView for pages inside a group: a FORBIDDEN reply there means "not in this group yet",
 * so it says how to join instead of "加载失败".
 */
export function GroupGate(p: ComponentProps<typeof StateView>) {
  if (p.error instanceof ApiError && p.error.code === 'FORBIDDEN') {
    return (
      <View className="rp-card">
        <Text className="rp-title">还不是小组成员</Text>
        <Text className="rp-text st-line">{errorMessage(p.error)}</Text>
        <View className="rp-actions">
          <Button type="primary" size="large" block onClick={() => go(ROUTES.studyJoin)}>
            用邀请码加入
          </Button>
        </View>
      </View>
    );
  }
  return <StateView {...p} />;
}
