import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { ApiError, call, errorMessage } from '../../../api/client';
import { displayName } from '../../../domain/profile';
import { toast } from '../../../utils/nav';
import './index.scss';

interface Decision {
  openid: string;
  name: string;
  approve: boolean;
}

/** Secretaries and admins approve or reject applications to join a branch. */
export default function PendingMembers() {
  const list = useRemote(async () => {
    const [pending, branches] = await Promise.all([
      call('user', 'pendingMembers', {}),
      call('user', 'listBranches', {}),
    ]);
    const branchName = new Map(branches.map((b) => [b.id, b.name]));
    return pending.map((p) => ({ ...p, branchName: (p.branchId && branchName.get(p.branchId)) || '' }));
  });
  const [decision, setDecision] = useState<Decision | null>(null);

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const confirm = async () => {
    if (!decision) return;
    try {
      await call('user', 'approveMember', { openid: decision.openid, approve: decision.approve });
      list.setData((d) => d?.filter((p) => p.openid !== decision.openid));
      toast(decision.approve ? `已通过${decision.name}的申请` : `已退回${decision.name}的申请`);
    } catch (e) {
      toast(errorMessage(e));
      if (e instanceof ApiError && e.code === 'CONFLICT') void list.reload();
    }
  };

  return (
    <PageShell>
      <View className="rp-page">
        <StateView
          loading={list.loading && !list.data}
          error={list.error}
          empty={list.data?.length === 0}
          emptyTitle="暂无待审批的申请"
          emptyText="有新的入支部申请时会显示在这里。"
          onRetry={() => void list.reload()}
        >
          <Text className="rp-muted pending-count">共 {list.data?.length ?? 0} 条待审批申请</Text>
          {list.data?.map((p) => (
            <View key={p.openid} className="rp-card pending-item">
              <Text className="pending-item__name">{displayName({ name: p.name })}</Text>
              <Text className="rp-muted">申请加入：{p.branchName || '（支部已不存在）'}</Text>
              <View className="rp-row pending-item__actions">
                <Button
                  className="rp-grow"
                  size="large"
                  onClick={() => setDecision({ openid: p.openid, name: displayName({ name: p.name }), approve: false })}
                >
                  退回
                </Button>
                <Button
                  className="rp-grow"
                  type="primary"
                  size="large"
                  onClick={() => setDecision({ openid: p.openid, name: displayName({ name: p.name }), approve: true })}
                >
                  通过
                </Button>
              </View>
            </View>
          ))}
        </StateView>
      </View>
      <Dialog
        visible={!!decision}
        title={decision?.approve ? '确认通过申请' : '确认退回申请'}
        content={
          decision
            ? decision.approve
              ? `通过后，${decision.name}将成为本支部已认证党员，可参加支部学习。`
              : `退回后，${decision.name}需要重新提交申请。`
            : ''
        }
        confirmText={decision?.approve ? '确认通过' : '确认退回'}
        cancelText="再想想"
        onConfirm={confirm}
        onCancel={() => setDecision(null)}
        onClose={() => setDecision(null)}
      />
    </PageShell>
  );
}
