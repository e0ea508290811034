import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ApiError, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';

/** A FORBIDDEN reply on a group page means "not in this group yet": say how to join instead of "加载失败". */
export function isNotMember(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'FORBIDDEN';
}

export function JoinHint({ error }: { error: unknown }) {
  return (
    <View className="rp-card">
      <Text className="rp-title">还不是小组成员</Text>
      <Text className="rp-text st-line">{errorMessage(error)}</Text>
      <View className="rp-actions">
        <Button type="primary" size="large" block onClick={() => go(ROUTES.studyJoin)}>
          用邀请码加入
        </Button>
      </View>
    </View>
  );
}
