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
import { pct } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { Tile } from '../components/Tile';
import '../org.scss';

/** 党建工作台: admins see the park's coverage at a glance and every tool; secretaries their branch's. */
export default function OrgHome() {
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const isAdmin = hasRole(roles, 'admin');
  const figures = useRemote(() => (isAdmin ? call('org', 'coverage', {}) : Promise.resolve(null)), [isAdmin]);
  const flags = useRemote(() => (isAdmin ? call('org', 'ledgerList', {}) : Promise.resolve(null)), [isAdmin]);
  const instructors = useRemote(() => (isAdmin ? call('org', 'listInstructors', {}) : Promise.resolve([])), [isAdmin]);
  const branches = useRemote(() => (!isAdmin && hasRole(roles, 'secretary') ? call('org', 'listOrgBranches', {}) : Promise.resolve(null)), [isAdmin, roles.join()]);
  useReturnReload(() => {
    void figures.reload();
    void flags.reload();
  });
  const park = figures.data?.park;
  const counts = flags.data?.counts;
  const mine = branches.data?.branches ?? [];

  return (
    <PageShell>
      <View className="rp-page">
        {isAdmin && (
          <StateView loading={figures.loading && !park} error={figures.error} onRetry={() => void figures.reload()} rows={4}>
            {park && (
              <View className="og-tiles">
                  <Tile value={pct(park.rates.orgCoverage)} label="组织覆盖率" hint={`${park.counts.withOrg}/${park.counts.enterprises} 家计入组织覆盖`} />
                  <Tile value={pct(park.rates.workCoverage)} label="工作覆盖率" hint={`${park.counts.withOrgOrInstructor} 家有党组织或指导员`} />
                  <Tile value={pct(park.rates.singleRate)} label="单独组建率" hint={`${park.counts.single} 家单独组建`} />
                <Tile value={String(park.rates.membersPerEnterprise)} label="户均党员" hint={`党员共 ${park.counts.members} 名`} />
              </View>
            )}
          </StateView>
        )}
        {isAdmin && (
          <ListCard>
            <ListRow title="企业台账（五清）" description={counts ? `${counts.all} 家企业 · 组建形式不符 ${counts.mismatch} · 无指导员 ${counts.noInstructor}` : '经营、从业人员、党员、出资人、党组织'} onClick={() => go(ROUTES.orgLedger)} />
            <ListRow title="党组织与组建形式" description="单独、联合、挂靠、派驻；系统按台账建议组建形式" onClick={() => go(ROUTES.orgBranches)} />
            <ListRow title="覆盖率统计" description="全园区与分行业，由台账实时计算" onClick={() => go(ROUTES.orgCoverage)} />
            <ListRow title="组织生活记录" description="“三会一课”、主题党日及签到" onClick={() => go(ROUTES.orgLife)} />
            <ListRow title="星级评定" description="按季度评分、定级、核定红星津贴" onClick={() => go(ROUTES.orgRating)} />
            <ListRow title="红星津贴发放" description="按季度审批、登记发放，累计发放金额，可导出" onClick={() => go(ROUTES.orgPayouts)} />
            <ListRow title="评分细则与津贴标准" description="评分项目、分值与星级津贴" onClick={() => go(ROUTES.orgRubric)} />
            <ListRow title="三会一课落实情况" description="各支部各类会议已开、待开、逾期未开，可导出" onClick={() => go(ROUTES.orgBoard)} />
            <ListRow title="三会一课规则" description="各类会议每月、每季度至少召开次数" onClick={() => go(ROUTES.orgRules)} />
            <ListRow title="组织生活核实" description="会后补录或修改的记录，核实后计入星级评定" onClick={() => go(ROUTES.orgVerify)} />
            <ListRow title="书记述职评议" description="各支部书记年度述职，评定好、较好、一般、差" onClick={() => go(ROUTES.branchDebrief)} />
            <ListRow title="场馆预约排期" description="党群组织生活馆各室当天安排" onClick={() => go(ROUTES.roomSchedule)} />
          </ListCard>
        )}
        {isAdmin && (
          <>
            <Text className="rp-section-title">党建指导员</Text>
            <StateView loading={instructors.loading && !instructors.data} error={instructors.error} empty={instructors.data?.length === 0} emptyTitle="暂无党建指导员" emptyText="在用户管理中授予“党建指导员”身份后，可在企业台账中指派。" onRetry={() => void instructors.reload()}>
              <ListCard>
                {(instructors.data ?? []).map((i) => (
                  <ListRow key={i.openid} title={i.name || '（未填姓名）'} description={i.phone || undefined} extra={`联系 ${i.enterprises} 家企业`} />
                ))}
              </ListCard>
            </StateView>
          </>
        )}
        {!isAdmin && (
          <StateView loading={branches.loading && !branches.data} error={branches.error} empty={mine.length === 0} emptyTitle="您还不是支部书记" emptyText="支部书记由党务管理员设置。" onRetry={() => void branches.reload()}>
            {mine.map((b) => (
              <View key={b.id}>
                <Text className="rp-section-title">{b.name}</Text>
                <ListCard>
                  <ListRow title="本支部情况" description={`${b.form} · 覆盖 ${b.enterprises.length} 家企业 · 台账党员 ${b.ledgerMembers} 名`} onClick={() => go(ROUTES.orgBranches)} />
                  <ListRow title="组织生活记录" description="记录“三会一课”、主题党日，扫码签到" onClick={() => go(`${ROUTES.orgLife}?branchId=${b.id}`)} />
                  <ListRow title="本支部星级评定" description="本季度得分与历史星级" onClick={() => go(`${ROUTES.orgRatingBranch}?branchId=${b.id}`)} />
                  <ListRow title="预约活动场馆" description="党群组织生活馆“一室多用”" onClick={() => go(ROUTES.rooms)} />
                  <ListRow title="我的红星津贴" description="本人红星津贴的审批与发放情况" onClick={() => go(ROUTES.orgPayouts)} />
                </ListCard>
              </View>
            ))}
          </StateView>
        )}
      </View>
    </PageShell>
  );
}

