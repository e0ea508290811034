import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import '../branch.scss';

/**
 * A member's own 民主评议 results (三评议 and the result, by year) and 先锋岗 / 示范岗 — what the
 * branch records about them, shown to them alone (party.myReviews reads the roster row bound to
 * the caller).
 */
export default function MyReviews() {
  const r = useRemote(() => call('party', 'myReviews', {}));
  const d = r.data;
  const empty = !!d && d.reviews.length === 0 && d.posts.length === 0;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={r.loading && !d} error={r.error} empty={empty} emptyTitle="暂无评议和岗位记录" emptyText="支部开展民主评议或设立先锋岗、示范岗后，会显示在这里。" onRetry={() => void r.reload()} rows={4}>
          {d && d.posts.length > 0 && (
            <View className="rp-card">
              <Text className="rp-title">党员先锋岗 · 示范岗</Text>
              {d.posts.map((p) => (
                <Text key={`${p.year}:${p.kind}`} className="rp-text rp-line">{`${p.year}年度【${p.kind}】${p.title}${p.enterpriseName ? ` · ${p.enterpriseName}` : ''}`}</Text>
              ))}
            </View>
          )}
          {d?.reviews.map((v) => (
            <View key={v.id} className="rp-card">
              <View className="rp-between">
                <Text className="rp-name">{`${v.year}年度民主评议`}</Text>
                <Text className={`bw-tag bw-tag--${v.closed ? 'done' : 'active'}`}>{v.closed ? '已结束' : '评议中'}</Text>
              </View>
              <Text className="rp-muted rp-line">{`企业领导评议：${v.leader ?? '—'} · 职工评议：${v.staff ?? '—'} · 支部评议：${v.branch ?? '—'}`}</Text>
              <Text className="rp-text rp-line">{`评议结果：${v.result ?? '待定'}`}</Text>
              {v.talk ? <Text className="rp-muted rp-line">{`警示谈话：${v.talk.on}（${v.talk.by}）`}</Text> : null}
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
