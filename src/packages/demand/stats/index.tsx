import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Chips } from '../../../components/Chips';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { duration, parkToday, percent } from '../../../domain/demand';
import '../components/demand.scss';

const RANGES = [
  { value: '3', label: '近 3 个月' },
  { value: '6', label: '近 6 个月' },
  { value: '12', label: '近 12 个月' },
] as const;
type RangeKey = (typeof RANGES)[number]['value'];

/** The month `n - 1` months before this one, 'YYYY-MM'. */
function monthsBack(n: number): string {
  const [y, m] = parkToday().split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - (n - 1), 1));
  return d.toISOString().slice(0, 7);
}

interface Row {
  collected: number;
  resolved: number;
  rate: number | null;
  medianHours: number | null;
  overdue: number;
  onTimeRate: number | null;
  medianWorkingDays: number | null;
}

const workDays = (n: number | null) => (n === null ? '—' : `${n} 天`);

function Table({ rows, name }: { rows: Array<Row & { name: string }>; name: string }) {
  return (
    <View className="dm-table">
      <View className="dm-table__row dm-table__row--head">
        <Text className="dm-table__cell dm-table__cell--name">{name}</Text>
        <Text className="dm-table__cell">收集</Text>
        <Text className="dm-table__cell">办结</Text>
        <Text className="dm-table__cell">按时率</Text>
        <Text className="dm-table__cell">工作日</Text>
        <Text className="dm-table__cell">逾期</Text>
      </View>
      {rows.map((r) => (
        <View key={r.name} className="dm-table__row">
          <Text className="dm-table__cell dm-table__cell--name">{r.name}</Text>
          <Text className="dm-table__cell">{r.collected}</Text>
          <Text className="dm-table__cell">{r.resolved}</Text>
          <Text className="dm-table__cell">{percent(r.onTimeRate)}</Text>
          <Text className="dm-table__cell">{workDays(r.medianWorkingDays)}</Text>
          <Text className="dm-table__cell">{r.overdue}</Text>
        </View>
      ))}
    </View>
  );
}

/** 办理统计: collected, resolved, rate, median time to resolve and overdue, by category and month. */
export default function DemandStats() {
  const [range, setRange] = useState<RangeKey>('6');
  const stats = useRemote(() => call('demand', 'stats', { fromMonth: monthsBack(Number(range)) }), [range]);
  usePullDownRefresh(() => {
    void stats.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const s = stats.data;
  const months = s ? [...new Set(s.byCategoryMonth.map((r) => r.month))].sort().reverse() : [];

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Chips options={RANGES} value={range} onChange={(v) => v && setRange(v)} />
          {s ? (
            <Text className="rp-muted">
              {s.fromMonth} 至 {s.toMonth}，按提交月份统计，已撤回的不计入。“按时率”为已到期承诺中按时办结的比例；“工作日”为办结用时的中位数（按园区工作日历，不含等待企业补充材料的时间）。
            </Text>
          ) : null}
        </View>
        <StateView loading={stats.loading && !s} error={!s ? stats.error : undefined} onRetry={() => void stats.reload()} rows={6}>
          {s ? (
            <>
              <View className="dm-figures">
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.total.collected}</Text>
                  <Text className="dm-figure__label">收集诉求</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.total.resolved}</Text>
                  <Text className="dm-figure__label">已办结</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{percent(s.total.rate)}</Text>
                  <Text className="dm-figure__label">办结率</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{duration(s.total.medianHours)}</Text>
                  <Text className="dm-figure__label">办理时长中位数</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.total.overdue}</Text>
                  <Text className="dm-figure__label">当前逾期</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{percent(s.total.onTimeRate)}</Text>
                  <Text className="dm-figure__label">按时办结率</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{workDays(s.total.medianWorkingDays)}</Text>
                  <Text className="dm-figure__label">办结用时中位数（工作日）</Text>
                </View>
              </View>
              <Text className="rp-section-title">回访</Text>
              <View className="dm-figures">
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.callbacks.total.sampled}</Text>
                  <Text className="dm-figure__label">应回访</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.total.callbacks}</Text>
                  <Text className="dm-figure__label">已回访</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.callbacks.total.due}</Text>
                  <Text className="dm-figure__label">待回访</Text>
                </View>
                <View className="dm-figure">
                  <Text className="dm-figure__value">{s.total.callbacks ? percent(s.total.callbacksSatisfied / s.total.callbacks) : '—'}</Text>
                  <Text className="dm-figure__label">回访满意率</Text>
                </View>
              </View>
              <Text className="rp-section-title">按服务等级</Text>
              <View className="rp-card">
                <StateView loading={false} empty={s.byClass.length === 0} emptyTitle="这段时间没有诉求">
                  <Table name="等级" rows={s.byClass.map((r) => ({ ...r, name: r.serviceClass }))} />
                </StateView>
              </View>
              <Text className="rp-section-title">按类别</Text>
              <View className="rp-card">
                <StateView loading={false} empty={s.byCategory.length === 0} emptyTitle="这段时间没有诉求">
                  <Table name="类别" rows={s.byCategory.map((r) => ({ ...r, name: r.category }))} />
                </StateView>
              </View>
              <Text className="rp-section-title">按月份</Text>
              <View className="rp-card">
                <StateView loading={false} empty={s.byMonth.length === 0} emptyTitle="这段时间没有诉求">
                  <Table name="月份" rows={[...s.byMonth].reverse().map((r) => ({ ...r, name: r.month }))} />
                </StateView>
              </View>
              {months.length ? <Text className="rp-section-title">各月分类明细</Text> : null}
              {months.map((m) => (
                <View key={m} className="rp-card">
                  <Text className="dm-month">{m}</Text>
                  <Table name="类别" rows={s.byCategoryMonth.filter((r) => r.month === m).map((r) => ({ ...r, name: r.category }))} />
                </View>
              ))}
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
