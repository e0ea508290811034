import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { useReturnReload } from '../../../hooks/useReturnReload';
import type { Page } from '../../../domain/paged';
import { DemandCard, type DemandRow } from './DemandCard';

interface Props {
  fetchPage: (page: number) => Promise<Page<DemandRow> & { total: number }>;
  deps: unknown[];
  emptyTitle: string;
  emptyText: string;
  showEnterprise?: boolean;
}

/** A paged list of demands with loading, empty, error(+重试), pull-to-refresh and reload on return. */
export function DemandList({ fetchPage, deps, emptyTitle, emptyText, showEnterprise }: Props) {
  const list = usePaged(fetchPage, deps);
  useReturnReload(list.reload);
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <StateView
      loading={list.loading && list.items.length === 0}
      error={list.items.length === 0 ? list.error : undefined}
      empty={!list.loading && list.items.length === 0}
      emptyTitle={emptyTitle}
      emptyText={emptyText}
      onRetry={() => void list.reload()}
    >
      <View>
        {list.items.map((d) => (
          <DemandCard key={d.id} d={d} showEnterprise={showEnterprise} />
        ))}
      </View>
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.error} count={list.items.length} total={list.total} onMore={() => void list.more()} />
    </StateView>
  );
}
