import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ListRow } from '../../../components/ListRow';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { emptyFacts, FactsForm, factParams, factsProblem, type Facts } from '../components/FactsForm';
import { newNonce } from '../../../domain/checkin';
import { SearchPick } from '../components/SearchPick';
import '../branch.scss';

/** 登记党员 (no id: a member already in the branch) or 修改信息 (id). The branch never changes here. */
export default function MemberEdit() {
  const { id, branchId } = useRouter().params;
  const current = useRemote(() => (id ? call('party', 'getMember', { id }) : Promise.resolve(null)), [id]);
  const [f, setF] = useState<Facts>(emptyFacts);
  const [error, setError] = useState('');
  // One per opening of the form: a double tap or a retry registers the member once (upsertMember).
  const [requestId] = useState(() => newNonce());
  // 工作单位 is picked from the park's enterprises (searched by name), never typed as an id.
  const [employer, setEmployer] = useState<{ id: string; name: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const m = current.data?.member;
  useEffect(() => {
    if (!m) return;
    setF({ name: m.name, standing: m.standing, joinedOn: m.joinedOn ?? '', confirmedOn: m.confirmedOn ?? '', relation: m.relation, relationHeldAt: m.relationHeldAt ?? '', phone: m.phone ?? '' });
    setEmployer(m.enterpriseId ? { id: m.enterpriseId, name: m.enterpriseName || '（名称未知）' } : null);
  }, [m]);
  const save = useSubmit(async () => {
    setError('');
    const problem = factsProblem(f);
    if (problem) return setError(problem);
    try {
      const facts = { ...factParams(f), relation: f.relation, relationHeldAt: f.relation === '未转入' ? f.relationHeldAt.trim() || null : null };
      const enterpriseId = employer?.id ?? null;
      await call('party', 'upsertMember', id ? { id, ...facts, enterpriseId } : { branchId, ...facts, enterpriseId, requestId });
      await Taro.showToast({ title: '已保存', icon: 'success' });
      Taro.navigateBack();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={!!id && current.loading && !m} error={current.error} onRetry={() => void current.reload()}>
          <View className="rp-card">
            <FactsForm f={f} set={setF} />
            <View className="bw-pickers" id="member-employer">
              <ListRow title="工作单位" extra={employer?.name ?? '未选择'} />
            </View>
            <View className="bw-row-actions">
              <Button className="rp-grow" size="large" onClick={() => setPicking(!picking)}>
                {picking ? '收起企业列表' : employer ? '更换工作单位' : '选择工作单位'}
              </Button>
              {employer ? (
                <Button className="rp-grow" size="large" onClick={() => setEmployer(null)}>
                  不填工作单位
                </Button>
              ) : null}
            </View>
            {picking ? (
              <>
                <Text className="rp-muted rp-line">输入企业名称中的字词搜索园区企业，点选即可。</Text>
                <SearchPick
                  id="employer-pick"
                  placeholder="企业名称"
                  selected={employer ? [employer.id] : []}
                  onPick={(o) => {
                    setEmployer({ id: o.id, name: o.name });
                    setPicking(false);
                  }}
                  fetch={async (q, page) => {
                    const r = await call('org', 'enterpriseOptions', { page, ...(q ? { q } : {}) });
                    return { items: r.rows.map((e) => ({ id: e.id, name: e.name, sub: e.industry })), total: r.total, hasMore: r.page * r.pageSize < r.total };
                  }}
                  emptyTitle="没有找到企业"
                  emptyText="换个字词搜索；园区企业由管理员在企业台账中登记。"
                />
              </>
            ) : null}
            <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label={id ? '保存修改' : '登记党员'} />
          </View>
        </StateView>
      </View>
    </PageShell>
  );
}
