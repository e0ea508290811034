import { View, Text } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { fmtRange } from '../../../domain/appointment';

/**
 * 本年度集中学习 X / 32 学时: the member's own counted sessions (study.myLearningHours). Its own
 * request, so the rest of the progress page shows even when this one fails. The counting rule is
 * shown in full: a member who ticked nothing should know why a session is not in the list.
 */
export function LearningHoursCard() {
  const r = useRemote(() => call('study', 'myLearningHours', {}));
  const d = r.data;
  return (
    <>
      <Text className="rp-section-title">集中学习学时</Text>
      <StateView loading={r.loading && !d} error={r.error} onRetry={() => void r.reload()} rows={3}>
        {d && (
          <View className="rp-card">
            <View className="st-between">
              <Text className="rp-title">{`本年度集中学习 ${d.hours} / ${d.target} 学时`}</Text>
              <Text className={`st-tag ${d.hours >= d.target ? 'st-tag--done' : 'st-tag--wait'}`}>{d.hours >= d.target ? '已达标' : `还差 ${Math.round((d.target - d.hours) * 10) / 10}`}</Text>
            </View>
            {d.sessions.length === 0 ? (
              <Text className="rp-muted st-line">{`${d.year}年还没有计入学时的集中学习。参加大党课、支部党课等时扫描现场签到码即可计入。`}</Text>
            ) : (
              d.sessions.map((s) => (
                <View key={s.eventId} className="st-between st-link">
                  <View className="rp-grow">
                    <Text className="st-name">{s.title}</Text>
                    <Text className="rp-muted st-line">{`${s.kind} · ${fmtRange(s.startAt, s.endAt)}${s.scanned ? '' : ' · 书记补录，已核实'}`}</Text>
                  </View>
                  <Text className="st-tag st-tag--active">{`${s.hours} 学时`}</Text>
                </View>
              ))
            )}
            <Text className="rp-muted st-line">{d.rule}</Text>
            <Text className="rp-muted st-line">学时只有您本人、所在支部书记和党务管理员能看到，不排名。</Text>
          </View>
        )}
      </StateView>
    </>
  );
}
