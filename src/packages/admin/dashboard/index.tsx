import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { lastDays } from '../../../domain/checkin';
import { countAxisMax, dayChart, ratePct, demandChart, formRing, PERIOD_PRESETS, quarterName, starChart, studyChart, teamChart, venueChart } from '../../../domain/admin';
import { Chart } from '../components/Chart';
import { Presets } from '../components/Presets';
import '../admin.scss';

/** 数据看板: the period's figures as charts (uCharts), every figure aggregated by the `admin` function. */
export default function Dashboard() {
  const [preset, setPreset] = useState(1);
  const range = lastDays(PERIOD_PRESETS[preset].days);
  const figures = useRemote(() => call('admin', 'dashboard', range), [range.from, range.to]);
  usePullDownRefresh(() => {
    void figures.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const d = figures.data;
  return (
    <PageShell>
      <View className="rp-page">
        <Presets value={preset} onChange={setPreset} />
        <StateView loading={figures.loading && !d} error={figures.error} onRetry={() => void figures.reload()} rows={8}>
          {d ? (
            <>
              <Text className="rp-muted adm-range">
                {d.from} 至 {d.to}
              </Text>
              <View className="rp-row adm-kpis">
                <Kpi value={d.visits.totals.visits} label="到访人次" />
                <Kpi value={d.visits.totals.people} label="到访人数" />
                <Kpi value={d.appointments.total} label="服务团预约" />
                <Kpi value={d.appointments.satisfaction ?? '—'} label="平均满意度" />
                <Kpi value={d.volunteer.activities} label="志愿活动" />
                <Kpi value={d.volunteer.signups} label="志愿报名" />
                <Kpi value={d.volunteer.hours} label="志愿时长（小时）" />
                <Kpi value={d.demands.total.collected} label="收集诉求" />
                <Kpi value={d.demands.total.resolved} label="办结诉求" />
                <Kpi value={d.demands.total.rate === null ? '—' : `${Math.round(d.demands.total.rate * 100)}%`} label="办结率" />
                <Kpi value={d.demands.total.medianHours ?? '—'} label="办结时长中位数（小时）" />
                <Kpi value={d.demands.total.overdue} label="逾期未办结" />
                <Kpi value={d.totals.enterprises} label="入园企业" />
                <Kpi value={ratePct(d.coverage.rates.orgCoverage)} label="党组织覆盖率" />
                <Kpi value={ratePct(d.coverage.rates.workCoverage)} label="党的工作覆盖率" />
                <Kpi value={ratePct(d.coverage.rates.singleRate)} label="单独组建率" />
                <Kpi value={ratePct(d.coverage.rates.jointRate)} label="联合组建率" />
              </View>
              <Chart title="每日到访" type="line" {...dayChart(d.visits.byDay)} empty={d.visits.totals.visits === 0} />
              <Chart title="各场所到访人次" type="column" height={260} slantLabels {...venueChart(d.visits.byVenue)} yMax={countAxisMax(d.visits.byVenue.map((v) => v.visits))} empty={d.visits.byVenue.length === 0} />
              <Chart title="各服务团预约与服务" type="column" {...teamChart(d.appointments.byTeam)} yMax={countAxisMax(d.appointments.byTeam.map((t) => t.bookings))} empty={d.appointments.byTeam.length === 0} />
              {d.appointments.byTeam.length > 0 ? (
                <View className="rp-card">
                  <Text className="rp-chart__title">各服务团满意度</Text>
                  {d.appointments.byTeam.map((t) => (
                    <View key={t.teamId} className="adm-item rp-row">
                      <Text className="rp-grow adm-item__title">{t.teamName}</Text>
                      <Text className="adm-item__sub">
                        {t.satisfaction === null ? '暂无评价' : `${t.satisfaction} 分 · ${t.rated} 条评价`}
                      </Text>
                    </View>
                  ))}
                </View>
              ) : null}
              <Chart
                title={`各类诉求收集与办结（${d.demands.fromMonth} 至 ${d.demands.toMonth}）`}
                type="column"
                {...demandChart(d.demands.byCategory)}
                yMax={countAxisMax(d.demands.byCategory.map((c) => c.collected))}
                empty={d.demands.byCategory.length === 0}
              />
              <Chart
                title="预约状态分布"
                type="ring"
                series={d.appointments.byState.map((s) => ({ name: s.label, data: s.count }))}
                empty={d.appointments.total === 0}
              />
              <Chart
                title={`各学习小组完成率（${d.study.fromMonth === d.study.toMonth ? d.study.fromMonth : `${d.study.fromMonth} 至 ${d.study.toMonth}`}）`}
                type="column"
                height={260}
                slantLabels
                {...studyChart(d.study.byGroup)}
                yMax={100}
                extra={{ column: { type: 'group', width: 14 } }}
                empty={d.study.byGroup.length === 0}
                emptyText="这段时间的月份没有学习专题。"
              />
              {d.study.cutAfter ? (
                // The chart holds a bounded number of group-months; say where it stops rather than cut silently (G-20).
                <Text className="rp-muted adm-range">
                  小组月份过多，图中仅统计至 {d.study.cutAfter}；请缩短时段，或导出学习完成情况 Excel 查看全部。
                </Text>
              ) : null}
              <Chart title={`企业党组织覆盖（共 ${d.coverage.counts.enterprises} 家）`} type="ring" series={formRing(d.coverage.counts)} empty={d.coverage.counts.enterprises === 0} emptyText="台账中还没有企业。" />
              <Chart
                title={d.stars.quarter ? `星级评定分布（${quarterName(d.stars.quarter)}，${d.stars.rated} 个党组织）` : '星级评定分布'}
                type="column"
                {...starChart(d.stars.byStars)}
                yMax={countAxisMax(d.stars.byStars.map((r) => r.branches))}
                empty={d.stars.quarter === null}
                emptyText="还没有定级的季度评定。"
              />
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}

function Kpi({ value, label }: { value: number | string; label: string }) {
  return (
    <View className="rp-card rp-grow adm-kpi">
      <Text className="adm-kpi__value">{value}</Text>
      <Text className="rp-muted">{label}</Text>
    </View>
  );
}
