import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useShown } from '../../../hooks/useShown';
import { call } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { monthLabel, MonthRow, parkMonth, yuan } from '../components/shared';
import '../branch.scss';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** 党费收缴完成情况: per branch, the month's and its quarter's (已缴 + 免缴) ÷ members; admins see every branch. */
export default function DuesSummary() {
  const [month, setMonth] = useState(parkMonth());
  const r = useRemote(() => call('party', 'duesSummary', { month }), [month]);
  const d = r.data;
  const w = useShown(d?.branches, 10);
  const all = d?.branches ?? [];
  const owed = all.reduce((s, b) => s + (b.month?.members ?? 0), 0);
  const settled = all.reduce((s, b) => s + (b.month ? b.month.paid + b.month.exempt : 0), 0);
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <MonthRow title="月份" value={month} end={`${parkMonth()}-01`} onChange={setMonth} />
          {d && all.length > 1 ? (
            <Text className="rp-text rp-line">{`全部支部 ${monthLabel(month)}：应缴 ${owed} 人，已完成 ${settled} 人，完成率 ${pct(owed ? settled / owed : null)}`}</Text>
          ) : null}
          <Text className="rp-muted rp-line">完成率 =（已缴 + 免缴）÷ 当月1日在支部的党员数</Text>
        </View>
        <StateView loading={r.loading && !d} error={r.error} empty={!!d && all.length === 0} emptyTitle="暂无支部" onRetry={() => void r.reload()} rows={5}>
          {w.shown.map((b) => (
            <View key={b.branchId} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(ROUTES.branchDues)}>
              <Text className="rp-name">{b.name}</Text>
              {b.month ? (
                <Text className="rp-text rp-line">{`${monthLabel(month)}：${b.month.paid + b.month.exempt}/${b.month.members} 人，完成率 ${pct(b.month.rate)}，已缴 ${yuan(b.month.paidFen)} 元`}</Text>
              ) : null}
              <Text className="rp-muted rp-line">{`${d?.quarter ?? ''}：${b.quarter.settled}/${b.quarter.memberMonths} 人次，完成率 ${pct(b.quarter.rate)}，已缴 ${yuan(b.quarter.paidFen)} 元`}</Text>
            </View>
          ))}
          <ShowMore w={w} />
        </StateView>
      </View>
    </PageShell>
  );
}
