import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { dayChip, fmtDay, fmtRange, nextDays } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { StateTag } from '../components/StateTag';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import '../appointment.scss';

const BLOCKS = ['09:00-10:00', '10:00-11:00', '11:00-12:00', '14:00-15:00', '15:00-16:00', '16:00-17:00'];
const MONTHS = [3, 6, 12];

/** Admin: pair enterprises with experts (结对式) and announce roving service days (巡回式). */
export default function Admin() {
  const data = useRemote(() => call('appointment', 'adminData', {}));
  const teams = useRemote(() => call('appointment', 'listTeams', {}));
  const [tab, setTab] = useState<'pair' | 'roving' | 'leave'>('pair');
  const [pairForm, setPairForm] = useState({ enterpriseId: '', expertId: '', months: 6, note: '' });
  const [ending, setEnding] = useState<{ id: string; label: string } | null>(null);
  const days = nextDays(60, Date.now(), 1);
  const [rf, setRf] = useState({ teamId: '', date: days[6], venueId: 'venue-hall', blocks: [] as string[], expertIds: [] as string[], title: '' });
  const [error, setError] = useState('');

  const pair = useSubmit(async () => {
    if (!pairForm.enterpriseId || !pairForm.expertId) {
      setError('请选择企业和专家');
      return;
    }
    const today = nextDays(1)[0];
    const until = nextDays(1, Date.now(), pairForm.months * 30)[0];
    try {
      await call('appointment', 'pair', { enterpriseId: pairForm.enterpriseId, expertId: pairForm.expertId, from: today, until, ...(pairForm.note.trim() ? { note: pairForm.note.trim() } : {}) });
      toast('已建立结对');
      setPairForm({ enterpriseId: '', expertId: '', months: 6, note: '' });
      void data.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const roving = useSubmit(async () => {
    if (!rf.teamId || rf.blocks.length === 0 || rf.expertIds.length === 0 || rf.title.trim().length < 2) {
      setError('请选择服务团、时段、到场专家并填写标题');
      return;
    }
    try {
      const r = await call('appointment', 'createRovingDay', {
        teamId: rf.teamId, date: rf.date, title: rf.title.trim(), venueId: rf.venueId, expertIds: rf.expertIds,
        blocks: [...rf.blocks].sort().map((b) => ({ start: b.slice(0, 5), end: b.slice(6) })),
      });
      toast(`已发布，共 ${r.slots} 个可预约时段`);
      setRf((x) => ({ ...x, blocks: [], expertIds: [], title: '' }));
      void data.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const d = data.data;
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <PageShell>
      <View className="rp-page">
        <PickChips items={[{ value: 'pair', label: '结对帮扶' }, { value: 'roving', label: '巡回服务日' }, { value: 'leave', label: '专家请假' }]} selected={tab} onPick={(v) => { setTab(v); setError(''); }} />
        {tab === 'leave' ? <LeaveAffected /> : null}
        <StateView loading={data.loading && !d} error={data.error} onRetry={() => void data.reload()} rows={5}>
          {d && tab === 'pair' && (
            <>
              <View className="rp-card">
                <Text className="rp-title">新建结对</Text>
                <Text className="ap-label ap-field">企业</Text>
                <PickChips items={d.enterprises.map((e) => ({ value: e.id, label: e.name }))} selected={pairForm.enterpriseId} onPick={(v) => setPairForm((x) => ({ ...x, enterpriseId: v }))} />
                <Text className="ap-label ap-field">专家</Text>
                <PickChips items={d.experts.map((e) => ({ value: e.id, label: e.name, sub: e.organisation }))} selected={pairForm.expertId} onPick={(v) => setPairForm((x) => ({ ...x, expertId: v }))} />
                <Text className="ap-label ap-field">结对期限</Text>
                <PickChips items={MONTHS.map((m) => ({ value: m, label: `${m} 个月` }))} selected={pairForm.months} onPick={(v) => setPairForm((x) => ({ ...x, months: v }))} />
                <TextBox label="帮扶重点（选填）" value={pairForm.note} onChange={(v) => setPairForm((x) => ({ ...x, note: v }))} maxLength={100} />
                {error ? <Text className="rp-error-text ap-line">{error}</Text> : null}
                <View className="rp-actions">
                  <Button type="primary" size="large" block loading={pair.loading} onClick={() => void pair.run()}>
                    建立结对
                  </Button>
                </View>
              </View>
              <Text className="rp-section-title">进行中的结对（{d.pairings.length}）</Text>
              {d.pairings.length === 0 ? <Text className="rp-muted">暂无</Text> : null}
              {d.pairings.map((p) => (
                <View key={p.id} className="rp-card ap-row-between">
                  <View className="rp-grow">
                    <Text className="ap-name">{p.enterpriseName} ↔ {p.expertName}</Text>
                    <Text className="rp-muted ap-line">{fmtDay(p.from)} 起 · {p.note}</Text>
                  </View>
                  <Button size="small" onClick={() => setEnding({ id: p.id, label: `${p.enterpriseName} 与 ${p.expertName}` })}>
                    结束
                  </Button>
                </View>
              ))}
            </>
          )}
          {d && tab === 'roving' && (
            <>
              <View className="rp-card">
                <Text className="rp-title">发布巡回服务日</Text>
                <Text className="ap-label ap-field">服务团</Text>
                <PickChips items={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))} selected={rf.teamId} onPick={(v) => setRf((x) => ({ ...x, teamId: v, expertIds: [] }))} />
                <Text className="ap-label ap-field">日期</Text>
                <PickChips scroll items={days.map((x) => ({ value: x, label: dayChip(x).top, sub: dayChip(x).bottom }))} selected={rf.date} onPick={(v) => setRf((x) => ({ ...x, date: v }))} />
                <Text className="ap-label ap-field">地点</Text>
                <PickChips items={d.venues.map((v) => ({ value: v.id, label: v.name }))} selected={rf.venueId} onPick={(v) => setRf((x) => ({ ...x, venueId: v }))} />
                <Text className="ap-label ap-field">时段（可多选）</Text>
                <PickChips items={BLOCKS.map((b) => ({ value: b, label: b.replace('-', '–') }))} selected={rf.blocks} onPick={(v) => setRf((x) => ({ ...x, blocks: toggle(x.blocks, v) }))} />
                <Text className="ap-label ap-field">到场专家（可多选）</Text>
                <PickChips
                  items={d.experts.filter((e) => e.teamId === rf.teamId).map((e) => ({ value: e.id, label: e.name }))}
                  selected={rf.expertIds}
                  onPick={(v) => setRf((x) => ({ ...x, expertIds: toggle(x.expertIds, v) }))}
                />
                {!rf.teamId ? <Text className="rp-muted">请先选择服务团</Text> : null}
                <TextBox label="标题" value={rf.title} onChange={(v) => setRf((x) => ({ ...x, title: v }))} placeholder="例如：法律服务进园区 · 巡回服务日" maxLength={30} />
                {error ? <Text className="rp-error-text ap-line">{error}</Text> : null}
                <View className="rp-actions">
                  <Button type="primary" size="large" block loading={roving.loading} onClick={() => void roving.run()}>
                    发布
                  </Button>
                </View>
              </View>
              <Text className="rp-section-title">已安排（{d.rovingDays.length}）</Text>
              {d.rovingDays.map((r) => (
                <View key={r.id} className="rp-card">
                  <Text className="ap-name">{r.title}</Text>
                  <Text className="rp-muted ap-line">{r.date} · {r.place} · {r.blocks.length} 个时段 · {r.expertIds.length} 位专家</Text>
                </View>
              ))}
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={!!ending}
        title="结束结对"
        content={ending ? `确认结束 ${ending.label} 的结对帮扶？` : ''}
        confirmText="确认结束"
        cancelText="再想想"
        onConfirm={async () => {
          const id = ending!.id;
          setEnding(null);
          try {
            await call('appointment', 'endPairing', { pairingId: id });
            toast('已结束');
          } catch (e) {
            toast(errorMessage(e));
          }
          void data.reload();
        }}
        onCancel={() => setEnding(null)}
        onClose={() => setEnding(null)}
      />
    </PageShell>
  );
}

/**
 * Admins: the bookings an expert's leave asked their enterprises to move and that nobody has moved
 * yet (leaveAffected), soonest first — the center calls those enterprises, or cancels from the
 * booking page what cannot be moved — and the experts' leaves still ahead.
 */
function LeaveAffected() {
  const affected = useRemote(() => call('appointment', 'leaveAffected', {}));
  const leaves = useRemote(() => call('appointment', 'listLeaves', {}));
  return (
    <>
      <Text className="rp-section-title">待改约的预约{affected.data ? `（${affected.data.length}）` : ''}</Text>
      <StateView
        loading={affected.loading && !affected.data}
        error={affected.error}
        empty={affected.data?.length === 0}
        emptyTitle="没有待改约的预约"
        emptyText="专家请假影响到的预约会列在这里，直到企业改约或取消。"
        onRetry={() => void affected.reload()}
        rows={3}
      >
        {affected.data?.map((a) => (
          <View key={a.bookingId} className="rp-card ap-card-link" hoverClass="ap-pressed" onClick={() => go(`${ROUTES.apptBooking}?id=${a.bookingId}`)}>
            <View className="ap-row-between">
              <Text className="ap-name">{a.enterpriseName}</Text>
              <StateTag state={a.state} label={a.stateLabel} />
            </View>
            <Text className="rp-text ap-line">{fmtRange(a.startAt, a.endAt)} · {a.teamName} {a.expertName}</Text>
            <Text className="rp-muted ap-line">预约人 {a.bookedByName || '企业联系人'} · 请假事由：{a.reason}</Text>
          </View>
        ))}
      </StateView>
      <Text className="rp-section-title">专家请假</Text>
      <StateView loading={leaves.loading && !leaves.data} error={leaves.error} empty={leaves.data?.length === 0} emptyTitle="没有进行中的请假" onRetry={() => void leaves.reload()} rows={2}>
        {leaves.data?.map((l) => (
          <View key={l.id} className="rp-card">
            <Text className="ap-name">{l.expertName} · {l.from} 至 {l.to}</Text>
            <Text className="rp-muted ap-line">{l.reason} · 撤回 {l.withdrawnSlots} 个时段 · {l.affectedBookings} 个预约需改约</Text>
          </View>
        ))}
      </StateView>
    </>
  );
}
