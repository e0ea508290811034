import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { dayChip, nextDays } from '../../../domain/appointment';
import { addHalfHour, chosenPeriod, isPicked, tapCell, type Pick } from '../../../domain/rooms';
import { ROUTES } from '../../../domain/routes';
import { toast } from '../../../utils/nav';
import '../rooms.scss';

type Holder = 'branch' | 'enterprise' | 'center';

/**
 * Book a room: pick a day, tap the first and the last half hour on the grid, say what for. The
 * server refuses an overlap even if someone else took the time a second ago (the grid reloads).
 */
export default function Book() {
  const { venueId = '' } = useRouter().params;
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  // One choice per branch the secretary leads (G-13: a 兼任 secretary may lead several), named.
  const led = me.data?.ledBranches ?? [];
  const holders: { value: string; label: string }[] = [
    ...(hasRole(roles, 'secretary') ? (led.length ? led.map((b) => ({ value: `branch:${b.id}`, label: b.name })) : [{ value: 'branch', label: '以党支部名义' }]) : []),
    ...(hasRole(roles, 'enterprise') && me.data?.enterprise ? [{ value: 'enterprise' as const, label: me.data.enterprise.name }] : []),
    ...(hasRole(roles, 'admin') ? [{ value: 'center' as const, label: '党群服务中心' }] : []),
  ];
  const [day, setDay] = useState(() => nextDays(1)[0]);
  const [pick, setPick] = useState<Pick>({ from: null, to: null });
  const [purpose, setPurpose] = useState('');
  const [attendees, setAttendees] = useState('');
  const [holder, setHolder] = useState('');
  const [error, setError] = useState('');
  const grid = useRemote(() => call('room', 'roomDay', { venueId, day }), [venueId, day]);
  const g = grid.data;
  const slots = g?.slots ?? [];
  const chosen = chosenPeriod(slots, pick);
  // The days the server takes whole (room.bookAheadDays from today); just today until the room has loaded.
  const days = nextDays(g ? g.room.bookAheadDays : 1);
  const choice = holder || holders[0]?.value;
  const cut = choice ? choice.indexOf(':') : -1;
  const as = (cut < 0 ? choice : choice!.slice(0, cut)) as Holder | undefined;
  const branchId = cut < 0 ? undefined : choice!.slice(cut + 1);

  const book = useSubmit(async () => {
    setError('');
    if (chosen.error) return setError(chosen.error);
    if (purpose.trim().length < 2) return setError('请填写用途，例如 主题党日活动');
    const n = Number(attendees);
    if (!Number.isInteger(n) || n < 1) return setError('请填写参加人数');
    try {
      await call('room', 'book', { venueId, day, start: chosen.start!, end: chosen.end!, purpose: purpose.trim(), attendees: n, ...(as ? { for: as } : {}), ...(as === 'branch' && branchId ? { branchId } : {}) });
      toast('预约成功');
      void Taro.redirectTo({ url: ROUTES.roomMine });
    } catch (err) {
      setError(errorMessage(err));
      setPick({ from: null, to: null });
      void grid.reload();
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={grid.loading && !g} error={!g ? grid.error : undefined} onRetry={() => void grid.reload()} rows={6}>
          {g && (
            <>
              <View className="rp-card">
                <Text className="rp-name">{g.room.name}</Text>
                <Text className="rp-muted rp-line">
                  {[g.room.address, g.room.capacity ? `可容纳 ${g.room.capacity} 人` : '', g.room.equipment.join('、')].filter(Boolean).join(' · ')}
                </Text>
                <PickChips scroll items={days.map((x) => ({ value: x, label: dayChip(x).top, sub: dayChip(x).bottom }))} selected={day} onPick={(v) => { setDay(v); setPick({ from: null, to: null }); }} />
              </View>
              <View className="rp-card">
                <Text className="rp-text">点选开始和结束的时段（每格半小时，最长 4 小时）</Text>
                <View className="rm-grid">
                  {slots.map((s) => {
                    const cls = isPicked(pick, s.start) ? 'rm-cell--picked' : s.mine ? 'rm-cell--mine' : s.state === 'taken' ? 'rm-cell--taken' : s.state === 'past' ? 'rm-cell--past' : '';
                    return (
                      <View key={s.start} className={`rm-cell ${cls}`} onClick={() => setPick((p) => tapCell(slots, p, s.start))}>
                        <Text>{s.start}</Text>
                        <Text className="rm-cell__sub">{s.state === 'taken' ? s.holderName : s.state === 'past' ? '已过' : isPicked(pick, s.start) ? '已选' : '空闲'}</Text>
                      </View>
                    );
                  })}
                </View>
                <Text className="rp-text rp-line">
                  {chosen.start ? `已选：${day} ${chosen.start}–${chosen.end}` : pick.from ? `已选 ${pick.from}–${addHalfHour(pick.to!)}，可再点一格扩展` : '尚未选择时段'}
                </Text>
              </View>
              <View className="rp-card">
                {holders.length > 1 ? (
                  <>
                    <Text className="rp-text">预约单位</Text>
                    <PickChips items={holders} selected={choice ?? null} onPick={setHolder} />
                  </>
                ) : null}
                <TextBox id="room-purpose" label="用途" value={purpose} onChange={setPurpose} maxLength={40} placeholder="例如 主题党日活动、企业党员学习" />
                <TextBox id="room-attendees" label="参加人数" type="number" value={attendees} onChange={setAttendees} maxLength={4} />
                {holders.length ? (
                  <SubmitBar label="确认预约" error={error} loading={book.loading} onClick={() => void book.run()} />
                ) : (
                  <Text className="rp-muted rp-line">预约需由支部书记或企业联系人办理。</Text>
                )}
              </View>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
