import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { dayChip } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { SlotCard } from '../components/SlotCard';
import '../appointment.scss';

/** 巡回式: the teams' service days at the park; each session is one expert in one time block. */
export default function Roving() {
  const days = useRemote(() => call('appointment', 'listRovingDays', {}));
  useReturnReload(() => days.reload());
  usePullDownRefresh(() => void days.reload().finally(() => Taro.stopPullDownRefresh()));

  return (
    <PageShell>
      <View className="rp-page">
        <StateView
          loading={days.loading && !days.data}
          error={days.error}
          empty={days.data?.length === 0}
          emptyTitle="近期暂无巡回服务日"
          emptyText="服务团安排到园区集中服务时会在这里公布。"
          onRetry={() => void days.reload()}
        >
          {days.data?.map((d) => {
            const chip = dayChip(d.date);
            // Sessions an enterprise can still take: open and not inside the 2-hour notice.
            const open = d.slots.filter((s) => s.bookable).length;
            return (
              <View key={d.id}>
                <View className="rp-card">
                  <View className="ap-row-between">
                    <Text className="rp-title">{d.title}</Text>
                    <Text className="ap-tag ap-tag--gold">{d.teamName}</Text>
                  </View>
                  <Text className="rp-text ap-line">
                    {d.date.slice(0, 4)}年{chip.bottom.replace('/', '月')}日 {chip.top} · {d.place}
                  </Text>
                  <Text className="rp-muted ap-line">到场专家：{d.experts.map((e) => e.name).join('、')} · 剩余 {open} 个时段</Text>
                  {d.note ? <Text className="rp-muted ap-line">{d.note}</Text> : null}
                </View>
                {d.slots
                  .filter((s) => s.state === 'open')
                  .map((s) => (
                    <SlotCard key={s.id} slot={s} onPick={(id) => go(`${ROUTES.apptBook}?slotId=${id}`)} />
                  ))}
              </View>
            );
          })}
        </StateView>
      </View>
    </PageShell>
  );
}
