import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useResource } from '../../../hooks/useResource';
import { useSubmit } from '../../../hooks/useSubmit';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { profilePatch, validateProfile, type ProfileErrors, type ProfileForm } from '../../../domain/profile';
import { toast } from '../../../utils/nav';
import { Field } from '../../../components/Field';
import { ConsentNotice } from '../components/ConsentNotice';

export default function EditProfile() {
  const me = useResource(meResource, { load: false });
  const consent = usePrivacyConsent({ required: true });
  const [form, setForm] = useState<ProfileForm>({ name: '', phone: '', organisation: '' });
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [formError, setFormError] = useState('');
  const [filled, setFilled] = useState(false);

  // Fill the form once from the current profile.
  useEffect(() => {
    if (me.data && !filled) {
      const p = me.data.profile ?? {};
      setForm({ name: p.name ?? '', phone: p.phone ?? '', organisation: p.organisation ?? '' });
      setFilled(true);
    }
  }, [me.data, filled]);

  const set = (k: keyof ProfileForm) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
    setFormError('');
  };

  const save = useSubmit(async () => {
    const errs = validateProfile(form);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (!consent.accepted) {
      consent.ask();
      return;
    }
    const patch = profilePatch(me.data?.profile ?? {}, form);
    if (Object.keys(patch).length === 0) {
      toast('没有需要保存的修改');
      return;
    }
    try {
      const { profile } = await call('user', 'updateProfile', patch);
      const cur = meResource.get().data;
      if (cur) meResource.set({ ...cur, profile });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={me.loading && !me.data} error={!me.data ? me.error : undefined} onRetry={me.reload}>
          {consent.loaded && !consent.accepted ? (
            <ConsentNotice what="填写个人资料" onAsk={consent.ask} />
          ) : (
            <>
              <Text className="rp-muted rp-edit-lead">带 * 的为必填项。您的信息仅用于党群服务，可随时修改。</Text>
              <View className="rp-card">
                <Field label="姓名" required value={form.name} onChange={set('name')} placeholder="请输入真实姓名" maxLength={20} error={errors.name} />
                <Field
                  label="手机号"
                  value={form.phone}
                  onChange={set('phone')}
                  placeholder="11 位手机号（选填）"
                  type="number"
                  maxLength={11}
                  error={errors.phone}
                  hint="仅用于党群服务中心与您联系"
                />
                <Field
                  label="工作单位"
                  value={form.organisation}
                  onChange={set('organisation')}
                  placeholder="所在企业或单位（选填）"
                  maxLength={50}
                  error={errors.organisation}
                />
              </View>
              {formError ? <Text className="rp-error-text rp-block">{formError}</Text> : null}
              <View className="rp-actions">
                <Button type="primary" size="large" block loading={save.loading} onClick={() => void save.run()}>
                  {save.loading ? '正在保存…' : '保存'}
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
