import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { dayChip, fmtTime, nextDays } from '../../../domain/appointment';
import '../rooms.scss';

const TONE: Record<string, string> = { booked: 'wait', checked_in: 'done', cancelled: 'ended', released: 'ended' };

/** Admins: a day's schedule per room — every booking, whether it was checked into, cancelled or released. */
export default function Schedule() {
  const days = nextDays(14, Date.now(), -3);
  const [day, setDay] = useState(days[3]);
  const schedule = useRemote(() => call('room', 'daySchedule', { day }), [day]);
  useDidShow(() => {
    if (schedule.data) void schedule.reload();
  });
  const d = schedule.data;

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <PickChips scroll items={days.map((x) => ({ value: x, label: dayChip(x).top, sub: dayChip(x).bottom }))} selected={day} onPick={setDay} />
        </View>
        <StateView loading={schedule.loading && !d} error={schedule.error} empty={d?.rooms.length === 0} emptyTitle="暂无可预约场馆" onRetry={() => void schedule.reload()} rows={6}>
          {d?.rooms.map((r) => (
            <View key={r.id}>
              <Text className="rp-section-title">{r.name}（{r.bookings.length}）</Text>
              <View className="rp-card">
                {r.bookings.length === 0 ? <Text className="rp-muted">当天暂无预约 · 开放 {r.opensAt}–{r.closesAt}</Text> : null}
                {r.bookings.map((b) => (
                  <View key={b.id} className="rp-item">
                    <View className="rp-between">
                      <Text className="rm-time">{fmtTime(b.startAt)}–{fmtTime(b.endAt)}</Text>
                      <Text className={`rm-tag rm-tag--${TONE[b.state] ?? 'ended'}`}>{b.stateLabel}</Text>
                    </View>
                    <Text className="rp-text rp-line">{b.holder.name} · {b.purpose} · {b.attendees} 人</Text>
                    <Text className="rp-muted rp-line">预约人 {b.bookedByName || '—'}{b.checkedInAt ? ` · ${fmtTime(b.checkedInAt)} 签到` : ''}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
