import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { groupBranchChoices } from '../../../domain/study';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import { useResource } from '../../../hooks/useResource';
import '../study.scss';

/** Admins and secretaries create a branch's study group or a topic group. */
export default function Create() {
  // Only the branches the caller may create a group for (a secretary's own; an admin's all): G-22.
  const branches = useRemote(() => call('org', 'listOrgBranches', {}));
  const choices = groupBranchChoices(branches.data?.branches ?? []);
  const [kind, setKind] = useState<'branch' | 'topic'>('branch');
  const [branchId, setBranchId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState('');

  const create = useSubmit(async () => {
    setError('');
    try {
      const chosen = branchId ?? choices.preset;
      const g = await call('study', 'createGroup', { name: name.trim(), kind, ...(kind === 'branch' && chosen ? { branchId: chosen } : {}), description: description.trim() });
      void Taro.redirectTo({ url: `${ROUTES.studyManage}?groupId=${g.id}` });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title st-head">创建学习小组</Text>
          <Text className="rp-muted">支部学习小组面向本支部党员；主题学习小组（如青年党员学习小组）可跨支部参加。创建后可分享到微信群或用邀请码邀请成员。</Text>
          <PickChips items={[{ value: 'branch' as const, label: '支部学习小组' }, { value: 'topic' as const, label: '主题学习小组' }]} selected={kind} onPick={setKind} />
          {kind === 'branch' && (
            <StateView loading={branches.loading && !branches.data} error={branches.error} onRetry={() => void branches.reload()}>
              {choices.hint ? <Text className="rp-muted st-line">{choices.hint}</Text> : <PickChips label="所属支部" items={choices.items} selected={branchId ?? choices.preset} onPick={setBranchId} />}
            </StateView>
          )}
          <TextBox label="小组名称" value={name} onChange={setName} placeholder="如：星河湾产业园联合党支部学习小组" maxLength={30} />
          <TextBox label="小组简介（选填）" multiline value={description} onChange={setDescription} maxLength={200} />
          {error ? <Text className="rp-error-text st-line">{error}</Text> : null}
          <View className="rp-actions">
            <Button type="primary" size="large" block loading={create.loading} onClick={() => void create.run()}>
              {create.loading ? '正在创建…' : '创建小组'}
            </Button>
          </View>
        </View>
      </View>
    </PageShell>
  );
}
