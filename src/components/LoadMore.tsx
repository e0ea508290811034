import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '../api/errors';
import './LoadMore.scss';

interface Props {
  hasMore: boolean;
  loading: boolean;
  error?: unknown;
  count: number;
  total: number;
  onMore: () => void;
}

/** The foot of a paged list: 加载更多 (with progress), the error of the last page with 重试, or the end. */
export function LoadMore({ hasMore, loading, error, count, total, onMore }: Props) {
  return (
    <View className="rp-actions">
      {error ? <Text className="rp-error-text rp-block">{errorMessage(error)}</Text> : null}
      {hasMore ? (
        <Button size="large" block loading={loading} onClick={onMore}>
          {loading ? '正在加载…' : error ? '重试' : `加载更多（已显示 ${count} / ${total}）`}
        </Button>
      ) : (
        <Text className="rp-muted rp-load-more__end">
          已显示全部 {total} 条
        </Text>
      )}
    </View>
  );
}
