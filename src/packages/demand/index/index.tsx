import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useResource } from '../../../hooks/useResource';
import { meResource } from '../../../store/me';
import { hasRole, isEnterprise, isHandler } from '../../../domain/roles';
import { ROUTES, type Route } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../components/demand.scss';

interface Entry {
  glyph: string;
  title: string;
  hint: string;
  route: Route;
}

function Hub({ entries }: { entries: Entry[] }) {
  return (
    <>
      {entries.map((e) => (
        <View key={e.route} className="rp-card dm-hub" hoverClass="dm-hub--pressed" onClick={() => go(e.route)}>
          <View className="rp-glyph">{e.glyph}</View>
          <View className="rp-grow">
            <Text className="dm-hub__title">{e.title}</Text>
            <Text className="rp-muted">{e.hint}</Text>
          </View>
        </View>
      ))}
    </>
  );
}

/** Entry to 诉求与红色代办: each person sees what they can do here — file, handle, or run it. */
export default function DemandHome() {
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const ent = isEnterprise(roles) && !!me.data?.enterprise;

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">有诉求，找中心</Text>
          <Text className="rp-text rp-block">
            企业在融资、用工、法律、审批等方面的难题都可以提出；需要办理政策申报的，中心提供窗口帮办、上门代办、组团联办的“红色代办”服务，全程可查进度。
          </Text>
        </View>
        <StateView loading={me.loading && !me.data} error={!me.data ? me.error : undefined} onRetry={me.reload}>
          {ent ? (
            <>
              <Text className="rp-section-title">{me.data?.enterprise?.name}</Text>
              <Hub
                entries={[
                  { glyph: '诉', title: '提交诉求', hint: '说明遇到的问题，中心分派专人办理', route: ROUTES.demandSubmit },
                  { glyph: '查', title: '我的诉求', hint: '查看办理进度，办结后确认评价', route: ROUTES.demandMine },
                  { glyph: '策', title: '可享政策与礼包', hint: '领取礼包、申请政策代办', route: ROUTES.policyMatch },
                ]}
              />
            </>
          ) : null}
          {isHandler(roles) ? (
            <>
              <Text className="rp-section-title">办理人</Text>
              <Hub entries={[{ glyph: '办', title: '待我办理', hint: '分派给我的诉求：受理、记录进展、办结', route: ROUTES.demandAssigned }]} />
            </>
          ) : null}
          {hasRole(roles, 'admin') ? (
            <>
              <Text className="rp-section-title">中心管理</Text>
              <Hub
                entries={[
                  { glyph: '派', title: '诉求管理', hint: '分派办理人、跟踪逾期', route: ROUTES.demandAdmin },
                  { glyph: '统', title: '办理统计', hint: '按时办结率、逾期、工作日用时、回访', route: ROUTES.demandStats },
                  { glyph: '访', title: '回访', hint: '不满意的和抽样的已办结诉求，记录回访', route: ROUTES.demandCallbacks },
                  { glyph: '时', title: '服务时限与工作日历', hint: '各类诉求的办理时限、节假日与调休', route: ROUTES.demandLevels },
                ]}
              />
            </>
          ) : null}
          {!ent && !isHandler(roles) ? (
            <View className="rp-card">
              <Text className="rp-title">企业联系人可提交诉求</Text>
              <Text className="rp-text rp-block">请先输入中心发放给贵企业的邀请码，绑定后即可提交诉求、申请红色代办。</Text>
              <View className="rp-actions">
                <Button type="primary" size="large" block onClick={() => go(ROUTES.redeemInvite)}>
                  绑定企业
                </Button>
                <Button size="large" block onClick={() => go(ROUTES.policyList)}>
                  先看看惠企政策
                </Button>
              </View>
            </View>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
