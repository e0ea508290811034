import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useShown } from '../../../hooks/useShown';
import { call } from '../../../api/client';
import { BranchPicker, parkMonth, useKeptBranches } from '../components/shared';
import '../branch.scss';

/**
 * 党员集中学习学时: each roster member of the branch in the year with their counted 学时 against
 * 32 (56 for a secretary) — listed by name as the server sends it, NEVER sorted by hours and never
 * numbered: it is for reminding those who are short, not a ranking. Totals only; the sessions
 * stay on each member's own page.
 */
export default function BranchHours() {
  const branches = useKeptBranches();
  const kept = branches.data ?? [];
  const [picked, setPicked] = useState('');
  const branchId = picked || kept[0]?.id || '';
  const thisYear = Number(parkMonth().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const r = useRemote(async () => (branchId ? call('study', 'branchLearningHours', { branchId, year }) : null), [branchId, year]);
  const d = r.data;
  const w = useShown(d?.members, 20);
  const short = d ? d.members.filter((m) => !m.met).length : 0;
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">党员集中学习学时</Text>
          <BranchPicker branches={kept} value={branchId} onPick={setPicked} />
          <PickChips label="年度" items={[thisYear, thisYear - 1].map((y) => ({ value: y, label: `${y}年` }))} selected={year} onPick={setYear} />
          {d ? <Text className="rp-text rp-line">{`${d.branch.name} ${d.year}年：${d.members.length} 名党员，${short} 名未达到年度要求`}</Text> : null}
          <Text className="rp-muted rp-line">按姓名排列，不排名；学时仅本支部书记和党务管理员可见。</Text>
        </View>
        <StateView
          loading={(branches.loading && !branches.data) || (r.loading && !d)}
          error={branches.error || r.error}
          empty={(!!branches.data && kept.length === 0) || (!!d && d.members.length === 0)}
          emptyTitle={kept.length === 0 ? '没有可查看的支部' : '该年度支部暂无党员'}
          emptyText={kept.length === 0 ? '支部书记和党务管理员可查看本页。' : '花名册中登记的党员会显示在这里。'}
          onRetry={() => void (branches.error ? branches.reload() : r.reload())}
          rows={6}
        >
          <View className="rp-card">
            {w.shown.map((m) => (
              <View key={m.memberId} className="rp-item rp-between">
                <View className="rp-grow">
                  <Text className="rp-name">{m.name}</Text>
                  <Text className="rp-muted rp-line">
                    {`${m.hours} / ${m.target} 学时 · ${m.sessions} 次`}
                    {m.bound ? '' : ' · 未绑定微信，无法扫码计入'}
                    {m.inBranch ? '' : ' · 已不在本支部（学时为全年合计，含转出后）'}
                  </Text>
                  <View className="bw-progress">
                    <View className="bw-progress__fill" style={{ width: `${Math.min(100, Math.round((m.hours / m.target) * 100))}%` }} />
                  </View>
                </View>
                <Text className={`bw-tag ${m.met ? 'bw-tag--done' : 'bw-tag--wait'}`}>{m.met ? '已达标' : '未达标'}</Text>
              </View>
            ))}
            <ShowMore w={w} />
          </View>
          {d ? (
            <View className="rp-card">
              <Text className="rp-muted rp-line">{d.rule}</Text>
            </View>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
