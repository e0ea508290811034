import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { MEMBER_STATUS_HINT, MEMBER_STATUS_LABEL } from '../../../domain/profile';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { ConsentNotice } from '../components/ConsentNotice';
import './index.scss';

export default function ApplyMember() {
  const me = useResource(meResource, { load: false });
  const consent = usePrivacyConsent({ required: true });
  const branches = useRemote(() => call('user', 'listBranches', {}));
  const [picked, setPicked] = useState<string | null>(null);
  const bw = useShown(branches.data, 20);
  const [error, setError] = useState('');
  const data = me.data;

  const submit = useSubmit(async () => {
    if (!picked) {
      setError('请先选择您所在的党支部');
      return;
    }
    if (!consent.accepted) {
      consent.ask();
      return;
    }
    setError('');
    try {
      const res = await call('user', 'applyMember', { branchId: picked });
      const cur = meResource.get().data;
      if (cur) meResource.set({ ...cur, memberStatus: res.memberStatus, branch: res.branch });
      void Taro.showToast({ title: '申请已提交', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const hasName = !!data?.profile?.name?.trim();
  const status = data?.memberStatus ?? 'none';

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={me.loading && !data} error={!data ? me.error : undefined} onRetry={me.reload}>
          <View className="rp-card">
            <Text className="rp-title">党员认证：{MEMBER_STATUS_LABEL[status]}</Text>
            <Text className="rp-text rp-block">
              {data?.branch && status !== 'none' ? `支部：${data.branch.name}。` : ''}
              {MEMBER_STATUS_HINT[status]}
            </Text>
          </View>

          {status !== 'approved' && consent.loaded && !consent.accepted && (
            <ConsentNotice what="申请加入党支部" onAsk={consent.ask} />
          )}

          {status !== 'approved' && consent.accepted && !hasName && (
            <View className="rp-card">
              <Text className="rp-title">请先填写真实姓名</Text>
              <Text className="rp-text rp-block">支部书记需要核对您的姓名，请先完善个人资料再提交申请。</Text>
              <View className="rp-actions">
                <Button type="primary" size="large" block onClick={() => go(ROUTES.profileEdit)}>
                  去填写姓名
                </Button>
              </View>
            </View>
          )}

          {status !== 'approved' && consent.accepted && hasName && (
            <>
              <Text className="rp-section-title">{status === 'pending' ? '更换申请的支部' : '选择所在党支部'}</Text>
              <StateView
                loading={branches.loading && !branches.data}
                error={branches.error}
                empty={branches.data?.length === 0}
                emptyTitle="暂无可申请的党支部"
                emptyText="请联系党群服务中心为您所在单位设立或登记党支部。"
                onRetry={branches.reload}
              >
                {bw.shown.map((b) => (
                  <View
                    key={b.id}
                    className={`rp-card apply-branch ${picked === b.id ? 'apply-branch--picked' : ''}`}
                    onClick={() => {
                      setPicked(b.id);
                      setError('');
                    }}
                  >
                    <View className="apply-branch__radio">{picked === b.id ? '✓' : ''}</View>
                    <View className="rp-grow">
                      <Text className="apply-branch__name">{b.name}</Text>
                      {b.form ? <Text className="rp-muted apply-branch__form">{b.form}</Text> : null}
                    </View>
                  </View>
                ))}
                <ShowMore w={bw} />
                {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
                <View className="rp-actions">
                  <Button type="primary" size="large" block loading={submit.loading} onClick={() => void submit.run()}>
                    {submit.loading ? '正在提交…' : '提交申请'}
                  </Button>
                </View>
              </StateView>
            </>
          )}
        </StateView>
      </View>
      {consent.dialog}
    </PageShell>
  );
}
