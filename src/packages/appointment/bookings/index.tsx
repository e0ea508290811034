import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { fmtDay, fmtStamp, isOpenBooking, noShowStanding, NO_SHOW_RULE } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { BookingCard } from '../components/BookingCard';
import { PickChips } from '../../../components/PickChips';
import '../appointment.scss';

type Filter = 'open' | 'closed' | 'all';

/** 我的预约 (enterprise: the enterprise's bookings) or, with ?as=expert, the expert's own. */
export default function Bookings() {
  const { params } = useRouter();
  const side = params.as === 'expert' ? 'expert' : 'enterprise';
  const [filter, setFilter] = useState<Filter>('open');
  const list = useRemote(() => (side === 'expert' ? call('appointment', 'expertBookings', {}) : call('appointment', 'myBookings', {})), [side]);
  useReturnReload(() => list.reload());
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()));

  // The enterprise's own cool-down, from its own list: said here, privately, before any form.
  const standing = side === 'enterprise' && list.data ? noShowStanding(list.data) : null;
  const shown = (list.data ?? []).filter((b) => filter === 'all' || (filter === 'open') === isOpenBooking(b.state));
  // Upcoming first for open bookings; most recent first otherwise (the server sends newest first).
  if (filter === 'open') shown.sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime());

  return (
    <PageShell>
      <View className="rp-page">
        {standing ? (
          <View className="rp-card ap-notice" id="ap-cooldown">
            <Text className="rp-title">暂停在线预约至 {fmtStamp(standing.until)}</Text>
            <Text className="rp-text ap-line">
              贵企业近 {NO_SHOW_RULE.windowDays} 天内有 {standing.counted.length} 次预约未到场且未请假（{standing.counted.map((c) => fmtDay(c.at)).join('、')}），按规则暂停在线预约 {NO_SHOW_RULE.cooldownDays} 天。
            </Text>
            <Text className="rp-muted ap-line">
              如有特殊情况，可打开该次预约点“提交申诉”说明，或致电党群服务中心；核实后该次记录不再计入。此信息仅贵企业可见。
            </Text>
            {standing.counted.map((c) => (
              <View key={c.id} className="ap-row-between ap-line" onClick={() => go(`${ROUTES.apptBooking}?id=${c.id}`)}>
                <Text className="rp-text rp-grow">{fmtDay(c.at)} 的预约</Text>
                <Text className="ap-tag ap-tag--gold">{c.appealed ? '申诉处理中' : '查看 / 申诉'}</Text>
              </View>
            ))}
          </View>
        ) : null}
        <PickChips
          items={[
            { value: 'open', label: side === 'expert' ? '待处理/待服务' : '进行中' },
            { value: 'closed', label: '已结束' },
            { value: 'all', label: '全部' },
          ]}
          selected={filter}
          onPick={setFilter}
        />
        <StateView
          loading={list.loading && !list.data}
          error={list.error}
          empty={!!list.data && shown.length === 0}
          emptyTitle={filter === 'open' ? '暂无进行中的预约' : '暂无预约记录'}
          emptyText={side === 'expert' ? '企业预约您的时段后会显示在这里。' : '可以选择服务团，预约专家一对一咨询。'}
          emptyAction={
            side === 'enterprise' ? (
              <Button type="primary" size="large" block onClick={() => go(ROUTES.appointment)}>
                去预约
              </Button>
            ) : undefined
          }
          onRetry={() => void list.reload()}
        >
          {shown.map((b) => (
            <BookingCard key={b.id} b={b} side={side} onOpen={(id) => go(`${ROUTES.apptBooking}?id=${id}`)} />
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
