import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { StateView } from '../../../components/StateView';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import type { Page } from '../../../domain/paged';

export interface Option {
  id: string;
  name: string;
  /** A second line (an industry, a 入党日期) that tells two equal names apart. */
  sub?: string;
}

/**
 * A searchable, paged list to pick from (工作单位, 培养联系人): the server searches by name, so the
 * choice is every row, not whatever fitted the first page. Loading, empty and error states of its
 * own; a tap on a row calls `onPick` (the caller decides single or multiple choice).
 */
export function SearchPick(p: {
  id: string;
  placeholder: string;
  fetch: (q: string, page: number) => Promise<Page<Option>>;
  selected: string[];
  onPick: (row: Option) => void;
  emptyTitle: string;
  emptyText: string;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const list = usePaged((page) => p.fetch(q, page), [q]);
  return (
    <View className="bw-search-pick" id={p.id}>
      <View className="rp-between">
        <Input className="rp-textbox__input rp-grow" value={typed} placeholder={p.placeholder} maxlength={20} confirmType="search" onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
        <Button size="large" onClick={() => setQ(typed.trim())}>
          搜索
        </Button>
      </View>
      <StateView loading={list.loading} error={list.error && !list.items.length ? list.error : undefined} empty={!list.loading && list.items.length === 0} emptyTitle={p.emptyTitle} emptyText={p.emptyText} onRetry={() => void list.reload()} rows={3}>
        {list.items.map((o) => {
          const on = p.selected.includes(o.id);
          return (
            <View key={o.id} className={`bw-option${on ? ' bw-option--on' : ''}`} hoverClass="rp-pressed" onClick={() => p.onPick(o)}>
              <View className="rp-grow">
                <Text className="bw-option__name">{o.name}</Text>
                {o.sub ? <Text className="rp-muted rp-line">{o.sub}</Text> : null}
              </View>
              <Text className="bw-option__mark">{on ? '已选' : '选择'}</Text>
            </View>
          );
        })}
        <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.items.length ? list.error : undefined} count={list.items.length} total={list.total ?? list.items.length} onMore={() => void list.more()} />
      </StateView>
    </View>
  );
}
