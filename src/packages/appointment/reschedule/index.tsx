import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage } from '../../../api/client';
import { fmtDay, fmtRange, groupByDay } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { toast } from '../../../utils/nav';
import { SlotCard, type SlotLike } from '../components/SlotCard';
import '../appointment.scss';

/** Why a move did not happen, in words that say the old booking still stands. */
function refusalText(e: unknown): string {
  if (e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND' || e.code === 'CLOSED') && /时段/.test(e.message)) {
    return `${e.message.replace(/[。，]?请.*$/, '')}。您原来的预约没有变化，请选择其他时段。`;
  }
  return errorMessage(e);
}

/**
 * 改约: the enterprise moves its requested or confirmed booking to another open slot of the same
 * expert (appointment.reschedule, one atomic swap). If the chosen slot is taken in between, the
 * server changes nothing and the page says so and shows the slots again. Reached from the
 * booking detail, to which it returns.
 */
export default function Reschedule() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const booking = useRemote(() => call('appointment', 'getBooking', { id }), [id]);
  const expertId = booking.data?.expertId;
  const slots = useRemote(() => (expertId ? call('appointment', 'listSlots', { expertId }) : Promise.resolve(null)), [expertId]);
  const [pick, setPick] = useState<SlotLike | null>(null);
  const [error, setError] = useState('');
  usePullDownRefresh(() => void Promise.all([booking.reload(), slots.reload()]).finally(() => Taro.stopPullDownRefresh()));

  const move = useSubmit(async (slot: SlotLike) => {
    setError('');
    try {
      const moved = await call('appointment', 'reschedule', { bookingId: id, slotId: slot.id });
      toast(moved.state === 'confirmed' ? '已改约' : '已改约，等待专家确认');
      // Back to the booking (it reloads on show); opened on its own, go there instead.
      if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
      else await Taro.redirectTo({ url: `${ROUTES.apptBooking}?id=${id}` });
    } catch (e) {
      setError(refusalText(e));
      // The slot list (and the booking, if it changed meanwhile) as they are now.
      void slots.reload();
      if (e instanceof ApiError && !/时段/.test(e.message)) void booking.reload();
    }
  });

  const b = booking.data;
  const choices = (slots.data ?? []).filter((s) => s.id !== b?.slotId);
  const movable = !!b?.reschedulable;

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={booking.loading && !b} error={!b ? booking.error : undefined} onRetry={() => void booking.reload()} rows={2}>
          {b && (
            <View className="rp-card">
              <Text className="rp-title">{b.teamName} · {b.expertName}</Text>
              <Text className="rp-text ap-line">当前时间：{fmtRange(b.startAt, b.endAt)}</Text>
              <Text className="rp-muted ap-line">
                {b.state === 'confirmed' ? '改约后需专家重新确认（自动确认的专家除外），确认前原时间已释放给其他企业。' : '选一个新时段，原时段会同时释放给其他企业。'}
              </Text>
              {!movable ? <Text className="rp-error-text ap-line">这个预约现在不能在线改约（已结束、已取消，或距开始不足 2 小时），如需调整请联系专家或党群服务中心。</Text> : null}
            </View>
          )}
        </StateView>

        {move.loading ? <Text className="rp-muted ap-head">正在改约…</Text> : null}
        {error ? <Text className="rp-error-text ap-head" id="ap-move-error">{error}</Text> : null}

        {movable && (
          <StateView
            loading={slots.loading && !slots.data}
            error={slots.error}
            empty={!!slots.data && choices.length === 0}
            emptyTitle="这位专家近期没有其他空闲时段"
            emptyText="可以稍后再来看看，或取消本次预约后预约其他专家。"
            onRetry={() => void slots.reload()}
          >
            <Text className="rp-section-title">选择新的时段</Text>
            {groupByDay(choices, (s) => s.startAt).map((g) => (
              <View key={g.day}>
                <Text className="rp-muted ap-head">{fmtDay(g.items[0].startAt)}</Text>
                {g.items.map((s) => (
                  <SlotCard key={s.id} slot={s} onPick={() => setPick(s)} />
                ))}
              </View>
            ))}
          </StateView>
        )}
      </View>
      <Dialog
        visible={!!pick}
        title="确认改约"
        content={pick && b ? `从 ${fmtRange(b.startAt, b.endAt)} 改到 ${fmtRange(pick.startAt, pick.endAt)}？` : ''}
        confirmText={move.loading ? '正在改约…' : '确认改约'}
        cancelText="再想想"
        onConfirm={() => {
          const s = pick;
          setPick(null);
          if (s) void move.run(s);
        }}
        onCancel={() => setPick(null)}
        onClose={() => setPick(null)}
      />
    </PageShell>
  );
}
