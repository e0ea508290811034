import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../appointment.scss';

const GLYPH: Record<string, string> = { legal: '法', accounting: '财', technology: '科', finance: '金', talent: '才' };

/** Entry of 发展服务团预约: the five teams, the caller's paired expert, their bookings and tools. */
export default function AppointmentHome() {
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const isEnt = hasRole(roles, 'enterprise');
  const teams = useRemote(() => call('appointment', 'listTeams', {}));
  const pairings = useRemote(() => (isEnt ? call('appointment', 'myPairings', {}) : Promise.resolve([])), [isEnt]);
  useReturnReload(() => pairings.reload());

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title ap-head">园区发展服务团</Text>
          <Text className="rp-text">法律、财务、科技、金融、人才五支服务团为园区企业提供预约咨询、巡回服务和结对帮扶。</Text>
        </View>

        {isEnt && pairings.error && !pairings.data ? (
          <StateView loading={false} error={pairings.error} onRetry={() => void pairings.reload()} />
        ) : null}
        {isEnt && pairings.data && pairings.data.length > 0 && (
          <>
            <Text className="rp-section-title">我的结对专家</Text>
            {pairings.data.map((p) => (
              <View key={p.pairingId} className="rp-card ap-card-link" hoverClass="ap-pressed" onClick={() => go(`${ROUTES.apptSlots}?expertId=${p.expert.id}&teamId=${p.expert.teamId}`)}>
                <View className="ap-row-between">
                  <Text className="ap-name">{p.expert.name}</Text>
                  <Text className="ap-tag ap-tag--gold">结对帮扶</Text>
                </View>
                <Text className="rp-muted ap-line">{p.expert.organisation} · {p.expert.title}</Text>
                <Text className="rp-text ap-line">擅长：{p.expert.specialities.join('、')}</Text>
                <Text className="rp-muted ap-line">可优先预约该专家新发布的时段 · 点击查看时段</Text>
              </View>
            ))}
          </>
        )}

        <ListCard>
          {isEnt && <ListRow title="我的预约" description="查看预约进度、取消或评价" onClick={() => go(ROUTES.apptBookings)} />}
          <ListRow title="巡回服务日" description="服务团定期到园区集中服务，可预约现场时段" onClick={() => go(ROUTES.apptRoving)} />
          {hasRole(roles, 'expert') && <ListRow title="专家工作台" description="发布时段、处理预约、查看结对企业" onClick={() => go(ROUTES.apptExpert)} />}
          {hasRole(roles, 'admin') && <ListRow title="服务团管理" description="结对安排、巡回服务日" onClick={() => go(ROUTES.apptAdmin)} />}
        </ListCard>

        <Text className="rp-section-title">选择服务团</Text>
        <StateView loading={teams.loading && !teams.data} error={teams.error} empty={teams.data?.length === 0} emptyTitle="暂无服务团" onRetry={() => void teams.reload()}>
          {teams.data?.map((t) => (
            <View key={t.id} className="rp-card rp-row ap-card-link" hoverClass="ap-pressed" onClick={() => go(`${ROUTES.apptSlots}?teamId=${t.id}`)}>
              <View className="rp-glyph">{GLYPH[t.kind] ?? t.name.slice(0, 1)}</View>
              <View className="rp-grow ap-team-body">
                <Text className="ap-name">{t.name}</Text>
                <Text className="rp-text ap-line">{t.description}</Text>
                <Text className="rp-muted ap-line">{t.experts > 0 ? `${t.experts} 位专家可预约` : '专家招募中'}</Text>
              </View>
            </View>
          ))}
        </StateView>
        {!isEnt && me.data && (
          <Text className="rp-muted ap-line">预约需由企业联系人办理：请在“我的”页面用企业邀请码绑定企业。</Text>
        )}
      </View>
    </PageShell>
  );
}
