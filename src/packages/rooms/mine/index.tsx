import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { fmtRange, fmtStamp } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import '../rooms.scss';

const TONE: Record<string, string> = { booked: 'wait', checked_in: 'done', cancelled: 'ended', released: 'ended' };

/**
 * The bookings of the caller's branch or enterprise; one not yet checked into can be cancelled, one
 * checked in can be ended early (提前结束) to free the rest of its time.
 */
export default function MyBookings() {
  const list = useRemote(() => call('room', 'myBookings', {}));
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  const [cancelling, setCancelling] = useState<{ id: string; label: string } | null>(null);
  const [busy, setBusy] = useState('');
  // One request at a time, with progress on the booking's own button (a double tap sends one).
  const act = useSubmit(async (action: 'cancelBooking' | 'endBooking', id: string) => {
    setBusy(id);
    try {
      await call('room', action, { id });
      toast(action === 'cancelBooking' ? '已取消' : '已提前结束，剩余时段已开放预约');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy('');
    }
    void list.reload();
  });
  const now = Date.now();

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rm-top">
          <Button type="primary" size="large" block onClick={() => go(ROUTES.rooms)}>
            预约场馆
          </Button>
        </View>
        <StateView loading={list.loading && !list.data} error={list.error} empty={list.data?.length === 0} emptyTitle="还没有预约" emptyText="选择场馆后按半小时预约。" onRetry={() => void list.reload()} rows={4}>
          {(list.data ?? []).map((b) => (
            <View key={b.id} className="rp-card">
              <View className="rp-between">
                <Text className="rp-name">{b.venueName}</Text>
                <Text className={`rm-tag rm-tag--${TONE[b.state] ?? 'ended'}`}>{b.stateLabel}</Text>
              </View>
              <Text className="rm-time rp-line">{fmtRange(b.startAt, b.endAt)}</Text>
              <Text className="rp-text rp-line">{b.purpose} · {b.attendees} 人 · {b.holder.name}</Text>
              {b.state === 'booked' ? <Text className="rp-muted rp-line">请于 {fmtStamp(b.checkinDeadline)} 前扫描场馆门口二维码签到，逾时自动释放。</Text> : null}
              {b.checkedInAt ? <Text className="rp-muted rp-line">签到时间 {fmtStamp(b.checkedInAt)}</Text> : null}
              {b.state === 'booked' ? (
                <View className="rp-actions">
                  <Button size="large" block loading={act.loading && busy === b.id} onClick={() => setCancelling({ id: b.id, label: `${b.venueName} ${fmtRange(b.startAt, b.endAt)}` })}>
                    取消预约
                  </Button>
                </View>
              ) : null}
              {b.state === 'checked_in' && new Date(b.endAt).getTime() > now ? (
                <View className="rp-actions">
                  <Button size="large" block loading={act.loading && busy === b.id} onClick={() => void act.run('endBooking', b.id)}>
                    提前结束
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
        </StateView>
      </View>
      <Dialog
        visible={!!cancelling}
        title="取消预约"
        content={cancelling ? `确认取消 ${cancelling.label} 的预约？取消后该时段将开放给其他单位。` : ''}
        confirmText="确认取消"
        cancelText="再想想"
        onConfirm={() => {
          const id = cancelling!.id;
          setCancelling(null);
          void act.run('cancelBooking', id);
        }}
        onCancel={() => setCancelling(null)}
        onClose={() => setCancelling(null)}
      />
    </PageShell>
  );
}
