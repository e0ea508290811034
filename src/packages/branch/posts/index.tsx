import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { SearchPick, type Option } from '../components/SearchPick';
import { BranchPicker, useKeptBranches } from '../components/shared';
import { parkYear, YearPicker } from '../components/year';
import '../branch.scss';

type Kind = '先锋岗' | '示范岗';
const KINDS: Kind[] = ['先锋岗', '示范岗'];

/**
 * 党员先锋岗 / 示范岗 (「一名党员一面旗」): the branch's designations of a year, and a new one — the
 * kind, the post's title and the member (searched on the roster). The enterprise is the member's
 * employer on the roster. Shown to everyone on the branch page with names only.
 */
export default function Posts() {
  const branches = useKeptBranches();
  const [picked, setPicked] = useState('');
  const [year, setYear] = useState(parkYear());
  const kept = branches.data ?? [];
  const branchId = picked || kept[0]?.id || '';
  const view = useRemote(() => (branchId ? call('party', 'listPosts', { branchId, year }) : Promise.resolve(null)), [branchId, year]);
  const [kind, setKind] = useState<Kind>('先锋岗');
  const [title, setTitle] = useState('');
  const [member, setMember] = useState<Option | null>(null);
  const [error, setError] = useState('');
  const add = useSubmit(async () => {
    setError('');
    if (!member) return setError('请选择党员。');
    if (title.trim().length < 2) return setError('请填写岗位名称，例如 生产线质量先锋岗。');
    try {
      await call('party', 'setPost', { memberId: member.id, year, kind, title: title.trim() });
      void Taro.showToast({ title: '已设立', icon: 'success' });
      setTitle('');
      setMember(null);
      void view.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const remove = useSubmit(async (memberId: string, k: Kind) => {
    setError('');
    try {
      await call('party', 'removePost', { memberId, year, kind: k });
      void view.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const d = view.data;
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <BranchPicker branches={kept} value={branchId} onPick={setPicked} />
          <YearPicker value={year} onPick={setYear} />
        </View>
        <StateView loading={(branches.loading || view.loading) && !d} error={branches.error ?? view.error} empty={(!!d && d.items.length === 0) || (!!branches.data && kept.length === 0)} emptyTitle="本年度尚未设立先锋岗、示范岗" onRetry={() => void view.reload()} rows={4}>
          <View className="rp-card">
            {(d?.items ?? []).map((p) => (
              <View key={`${p.memberId}:${p.kind}`} className="rp-between bw-row-actions">
                <Text className="rp-text rp-grow">{`【${p.kind}】${p.title} · ${p.name}${p.enterpriseName ? ` · ${p.enterpriseName}` : ''}`}</Text>
                {p.memberId ? (
                  <Button size="small" disabled={remove.loading} onClick={() => void remove.run(p.memberId as string, p.kind as Kind)}>
                    撤销
                  </Button>
                ) : null}
              </View>
            ))}
          </View>
        </StateView>
        {branchId ? (
          <View className="rp-card">
            <Text className="rp-title">设立岗位</Text>
            <PickChips label="类别" items={KINDS.map((k) => ({ value: k, label: k }))} selected={kind} onPick={setKind} />
            <TextBox label="岗位名称" value={title} onChange={setTitle} maxLength={30} placeholder="例如 生产线质量先锋岗" />
            <Text className="rp-label">{member ? `党员：${member.name}（点击下方其他姓名可更换）` : '选择党员'}</Text>
            <SearchPick
              id="post-member-pick"
              placeholder="姓名或电话"
              selected={member ? [member.id] : []}
              onPick={setMember}
              fetch={async (q, page) => {
                const r = await call('party', 'listMembers', { branchId, page, ...(q ? { q } : {}) });
                return { items: r.rows.map((m) => ({ id: m.id, name: m.name, sub: m.enterpriseName || undefined })), total: r.total, hasMore: r.page * r.pageSize < r.total };
              }}
              emptyTitle="没有找到党员"
              emptyText="换个姓名搜索；岗位设在本支部的党员身上。"
            />
            <View className="bw-row-actions">
              <Button className="rp-grow" type="primary" size="large" loading={add.loading} onClick={() => void add.run()}>
                设立
              </Button>
            </View>
          </View>
        ) : null}
        {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
      </View>
    </PageShell>
  );
}
