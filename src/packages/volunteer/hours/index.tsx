import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { fmtRange, fmtTime } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../volunteer.scss';

/** 我的志愿时长: the total, each credited activity, and sign-ins still waiting for the organiser. */
export default function MyHours() {
  const h = useRemote(() => call('volunteer', 'myHours', {}));
  useReturnReload(() => h.reload());
  const d = h.data;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={h.loading && !d} error={!d ? h.error : undefined} onRetry={() => void h.reload()}>
          {d && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">累计志愿时长</Text>
                <Text className="vo-big">{d.label}</Text>
                <Text className="rp-muted vo-line">共参加 {d.activities} 次志愿活动</Text>
              </View>
              {d.minutes > 0 ? (
                <ListCard>
                  <ListRow title="生成时长证明" description="带验证码和二维码，可保存为图片" onClick={() => go(ROUTES.volCertificate)} />
                </ListCard>
              ) : null}
              {d.pending.length ? (
                <>
                  <Text className="rp-section-title">待组织者确认</Text>
                  {d.pending.map((p) => (
                    <View key={p.id} className="rp-card">
                      <Text className="vo-name">{p.title}</Text>
                      <Text className="rp-muted vo-line">已于 {p.signedInAt ? fmtTime(p.signedInAt) : ''} 签到，尚无签退记录；活动结束后由组织者确认时长。</Text>
                    </View>
                  ))}
                </>
              ) : null}
              <Text className="rp-section-title">时长记录</Text>
              <StateView loading={false} empty={d.records.length === 0} emptyTitle="暂无志愿时长" emptyText="参加活动时签到、签退即可记录时长">
                {d.records.map((r) => (
                  <View key={r.id} className="rp-card vo-link" hoverClass="vo-pressed" onClick={() => go(`${ROUTES.volDetail}?id=${r.activityId}`)}>
                    <View className="vo-between">
                      <Text className="vo-name">{r.title}</Text>
                      <Text className="vo-tag vo-tag--done">{r.label}</Text>
                    </View>
                    <Text className="rp-text vo-line">{fmtRange(r.startAt, r.endAt)}</Text>
                    <Text className="rp-muted vo-line">
                      {r.signedInAt ? `签到 ${fmtTime(r.signedInAt)}` : ''}
                      {r.signedOutAt ? ` · 签退 ${fmtTime(r.signedOutAt)}` : ''} · {r.by}
                    </Text>
                  </View>
                ))}
              </StateView>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
