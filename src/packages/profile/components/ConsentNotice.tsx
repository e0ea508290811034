import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/** Shown instead of a form until the person agrees to the privacy guideline. */
export function ConsentNotice({ onAsk, what }: { onAsk: () => void; what: string }) {
  return (
    <View className="rp-card">
      <Text className="rp-title">请先同意隐私保护指引</Text>
      <Text className="rp-text rp-block">
        {what}需要收集您的个人信息。请先阅读并同意《隐私保护指引》，我们只会将信息用于党群服务。
      </Text>
      <View className="rp-actions">
        <Button type="primary" size="large" block onClick={onAsk}>
          查看并同意
        </Button>
      </View>
    </View>
  );
}
