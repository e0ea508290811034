import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { PickChips } from '../../../components/PickChips';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { quarterName, quarterOfInstant, recentQuarters, starText } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../org.scss';

/**
 * The quarter's star-rating sheet: every branch's total, stars and 红星津贴. Items backed by records
 * (meetings, attendance, lecture check-ins) fill themselves; the rest wait for the assessor. A
 * 一票否决 and open appeals show on the branch's card.
 */
export default function RatingSheet() {
  const quarters = recentQuarters(quarterOfInstant(), 4);
  const [quarter, setQuarter] = useState(quarters[0]);
  const sheet = useRemote(() => call('org', 'ratingSheet', { quarter }), [quarter]);
  useDidShow(() => {
    if (sheet.data) void sheet.reload();
  });
  const d = sheet.data;
  const rw = useShown(d?.rows, 20);
  const finals = d?.rows.filter((r) => r.status === 'final').length ?? 0;

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <PickChips items={quarters.map((q) => ({ value: q, label: quarterName(q) }))} selected={quarter} onPick={setQuarter} />
          {d ? (
            <Text className="rp-muted rp-line">
              共 {d.rows.length} 个党组织 · 已定级 {finals} 个 · 红星津贴标准合计 {d.allowanceTotal} 元（每个党组织计一份，实际发放以发放台账为准） · 评分细则第 {d.rubricVersion} 版
            </Text>
          ) : null}
        </View>
        <ListCard>
          <ListRow title="评分细则与津贴标准" description="评分项目、分值、数据来源与星级津贴" onClick={() => go(ROUTES.orgRubric)} />
        </ListCard>
        <StateView loading={sheet.loading && !d} error={sheet.error} empty={d?.rows.length === 0} emptyTitle="暂无党组织" onRetry={() => void sheet.reload()} rows={6}>
          {rw.shown.map((r) => {
            const waiting = r.items.filter((i) => i.points === null).length;
            return (
              <View key={r.branchId} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.orgRatingBranch}?branchId=${r.branchId}&quarter=${quarter}`)}>
                <View className="rp-between">
                  <Text className="rp-name">{r.branchName}</Text>
                  <Text className="og-points">{r.total} 分</Text>
                </View>
                <View className="rp-between rp-line">
                  <Text className="og-stars">{starText(r.stars)}</Text>
                  {r.status === 'final' ? <Text className="og-tag og-tag--done">{`已定级 · 津贴 ${r.allowance} 元`}</Text> : <Text className="og-tag og-tag--wait">{waiting ? `待评 ${waiting} 项` : r.openAppeals ? `申诉待答复 ${r.openAppeals} 条` : '待定级'}</Text>}
                </View>
                {r.veto ? <Text className="rp-text rp-line">{`一票否决：${r.veto.ruleLabel}（${r.veto.reason}）`}</Text> : null}
                {r.status === 'draft' && waiting && r.openAppeals ? <Text className="rp-muted rp-line">{`申诉待答复 ${r.openAppeals} 条`}</Text> : null}
                <Text className="rp-muted rp-line">
                  {r.items.filter((i) => i.auto).map((i) => `${i.label} ${i.points ?? 0}/${i.max}`).join(' · ')}
                </Text>
              </View>
            );
          })}
          <ShowMore w={rw} />
        </StateView>
      </View>
    </PageShell>
  );
}
