import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { emptyFacts, FactsForm, factParams, factsProblem, type Facts } from '../components/FactsForm';
import { BranchPicker, DateRow, parkToday, useKeptBranches } from '../components/shared';
import '../branch.scss';

/** 转入: a member arrives from outside the park with a 介绍信; the receiving branch registers them. */
export default function TransferIn() {
  const branches = useKeptBranches();
  const [branchId, setBranchId] = useState(useRouter().params.branchId ?? '');
  const [f, setF] = useState<Facts>(emptyFacts);
  const [outsideOrg, setOutsideOrg] = useState('');
  const [letterNo, setLetterNo] = useState('');
  const [letterDate, setLetterDate] = useState(parkToday());
  const [effectiveOn, setEffectiveOn] = useState(parkToday());
  const [error, setError] = useState('');
  const kept = branches.data ?? [];
  const target = branchId || (kept.length === 1 ? kept[0].id : '');
  const save = useSubmit(async () => {
    setError('');
    if (!target) return setError('请选择转入的支部。');
    const problem = factsProblem(f);
    if (problem) return setError(problem);
    if (!outsideOrg.trim() || !letterNo.trim()) return setError('请填写转出党组织和介绍信编号。');
    try {
      await call('party', 'transferIn', { ...factParams(f), branchId: target, outsideOrg: outsideOrg.trim(), letterNo: letterNo.trim(), letterDate, effectiveOn });
      await Taro.showToast({ title: '已登记转入', icon: 'success' });
      Taro.navigateBack();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">组织关系转入登记</Text>
          <BranchPicker branches={kept} value={target} onPick={setBranchId} />
          {kept.length === 1 ? <Text className="rp-muted rp-line">转入 {kept[0].name}</Text> : null}
          <FactsForm f={f} set={setF} noRelation />
          <TextBox id="letter-org" label="转出党组织" value={outsideOrg} onChange={setOutsideOrg} maxLength={60} placeholder="介绍信上的党组织名称" />
          <TextBox id="letter-no" label="介绍信编号" value={letterNo} onChange={setLetterNo} maxLength={30} />
          <DateRow title="介绍信日期" value={letterDate} end={parkToday()} onChange={setLetterDate} />
          <DateRow title="转入生效日期" value={effectiveOn} onChange={setEffectiveOn} />
          <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="登记转入" />
        </View>
      </View>
    </PageShell>
  );
}
