import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro';
import { errorMessage } from '../api/errors';
import './StateView.scss';

interface Props {
  /** True while the first load runs (no data yet). */
  loading: boolean;
  error?: unknown;
  /** Data loaded but nothing to show. */
  empty?: boolean;
  emptyTitle?: string;
  emptyText?: string;
  emptyAction?: ReactNode;
  onRetry?: () => void;
  rows?: number;
  children?: ReactNode;
}

/** Loading (skeleton), error (one sentence + 重试), empty, or the content. */
export function StateView(props: Props) {
  const { loading, error, empty, onRetry, rows = 3, children } = props;
  if (loading) {
    return (
      <View className="rp-card rp-state" aria-busy="true">
        <Skeleton rows={rows} animated visible={false} />
        <Text className="rp-muted rp-state__loading">正在加载…</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className="rp-card rp-state rp-state--error">
        <Empty
          image={<View className="rp-glyph">!</View>}
          imageSize={44}
          title="加载失败"
          description={errorMessage(error)}
        />
        {onRetry && (
          <Button className="rp-state__retry" type="primary" fill="outline" size="large" block onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (empty) {
    return (
      <View className="rp-card rp-state">
        <Empty
          image={<View className="rp-glyph rp-glyph--gold">空</View>}
          imageSize={44}
          title={props.emptyTitle ?? '暂无内容'}
          description={props.emptyText ?? ''}
        />
        {props.emptyAction}
      </View>
    );
  }
  return <>{children}</>;
}
