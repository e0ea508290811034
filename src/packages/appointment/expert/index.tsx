import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call, errorMessage } from '../../../api/client';
import { fmtDay, fmtTime, groupByDay, MODE_LABEL } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { PickChips } from '../../../components/PickChips';
import { StateTag } from '../components/StateTag';
import { askAt, canAskAt } from '../../../utils/subscribe';
import '../appointment.scss';

type Tab = 'slots' | 'paired';

/** The expert's side: profile, incoming bookings, own slots (withdraw), paired enterprises. */
export default function ExpertHome() {
  const [tab, setTab] = useState<Tab>('slots');
  const profile = useRemote(() => call('appointment', 'myProfile', {}));
  const open = useRemote(() => call('appointment', 'expertBookings', { filter: 'open' }));
  const slots = useRemote(() => call('appointment', 'mySlots', {}));
  const paired = useRemote(() => call('appointment', 'pairedEnterprises', {}));
  const [withdraw, setWithdraw] = useState<string | null>(null);
  const reloadAll = () => Promise.all([profile.reload(), open.reload(), slots.reload(), paired.reload()]);
  useReturnReload(() => reloadAll());
  usePullDownRefresh(() => void reloadAll().finally(() => Taro.stopPullDownRefresh()));

  const waiting = (open.data ?? []).filter((b) => b.state === 'requested').length;
  const upcoming = (slots.data ?? []).filter((s) => new Date(s.endAt).getTime() > Date.now());

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={profile.loading && !profile.data} error={profile.error} onRetry={() => void profile.reload()} rows={2}>
          {profile.data && (
            <View className="rp-card">
              <View className="ap-row-between">
                <Text className="rp-title">{profile.data.profile.name || '未填写姓名'}</Text>
                <Text className="ap-tag ap-tag--gold">{profile.data.team?.name}</Text>
              </View>
              <Text className="rp-muted ap-line">{profile.data.profile.organisation} {profile.data.profile.title}</Text>
              {profile.data.exists ? (
                <Text className="rp-text ap-line">擅长：{profile.data.profile.specialities.join('、')} · {profile.data.profile.autoConfirm ? '自动确认预约' : '预约需我确认'}</Text>
              ) : (
                <Text className="rp-error-text ap-line">请先完善专家资料，企业才能看到并预约您。</Text>
              )}
            </View>
          )}
        </StateView>

        <ListCard>
          <ListRow title="待处理的预约" description="确认预约、填写服务记录" extra={waiting ? `${waiting} 个待确认` : `${open.data?.length ?? 0} 个进行中`} onClick={() => go(`${ROUTES.apptBookings}?as=expert`)} />
          <ListRow title="发布可预约时段" description="单个时段或按周重复" onClick={() => go(ROUTES.apptPublish)} />
          <ListRow title="请假" description="按日期请假，撤回空闲时段并通知已预约的企业改约" onClick={() => go(ROUTES.apptLeave)} />
          <ListRow title="编辑专家资料" description="姓名、机构、擅长领域、自动确认" onClick={() => go(ROUTES.apptProfile)} />
          {canAskAt('expertDesk') ? (
            <ListRow title="开启微信通知" description="新的预约、预约提醒和取消推送到微信；勾选“总是保持以上选择”更省心" onClick={() => void askAt('expertDesk')} />
          ) : null}
        </ListCard>

        <PickChips items={[{ value: 'slots', label: '我的时段' }, { value: 'paired', label: '结对企业' }]} selected={tab} onPick={setTab} />

        {tab === 'slots' ? (
          <StateView loading={slots.loading && !slots.data} error={slots.error} empty={upcoming.length === 0} emptyTitle="近四周没有时段" emptyText="点“发布可预约时段”开放您的时间。" onRetry={() => void slots.reload()}>
            {groupByDay(upcoming, (s) => s.startAt).map((g) => (
              <View key={g.day}>
                <Text className="rp-section-title">{fmtDay(g.items[0].startAt)}</Text>
                {g.items.map((s) => (
                  <View key={s.id} className="rp-card ap-slot" hoverClass={s.booking ? 'ap-pressed' : 'none'} onClick={() => s.booking && go(`${ROUTES.apptBooking}?id=${s.booking.id}`)}>
                    <Text className="ap-slot__time">
                      {fmtTime(s.startAt)}–{fmtTime(s.endAt)}
                    </Text>
                    <View className="rp-grow">
                      {s.booking ? (
                        <>
                          <Text className="ap-name">{s.booking.enterpriseName}</Text>
                          <Text className="rp-muted ap-line">{s.booking.topic}</Text>
                        </>
                      ) : (
                        <Text className="rp-text">{s.kind === 'roving' ? '巡回服务 · ' : ''}可预约</Text>
                      )}
                      <Text className="rp-muted ap-line">{MODE_LABEL[s.mode]} · {s.place}</Text>
                    </View>
                    {s.booking ? (
                      <StateTag state={s.booking.state} label={s.booking.stateLabel} />
                    ) : s.state === 'open' ? (
                      <Button size="small" onClick={() => setWithdraw(s.id)}>
                        撤回
                      </Button>
                    ) : null}
                  </View>
                ))}
              </View>
            ))}
          </StateView>
        ) : (
          <StateView loading={paired.loading && !paired.data} error={paired.error} empty={paired.data?.length === 0} emptyTitle="暂无结对企业" emptyText="党群服务中心为您安排结对帮扶后会显示在这里。" onRetry={() => void paired.reload()}>
            {paired.data?.map((p) => (
              <View key={p.pairingId} className="rp-card">
                <Text className="ap-name">{p.enterpriseName}</Text>
                <Text className="rp-muted ap-line">结对期：{fmtDay(p.from)} 至 {fmtDay(new Date(new Date(p.until).getTime() - 1))}{p.note ? ` · ${p.note}` : ''}</Text>
                {p.recentBookings.length === 0 ? (
                  <Text className="rp-muted ap-line">近期没有预约记录</Text>
                ) : (
                  p.recentBookings.map((b) => (
                    <View key={b.id} className="ap-row-between ap-line" onClick={() => b.mine && go(`${ROUTES.apptBooking}?id=${b.id}`)}>
                      <Text className="rp-text rp-grow">
                        {fmtDay(b.startAt)} · {b.teamName} · {b.topic}
                      </Text>
                      <StateTag state={b.state} label={b.stateLabel} />
                    </View>
                  ))
                )}
              </View>
            ))}
          </StateView>
        )}
      </View>
      <Dialog
        visible={!!withdraw}
        title="撤回时段"
        content="撤回后企业将无法预约这个时段。"
        confirmText="确认撤回"
        cancelText="再想想"
        onConfirm={async () => {
          const id = withdraw!;
          setWithdraw(null);
          try {
            await call('appointment', 'withdrawSlot', { slotId: id });
            toast('已撤回');
            void slots.reload();
          } catch (e) {
            toast(errorMessage(e));
            void slots.reload();
          }
        }}
        onCancel={() => setWithdraw(null)}
        onClose={() => setWithdraw(null)}
      />
    </PageShell>
  );
}
