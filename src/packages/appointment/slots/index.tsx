import { useMemo, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { dayChip, dayKey, fmtDay, nextDays } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { PickChips } from '../../../components/PickChips';
import { SlotCard } from '../components/SlotCard';
import '../appointment.scss';

const DAYS = 21;

/** Expert and slot browser of one team (or one expert): speciality, date, then a slot. */
export default function Slots() {
  const { params } = useRouter();
  const teamId = params.teamId || undefined;
  const [expertId, setExpertId] = useState<string | undefined>(params.expertId || undefined);
  const [speciality, setSpeciality] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);

  const experts = useRemote(() => call('appointment', 'listExperts', teamId ? { teamId } : {}), [teamId]);
  const slots = useRemote(
    () => call('appointment', 'listSlots', { ...(teamId ? { teamId } : {}), ...(expertId ? { expertId } : {}), ...(speciality ? { speciality } : {}), kind: 'bookable' }),
    [teamId, expertId, speciality],
  );
  useReturnReload(() => slots.reload());
  usePullDownRefresh(() => void slots.reload().finally(() => Taro.stopPullDownRefresh()));

  const specialities = useMemo(() => [...new Set((experts.data ?? []).flatMap((e) => e.specialities))], [experts.data]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of slots.data ?? []) m.set(dayKey(s.startAt), (m.get(dayKey(s.startAt)) ?? 0) + 1);
    return m;
  }, [slots.data]);
  const days = nextDays(DAYS);
  const shownDay = day && counts.has(day) ? day : days.find((d) => counts.has(d)) ?? null;
  const daySlots = (slots.data ?? []).filter((s) => dayKey(s.startAt) === shownDay);

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={experts.loading && !experts.data} error={experts.error} onRetry={() => void experts.reload()} rows={2}>
          {(experts.data?.length ?? 0) > 1 && (
            <>
              <Text className="rp-section-title">专家</Text>
              <PickChips
                scroll
                items={[{ value: '', label: '全部专家' }, ...(experts.data ?? []).map((e) => ({ value: e.id, label: e.name, sub: e.title }))]}
                selected={expertId ?? ''}
                onPick={(v) => setExpertId(v || undefined)}
              />
            </>
          )}
          {specialities.length > 1 && !expertId && (
            <>
              <Text className="rp-section-title">擅长领域</Text>
              <PickChips items={[{ value: '', label: '不限' }, ...specialities.map((s) => ({ value: s, label: s }))]} selected={speciality ?? ''} onPick={(v) => setSpeciality(v || null)} />
            </>
          )}
          {expertId && experts.data?.find((e) => e.id === expertId) && (
            <View className="rp-card">
              {(() => {
                const e = experts.data!.find((x) => x.id === expertId)!;
                return (
                  <>
                    <Text className="ap-name">{e.name}</Text>
                    <Text className="rp-muted ap-line">{e.organisation} · {e.title}</Text>
                    <Text className="rp-text ap-line">擅长：{e.specialities.join('、')}</Text>
                    {e.intro ? <Text className="rp-text ap-line">{e.intro}</Text> : null}
                  </>
                );
              })()}
            </View>
          )}
        </StateView>

        <Text className="rp-section-title">日期</Text>
        <PickChips
          scroll
          items={days.map((d) => ({ value: d, label: dayChip(d).top, sub: `${dayChip(d).bottom}${counts.get(d) ? ` · ${counts.get(d)}` : ''}`, disabled: !counts.get(d) }))}
          selected={shownDay}
          onPick={setDay}
        />

        <StateView
          loading={slots.loading && !slots.data}
          error={slots.error}
          empty={!!slots.data && daySlots.length === 0}
          emptyTitle="近期暂无可预约时段"
          emptyText="专家发布新的时段后会显示在这里，也可以关注巡回服务日。"
          onRetry={() => void slots.reload()}
        >
          {shownDay && <Text className="rp-muted ap-head">{fmtDay(daySlots[0]?.startAt ?? Date.now())} · 共 {daySlots.length} 个时段</Text>}
          {daySlots.map((s) => (
            <SlotCard key={s.id} slot={s} onPick={(id) => go(`${ROUTES.apptBook}?slotId=${id}`)} />
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
