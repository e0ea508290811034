import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ListRow } from '../../../components/ListRow';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../branch.scss';

/** 支部工作: the 党总支's member ledgers — roster, transfers, 党费, 发展党员, 民主评议, 述职, 先锋岗 — and the members' 集中学习学时. */
export default function BranchHome() {
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">支部工作</Text>
          <Text className="rp-muted rp-line">书记办理本支部的台账；党务管理员可查看和办理全部支部。</Text>
        </View>
        <View className="rp-card">
          <ListRow title="党员花名册" description="查找、登记、修改党员信息，导入导出花名册" onClick={() => go(ROUTES.branchRoster)} />
          <ListRow title="组织关系转接" description="转入、园区内转接的确认、转出" onClick={() => go(ROUTES.branchTransfers)} />
          <ListRow title="党费收缴登记" description="按月登记应缴金额与缴纳日期" onClick={() => go(ROUTES.branchDues)} />
          <ListRow title="党费收缴完成情况" description="各支部本月、本季度完成率" onClick={() => go(ROUTES.branchDuesSummary)} />
          <ListRow title="发展党员" description="按阶段查看、到期提醒、推进发展步骤" onClick={() => go(ROUTES.branchDevelopment)} />
          <ListRow title="集中学习学时" description="党员本年度学时与 32/56 学时要求，按姓名列出，不排名" onClick={() => go(ROUTES.branchHours)} />
          <ListRow title="民主评议党员" description="三评议：企业领导、职工、支部评议，警示谈话，导出登记表" onClick={() => go(ROUTES.branchReview)} />
          <ListRow title="书记述职评议" description="书记提交年度述职，党务管理员评议" onClick={() => go(ROUTES.branchDebrief)} />
          <ListRow title="党员先锋岗 · 示范岗" description="按年度设立岗位，在支部页面展示" onClick={() => go(ROUTES.branchPosts)} />
        </View>
      </View>
    </PageShell>
  );
}
