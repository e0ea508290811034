import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../rooms.scss';

/** 党群组织生活馆 "一室多用": the center's rooms, booked by branches and enterprises by the half hour. */
export default function Rooms() {
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const canBook = hasRole(roles, 'secretary') || hasRole(roles, 'enterprise') || hasRole(roles, 'admin');
  const rooms = useRemote(() => call('room', 'listRooms', {}));
  const rw = useShown(rooms.data, 15);

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">党群组织生活馆</Text>
          <Text className="rp-text rp-line">“一室多用”：党支部和园区企业可按半小时预约活动室、会议室。请在开始后 15 分钟内扫描门口二维码签到，逾时未签到的预约将自动释放。</Text>
          {!canBook ? <Text className="rp-muted rp-line">预约需由支部书记或企业联系人办理；您可以先查看各场馆的空闲时段。</Text> : null}
        </View>
        {canBook && (
          <ListCard>
            <ListRow title="我的预约" description="查看、取消本单位的场馆预约" onClick={() => go(ROUTES.roomMine)} />
            {hasRole(roles, 'admin') && <ListRow title="今日排期" description="各场馆当天的预约与签到情况" onClick={() => go(ROUTES.roomSchedule)} />}
            {hasRole(roles, 'admin') && <ListRow title="场馆设置" description="可预约场馆、容纳人数、设备与开放时间" onClick={() => go(ROUTES.roomManage)} />}
          </ListCard>
        )}
        <Text className="rp-section-title">选择场馆</Text>
        <StateView loading={rooms.loading && !rooms.data} error={rooms.error} empty={rooms.data?.length === 0} emptyTitle="暂无开放预约的场馆" onRetry={() => void rooms.reload()} rows={4}>
          {rw.shown.map((r) => (
            <View key={r.id} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.roomBook}?venueId=${r.id}`)}>
              <View className="rp-between">
                <Text className="rp-name">{r.name}</Text>
                {r.capacity ? <Text className="rp-muted">可容纳 {r.capacity} 人</Text> : null}
              </View>
              <Text className="rp-muted rp-line">{r.address} · 开放 {r.opensAt}–{r.closesAt}</Text>
              <Text className="rp-text rp-line">{r.description}</Text>
              {r.equipment.length ? <Text className="rp-muted rp-line">设备：{r.equipment.join('、')}</Text> : null}
            </View>
          ))}
          <ShowMore w={rw} />
        </StateView>
      </View>
    </PageShell>
  );
}
