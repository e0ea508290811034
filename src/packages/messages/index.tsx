import { useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/PageShell';
import { StateView } from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { call, errorMessage, type Result } from '../../api/client';
import { toast } from '../../utils/nav';
import { messageTime } from '../../domain/messages';
import './index.scss';

type Item = Result<'notify', 'inbox'>['items'][number];

/** 消息中心: every message the center sent the person (locally the only place they arrive). */
export default function Messages() {
  const [extra, setExtra] = useState<Item[]>([]);
  const [page, setPage] = useState(1);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useRemote(async () => {
    setExtra([]);
    setPage(1);
    return call('notify', 'inbox', { page: 1 });
  });
  const items = [...(first.data?.items ?? []), ...extra];
  const hasMore = !!first.data && items.length < first.data.total;

  usePullDownRefresh(() => {
    void first.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void more());

  async function more() {
    if (!hasMore || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await call('notify', 'inbox', { page: page + 1 });
      setExtra((x) => [...x, ...next.items]);
      setPage(page + 1);
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }

  async function open(item: Item) {
    if (!item.read) {
      void call('notify', 'markRead', { ids: [item.id] }).catch(() => undefined);
      first.setData((d) => d && { ...d, unread: Math.max(0, d.unread - 1), items: d.items.map((i) => (i.id === item.id ? { ...i, read: true } : i)) });
      setExtra((x) => x.map((i) => (i.id === item.id ? { ...i, read: true } : i)));
    }
    if (item.page) void Taro.navigateTo({ url: '/' + item.page.replace(/^\//, '') }).catch(() => undefined);
  }

  async function readAll() {
    try {
      await call('notify', 'markRead', { all: true });
      await first.reload();
    } catch (e) {
      toast(errorMessage(e));
    }
  }

  return (
    <PageShell>
      <View className="rp-page">
        <StateView
          loading={first.loading && !first.data}
          error={first.error}
          empty={items.length === 0}
          emptyTitle="暂无消息"
          emptyText="预约结果、活动提醒等通知会显示在这里。"
          onRetry={() => void first.reload()}
        >
          <View className="rp-row msg-head">
            <Text className="rp-muted rp-grow">共 {first.data?.total ?? 0} 条，未读 {first.data?.unread ?? 0} 条</Text>
            {first.data?.unread ? (
              <Button size="small" onClick={() => void readAll()}>
                全部已读
              </Button>
            ) : null}
          </View>
          {items.map((m) => (
            <View key={m.id} className={`rp-card msg ${m.read ? '' : 'msg--unread'}`} onClick={() => void open(m)}>
              <View className="rp-row">
                <Text className="msg__title rp-grow">{m.title}</Text>
                <Text className="rp-muted msg__time">{messageTime(m.at)}</Text>
              </View>
              {m.lines.map((l, i) => (
                <Text key={i} className="msg__line">
                  {l}
                </Text>
              ))}
              {!m.delivered ? <Text className="rp-muted msg__note">微信未能推送（未订阅），仅在此处显示</Text> : null}
            </View>
          ))}
          {hasMore ? (
            <Button block loading={loadingMore} onClick={() => void more()}>
              加载更多
            </Button>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
