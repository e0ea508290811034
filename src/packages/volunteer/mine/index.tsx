import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { fmtRange } from '../../../domain/appointment';
import { minutesLabel } from '../../../domain/volunteer';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../volunteer.scss';

const TONE = { confirmed: 'done', waitlisted: 'gold', cancelled: 'ended' } as const;

/** 我的报名: every registration, latest activity first, with its status and hours. */
export default function MyRegistrations() {
  const list = useRemote(() => call('volunteer', 'myRegistrations', {}));
  useReturnReload(() => list.reload());
  return (
    <PageShell>
      <View className="rp-page">
        <StateView
          loading={list.loading && !list.data}
          error={list.error}
          empty={list.data?.length === 0}
          emptyTitle="还没有报名记录"
          emptyText="去看看正在报名的志愿活动吧"
          emptyAction={
            <View className="rp-actions">
              <Button type="primary" size="large" block onClick={() => go(ROUTES.volunteer)}>浏览志愿活动</Button>
            </View>
          }
          onRetry={() => void list.reload()}
        >
          {list.data?.map((r) => (
            <View key={r.id} className="rp-card vo-link" hoverClass="vo-pressed" onClick={() => go(`${ROUTES.volDetail}?id=${r.activityId}`)}>
              <View className="vo-between">
                <Text className="vo-name">{r.title}</Text>
                <Text className={`vo-tag vo-tag--${r.waitlistLapsed ? 'ended' : TONE[r.status]}`}>{r.statusLabel}</Text>
              </View>
              <Text className="rp-text vo-line">{fmtRange(r.startAt, r.endAt)}</Text>
              <Text className="rp-muted vo-line">{r.teamName} · {r.place}</Text>
              <Text className="rp-muted vo-line">
                活动{r.phaseLabel}
                {r.attendanceLabel && r.attendance !== 'upcoming' ? ` · ${r.attendanceLabel}` : ''}
                {r.minutes > 0 ? ` · 志愿时长 ${minutesLabel(r.minutes)}` : ''}
              </Text>
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
