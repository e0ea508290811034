import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useResource } from '../../../hooks/useResource';
import { useSubmit } from '../../../hooks/useSubmit';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { ConsentNotice } from '../components/ConsentNotice';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { inviteCodeError, normaliseInviteCode } from '../../../domain/profile';
import { Field } from '../../../components/Field';

export default function RedeemInvite() {
  const me = useResource(meResource, { load: false });
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  // Binding makes the person an enterprise contact the park sees: consent first, as for the profile.
  const consent = usePrivacyConsent({ required: true });

  const submit = useSubmit(async () => {
    const c = normaliseInviteCode(code);
    const err = inviteCodeError(c);
    if (err) {
      setError(err);
      return;
    }
    try {
      await call('user', 'redeemInvite', { code: c });
      // Roles changed too (企业联系人): read them back from the server.
      await meResource.load({ force: true }).catch(() => undefined);
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const ent = me.data?.enterprise;

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={me.loading && !me.data} error={!me.data ? me.error : undefined} onRetry={me.reload}>
          {consent.loaded && !consent.accepted ? (
            <ConsentNotice what="绑定企业" onAsk={consent.ask} />
          ) : ent ? (
            <View className="rp-card">
              <Text className="rp-title">已绑定企业</Text>
              <Text className="rp-text rp-block">您是“{ent.name}”的企业联系人，可以代表企业预约服务、提交诉求。</Text>
              <Text className="rp-muted rp-block">如需更换企业，请联系党群服务中心。</Text>
            </View>
          ) : (
            <>
              <View className="rp-card">
                <Text className="rp-title">绑定企业联系人</Text>
                <Text className="rp-text rp-block">
                  请输入党群服务中心发放给贵企业的邀请码。绑定后，您可以代表企业预约发展服务团、提交诉求和领取政策礼包。
                </Text>
              </View>
              <View className="rp-card">
                <Field
                  label="邀请码"
                  required
                  value={code}
                  onChange={(v) => {
                    setCode(v);
                    setError('');
                  }}
                  placeholder="6–12 位字母或数字"
                  maxLength={16}
                  error={error}
                />
              </View>
              <View className="rp-actions">
                <Button type="primary" size="large" block loading={submit.loading} onClick={() => void submit.run()}>
                  {submit.loading ? '正在绑定…' : '绑定企业'}
                </Button>
              </View>
            </>
          )}
        </StateView>
      </View>
      {consent.dialog}
    </PageShell>
  );
}
