import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { call, errorMessage, type Params } from '../../../api/client';
import { dayChip, fmtRange, nextDays, publishParams, WEEKDAY_CHOICES, type PublishForm } from '../../../domain/appointment';
import { PickChips } from '../../../components/PickChips';
import '../appointment.scss';

const TIMES = Array.from({ length: 27 }, (_, i) => {
  const m = 8 * 60 + i * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
});
const WEEKS = [1, 2, 4, 8];

/** Publish one slot or a weekly pattern; preview what will be created, then publish. */
export default function Publish() {
  const profile = useRemote(() => call('appointment', 'myProfile', {}));
  const days = nextDays(28, Date.now(), 1);
  const [weeks, setWeeks] = useState(4);
  const [form, setForm] = useState<PublishForm>({
    repeat: 'weekly', from: days[0], to: days[27], weekdays: [2], start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 0, mode: 'venue', venueId: 'venue-hall',
  });
  const [preview, setPreview] = useState<Array<{ startAt: string | Date; endAt: string | Date }> | null>(null);
  const [error, setError] = useState('');
  const set = (patch: Partial<PublishForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(null);
    setError('');
  };
  const effective: PublishForm = form.repeat === 'weekly' ? { ...form, to: nextDays(1, Date.now(), weeks * 7)[0] } : form;

  const submit = useSubmit(async (dryRun: boolean) => {
    const { params, error: err } = publishParams(effective);
    if (!params) {
      setError(err ?? '');
      return;
    }
    // Inside the tap, before any await; the experts' messages (新的预约, 提醒, 取消) follow from slots.
    if (!dryRun) void askAt('publishSlots');
    try {
      const r = await call('appointment', 'publishSlots', { ...(params as Params<'appointment', 'publishSlots'>), dryRun });
      if (dryRun) {
        setPreview(r.slots);
        return;
      }
      const skipped = r.skippedOverlap ? `，${r.skippedOverlap} 个与已有时段重叠已跳过` : '';
      void Taro.showModal({ title: '发布成功', content: `已发布 ${r.created} 个时段${skipped}。`, showCancel: false }).then(() => Taro.navigateBack());
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={profile.loading && !profile.data} error={profile.error} onRetry={() => void profile.reload()}>
          {profile.data && !profile.data.exists ? (
            <View className="rp-card">
              <Text className="rp-text">请先完善专家资料，再发布时段。</Text>
            </View>
          ) : (
            <View className="rp-card">
              <Text className="ap-label">方式</Text>
              <PickChips items={[{ value: 'weekly', label: '每周重复' }, { value: 'once', label: '单个时段' }]} selected={form.repeat} onPick={(v) => set({ repeat: v })} />
              {form.repeat === 'weekly' ? (
                <>
                  <Text className="ap-label">每周</Text>
                  <PickChips
                    items={WEEKDAY_CHOICES.map((w) => ({ value: w.value, label: w.label }))}
                    selected={form.weekdays}
                    onPick={(v) => set({ weekdays: form.weekdays.includes(v) ? form.weekdays.filter((x) => x !== v) : [...form.weekdays, v] })}
                  />
                  <Text className="ap-label">持续</Text>
                  <PickChips items={WEEKS.map((w) => ({ value: w, label: `${w} 周` }))} selected={weeks} onPick={(w) => { setWeeks(w); setPreview(null); }} />
                </>
              ) : (
                <>
                  <Text className="ap-label">日期</Text>
                  <PickChips scroll items={days.map((d) => ({ value: d, label: dayChip(d).top, sub: dayChip(d).bottom }))} selected={form.from} onPick={(v) => set({ from: v })} />
                </>
              )}
              <Text className="ap-label">开始时间</Text>
              <PickChips scroll items={TIMES.map((t) => ({ value: t, label: t }))} selected={form.start} onPick={(v) => set({ start: v })} />
              <Text className="ap-label">结束时间</Text>
              <PickChips scroll items={TIMES.map((t) => ({ value: t, label: t }))} selected={form.end} onPick={(v) => set({ end: v })} />
              {form.repeat === 'weekly' && (
                <>
                  <Text className="ap-label">每个时段</Text>
                  <PickChips items={[30, 45, 60, 90].map((m) => ({ value: m, label: `${m} 分钟` }))} selected={form.slotMinutes} onPick={(v) => set({ slotMinutes: v })} />
                  <Text className="ap-label">时段间隔</Text>
                  <PickChips items={[0, 10, 15, 30].map((m) => ({ value: m, label: m ? `${m} 分钟` : '不留间隔' }))} selected={form.bufferMinutes} onPick={(v) => set({ bufferMinutes: v })} />
                </>
              )}
              <Text className="ap-label">服务形式</Text>
              <PickChips items={[{ value: 'venue', label: '线下' }, { value: 'online', label: '线上' }]} selected={form.mode} onPick={(v) => set({ mode: v })} />
              {form.mode === 'venue' && (
                <PickChips items={(profile.data?.venues ?? []).map((v) => ({ value: v.id, label: v.name }))} selected={form.venueId} onPick={(v) => set({ venueId: v })} />
              )}
              {error ? <Text className="rp-error-text ap-line">{error}</Text> : null}
              {preview && (
                <View className="ap-field">
                  <Text className="ap-label">将发布 {preview.length} 个时段</Text>
                  {preview.slice(0, 12).map((s, i) => (
                    <Text key={i} className="rp-muted ap-line">{fmtRange(s.startAt, s.endAt)}</Text>
                  ))}
                  {preview.length > 12 ? <Text className="rp-muted ap-line">……</Text> : null}
                </View>
              )}
              <View className="ap-actions-row">
                <Button className="rp-grow" size="large" disabled={submit.loading} onClick={() => void submit.run(true)}>
                  预览
                </Button>
                <Button className="rp-grow" type="primary" size="large" loading={submit.loading} onClick={() => void submit.run(false)}>
                  发布
                </Button>
              </View>
            </View>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
