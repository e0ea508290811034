import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { emptyFacts, FactsForm, factParams, factsProblem, type Facts } from '../components/FactsForm';
import { newNonce } from '../../../domain/checkin';
import '../branch.scss';

/** 登记党员 (no id: a member already in the branch) or 修改信息 (id). The branch never changes here. */
export default function MemberEdit() {
  const { id, branchId } = useRouter().params;
  const current = useRemote(() => (id ? call('party', 'getMember', { id }) : Promise.resolve(null)), [id]);
  const [f, setF] = useState<Facts>(emptyFacts);
  const [error, setError] = useState('');
  // One per opening of the form: a double tap or a retry registers the member once (upsertMember).
  const [requestId] = useState(() => newNonce());
  const m = current.data?.member;
  useEffect(() => {
    if (!m) return;
    setF({ name: m.name, standing: m.standing, joinedOn: m.joinedOn ?? '', confirmedOn: m.confirmedOn ?? '', relation: m.relation, relationHeldAt: m.relationHeldAt ?? '', phone: m.phone ?? '' });
  }, [m]);
  const save = useSubmit(async () => {
    setError('');
    const problem = factsProblem(f);
    if (problem) return setError(problem);
    try {
      const facts = { ...factParams(f), relation: f.relation, relationHeldAt: f.relation === '未转入' ? f.relationHeldAt.trim() || null : null };
      await call('party', 'upsertMember', id ? { id, ...facts, enterpriseId: m?.enterpriseId ?? null } : { branchId, ...facts, requestId });
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
            <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label={id ? '保存修改' : '登记党员'} />
          </View>
        </StateView>
      </View>
    </PageShell>
  );
}
