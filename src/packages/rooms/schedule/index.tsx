import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { toast } from '../../../utils/nav';
import { dayChip, fmtTime, nextDays } from '../../../domain/appointment';
import '../rooms.scss';

const TONE: Record<string, string> = { booked: 'wait', checked_in: 'done', cancelled: 'ended', released: 'ended' };
/** The server's check-in window opens this long before the start (cloudfunctions/room/grid.ts CHECKIN_OPENS_MS). */
const CHECKIN_OPENS_MS = 30 * 60_000;
const checkInDue = (b: { state: string; startAt: string; checkinDeadline: string }, now: number) =>
  b.state === 'booked' && new Date(b.startAt).getTime() - CHECKIN_OPENS_MS <= now && now <= new Date(b.checkinDeadline).getTime();

/** Admins: a day's schedule per room — every booking, whether it was checked into, cancelled or released. */
export default function Schedule() {
  const days = nextDays(14, Date.now(), -3);
  const [day, setDay] = useState(days[3]);
  const schedule = useRemote(() => call('room', 'daySchedule', { day }), [day]);
  useDidShow(() => {
    if (schedule.data) void schedule.reload();
  });
  const d = schedule.data;
  // 前台签到: the front desk checks a group in when its own people cannot (the secretary is late).
  const [checking, setChecking] = useState('');
  const checkIn = useSubmit(async (id: string) => {
    setChecking(id);
    try {
      await call('room', 'checkInBooking', { id });
      toast('已签到');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setChecking('');
    }
    void schedule.reload();
  });
  const now = Date.now();

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
                    {checkInDue(b, now) ? (
                      <View className="rp-actions">
                        <Button size="large" block loading={checkIn.loading && checking === b.id} onClick={() => void checkIn.run(b.id)}>
                          前台签到
                        </Button>
                      </View>
                    ) : null}
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
