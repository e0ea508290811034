import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import { SubmitBar } from '../../../components/SubmitBar';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { DateRow, parkToday } from '../components/shared';
import '../branch.scss';

/**
 * mode=between: ask to move the member to another park branch (its secretary confirms);
 * mode=out: 转出 with a 介绍信 to an organisation outside the park.
 */
export default function Move() {
  const { memberId = '', mode } = useRouter().params;
  const out = mode === 'out';
  const member = useRemote(() => call('party', 'getMember', { id: memberId }), [memberId]);
  // Every park branch is a destination, not only those the caller keeps.
  const branches = useRemote(() => (out ? Promise.resolve([]) : call('user', 'listBranches', {})), [out]);
  const [toBranchId, setTo] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(parkToday());
  const [note, setNote] = useState('');
  const [outsideOrg, setOutsideOrg] = useState('');
  const [letterNo, setLetterNo] = useState('');
  const [letterDate, setLetterDate] = useState(parkToday());
  const [error, setError] = useState('');
  const m = member.data?.member;
  const save = useSubmit(async () => {
    setError('');
    try {
      if (out) {
        if (!outsideOrg.trim() || !letterNo.trim()) return setError('请填写转入的党组织和介绍信编号。');
        await call('party', 'transferOut', { memberId, outsideOrg: outsideOrg.trim(), letterNo: letterNo.trim(), letterDate, effectiveOn });
      } else {
        if (!toBranchId) return setError('请选择转入的支部。');
        await call('party', 'requestTransfer', { memberId, toBranchId, effectiveOn, ...(note.trim() ? { note: note.trim() } : {}) });
      }
      await Taro.showToast({ title: out ? '已办理转出' : '已提交，待对方确认', icon: 'success' });
      Taro.navigateBack();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const choices = (branches.data ?? []).filter((b) => b.id !== m?.branchId).map((b) => ({ value: b.id, label: b.name }));
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={member.loading && !m} error={member.error} onRetry={() => void member.reload()}>
          {m && (
            <View className="rp-card">
              <Text className="rp-title">{out ? `${m.name} 转出园区` : `${m.name} 转到园区其他支部`}</Text>
              <Text className="rp-muted rp-line">当前支部：{m.branchName}</Text>
              {out ? (
                <>
                  <TextBox label="转入党组织" value={outsideOrg} onChange={setOutsideOrg} maxLength={60} />
                  <TextBox label="介绍信编号" value={letterNo} onChange={setLetterNo} maxLength={30} />
                  <DateRow title="介绍信日期" value={letterDate} end={parkToday()} onChange={setLetterDate} />
                </>
              ) : (
                <>
                  <PickChips label="转入支部" items={choices} selected={toBranchId} onPick={setTo} window={20} />
                  <TextBox label="备注（选填）" value={note} onChange={setNote} maxLength={200} />
                </>
              )}
              <DateRow title="生效日期" value={effectiveOn} onChange={setEffectiveOn} />
              <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label={out ? '办理转出' : '提交转接申请'} />
            </View>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
