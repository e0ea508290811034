import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListRow } from '../../../components/ListRow';
import { SubmitBar } from '../../../components/SubmitBar';
import { TextBox } from '../../../components/TextBox';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { daysBetween, fmtDay, fmtRange, leaveImpact, nextDays } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { StateTag } from '../components/StateTag';
import '../appointment.scss';

/** Longest leave the server takes in one go (leave.ts MAX_LEAVE_DAYS); mySlots looks 62 days ahead at most. */
const MAX_DAYS = 92;
const PREVIEW_DAYS = 62;

/** A park day chosen with the platform's date picker (never typed). */
function DateRow(p: { title: string; value: string; start?: string; onChange: (v: string) => void; id: string }) {
  return (
    <View className="ap-pickers" id={p.id}>
      <Picker mode="date" value={p.value} start={p.start} onChange={(e) => p.onChange(String(e.detail.value))}>
        <ListRow title={p.title} extra={p.value ? fmtDay(`${p.value}T12:00:00+08:00`) : '请选择'} onClick={() => undefined} />
      </Picker>
    </View>
  );
}

/**
 * 请假 (the expert): a date range picked with date pickers; before confirming, the page shows what
 * the leave will do from the expert's own lists — open slots withdrawn, and the bookings whose
 * enterprises will be asked to move (they keep their place until they do). The server decides
 * again when it is marked (markLeave). Below, the leaves still ahead, each with 销假.
 */
export default function Leave() {
  const today = nextDays(1)[0];
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [cancelling, setCancelling] = useState<{ id: string; label: string } | null>(null);

  const span = to >= from ? daysBetween(from, to) : 0;
  const slots = useRemote(() => call('appointment', 'mySlots', { from, days: Math.max(1, Math.min(span, PREVIEW_DAYS)) }), [from, span]);
  const open = useRemote(() => call('appointment', 'expertBookings', { filter: 'open' }));
  const leaves = useRemote(() => call('appointment', 'listLeaves', {}));
  usePullDownRefresh(() => void Promise.all([slots.reload(), open.reload(), leaves.reload()]).finally(() => Taro.stopPullDownRefresh()));

  const impact = leaveImpact(slots.data ?? [], open.data ?? [], from, to);
  const rangeError = to < from ? '结束日期不能早于开始日期' : span > MAX_DAYS ? `一次请假最长 ${MAX_DAYS} 天，请分段填写` : '';

  const mark = useSubmit(async () => {
    setError('');
    if (rangeError) {
      setError(rangeError);
      return;
    }
    try {
      const r = await call('appointment', 'markLeave', { from, to, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      const moved = r.affected.length;
      toast(moved ? `已请假，${moved} 个预约待企业改约` : `已请假，撤回 ${r.leave.withdrawnSlots} 个时段`);
      setReason('');
      await Promise.all([slots.reload(), open.reload(), leaves.reload()]);
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const cancel = useSubmit(async (leaveId: string) => {
    try {
      const r = await call('appointment', 'cancelLeave', { leaveId });
      toast(r.unflagged ? `已销假，${r.unflagged} 个预约恢复原时间` : '已销假');
    } catch (e) {
      toast(errorMessage(e));
    }
    await Promise.all([leaves.reload(), open.reload()]);
  });

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">登记请假</Text>
          <Text className="rp-muted ap-line">请假期间未被预约的时段会撤回，企业已预约的时间会通知企业改约；销假后需重新发布时段。</Text>
          <DateRow id="ap-leave-from" title="开始日期" value={from} start={today} onChange={(v) => { setFrom(v); if (to < v) setTo(v); }} />
          <DateRow id="ap-leave-to" title="结束日期" value={to} start={from} onChange={setTo} />
          <TextBox id="ap-leave-reason" label="事由（选填，企业会看到）" value={reason} onChange={setReason} maxLength={100} placeholder="例如：出差、公休" />

          <Text className="rp-section-title">请假将影响</Text>
          <StateView loading={(slots.loading && !slots.data) || (open.loading && !open.data)} error={slots.error ?? open.error} onRetry={() => void Promise.all([slots.reload(), open.reload()])} rows={2}>
            {rangeError ? (
              <Text className="rp-error-text">{rangeError}</Text>
            ) : (
              <>
                <Text className="rp-text" id="ap-leave-impact">
                  共 {span} 天；撤回 {impact.slots.length} 个未被预约的时段{span > PREVIEW_DAYS ? `（仅统计前 ${PREVIEW_DAYS} 天）` : ''}；{impact.bookings.length ? `${impact.bookings.length} 个预约需企业改约：` : '没有企业预约受影响。'}
                </Text>
                {impact.bookings.map((b) => (
                  <View key={b.id} className="ap-row-between ap-line" onClick={() => go(`${ROUTES.apptBooking}?id=${b.id}`)}>
                    <Text className="rp-text rp-grow">
                      {fmtRange(b.startAt, b.endAt)} · {b.enterpriseName}
                    </Text>
                    <StateTag state={b.state} label={b.stateLabel} />
                  </View>
                ))}
              </>
            )}
          </StateView>
          <SubmitBar label="确认请假" busyLabel="正在登记…" loading={mark.loading} onClick={() => void mark.run()} error={error} />
        </View>

        <Text className="rp-section-title">我的请假</Text>
        <StateView loading={leaves.loading && !leaves.data} error={leaves.error} empty={leaves.data?.length === 0} emptyTitle="没有进行中的请假" emptyText="登记的请假会显示在这里，可随时销假。" onRetry={() => void leaves.reload()}>
          {leaves.data?.map((l) => (
            <View key={l.id} className="rp-card">
              <View className="ap-row-between">
                <Text className="ap-name">{l.from === l.to ? fmtDay(`${l.from}T12:00:00+08:00`) : `${fmtDay(`${l.from}T12:00:00+08:00`)} 至 ${fmtDay(`${l.to}T12:00:00+08:00`)}`}</Text>
                <Button size="small" loading={cancel.loading} onClick={() => setCancelling({ id: l.id, label: `${l.from} 至 ${l.to}` })}>
                  销假
                </Button>
              </View>
              <Text className="rp-muted ap-line">{l.reason} · 撤回 {l.withdrawnSlots} 个时段 · {l.affectedBookings} 个预约需改约</Text>
            </View>
          ))}
        </StateView>
      </View>
      <Dialog
        visible={!!cancelling}
        title="销假"
        content={cancelling ? `取消 ${cancelling.label} 的请假？尚未改约的企业会收到“原预约有效”的通知；已撤回的时段不会自动恢复，请按需重新发布。` : ''}
        confirmText="确认销假"
        cancelText="再想想"
        onConfirm={() => {
          const c = cancelling;
          setCancelling(null);
          if (c) void cancel.run(c.id);
        }}
        onCancel={() => setCancelling(null)}
        onClose={() => setCancelling(null)}
      />
    </PageShell>
  );
}
