import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { parkDateTime } from '../../../domain/checkin';
import '../admin.scss';

const STATUS: [string, string][] = [
  ['pending', '待发送'],
  ['sending', '发送中'],
  ['sent', '已送达'],
  ['failed', '发送失败'],
  ['cancelled', '已取消'],
];

/**
 * 消息发送情况: the outbox by status; per template the messages owed vs deliverable (recipients with a
 * remaining subscribe grant), delivered, failed and why; then the latest failures with their reasons.
 */
export default function Outbox() {
  const o = useRemote(() => call('admin', 'outbox', {}));
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={o.loading && !o.data} error={o.error} onRetry={() => void o.reload()}>
          {o.data ? (
            <>
              <View className="rp-row adm-kpis">
                {STATUS.map(([k, label]) => (
                  <View key={k} className="rp-card rp-grow adm-kpi">
                    <Text className="adm-kpi__value">{o.data?.counts[k] ?? 0}</Text>
                    <Text className="rp-muted">{label}</Text>
                  </View>
                ))}
              </View>
              <Text className="rp-section-title">各类消息：待发与可送达</Text>
              <View className="rp-card">
                <Text className="rp-muted">
                  “可送达”是待发消息中收件人还有订阅授权（每次允许可推送一条）的数量；其余只在消息中心可见。每条消息都在收件人的消息中心里。
                </Text>
                {o.data.templates.map((t) => (
                  <View key={t.template} className="adm-item">
                    <Text className="adm-item__title">
                      {t.title}
                      {t.configured ? '' : '（未配置微信模板）'}
                    </Text>
                    <Text className="adm-item__sub">
                      待发 {t.owed} · 可送达 {t.deliverable} · 有授权 {t.grantedPeople} 人 · 已送达 {t.sent} · 失败 {t.failed}
                    </Text>
                    {t.reasons.map((r) => (
                      <Text key={r.reason} className="adm-change adm-warn">
                        {r.reason}：{r.n} 条
                      </Text>
                    ))}
                  </View>
                ))}
                {o.data.cut ? <Text className="rp-muted">消息较多，以上数字只统计了前 1000 组。</Text> : null}
              </View>
              <Text className="rp-section-title">最近发送失败</Text>
              <View className="rp-card">
                {o.data.failed.length === 0 ? <Text className="rp-muted">没有发送失败的消息。</Text> : null}
                {o.data.failed.map((f) => (
                  <View key={f.id} className="adm-item">
                    <Text className="adm-item__title">{f.title}</Text>
                    <Text className="adm-item__sub">
                      {f.toOpenid} · 尝试 {f.attempts} 次 · {f.finishedAt ? parkDateTime(String(f.finishedAt)) : ''}
                    </Text>
                    <Text className="adm-change adm-warn">{f.reason || '（未记录原因）'}</Text>
                  </View>
                ))}
              </View>
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
