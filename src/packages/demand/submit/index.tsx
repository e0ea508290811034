import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips } from '../../../components/Chips';
import { TextAreaField } from '../../../components/TextAreaField';
import { useResource } from '../../../hooks/useResource';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { useForm } from '../../../hooks/useForm';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { isEnterprise } from '../../../domain/roles';
import { validateDemandForm, type DemandForm } from '../../../domain/demand';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { CONTACT_WAYS, DEMAND_CATEGORIES, type ContactWay, type DemandCategory, type FilingCategory } from '../../../../cloudfunctions/demand/terms';
import { Field } from '../../../components/Field';
import '../components/demand.scss';

const decode = (s: string | undefined) => {
  try {
    return s ? decodeURIComponent(s) : '';
  } catch {
    return s ?? '';
  }
};

/** An enterprise contact files a demand; from a policy page it arrives as 政策咨询 with the policy attached. */
export default function SubmitDemand() {
  const { params } = useRouter();
  const policyId = params.policyId ?? '';
  const policyTitle = decode(params.policyTitle);
  const me = useResource(meResource, { load: false });
  const consent = usePrivacyConsent({ required: true });
  const initialCategory = (DEMAND_CATEGORIES as readonly string[]).includes(decode(params.category)) ? (decode(params.category) as DemandCategory) : '';
  const { form: filled, set, errors, setErrors, formError, setFormError } = useForm<DemandForm>({
    category: initialCategory,
    title: policyTitle ? `咨询：${policyTitle}`.slice(0, 40) : '',
    description: '',
    contactWay: '电话联系',
    contactPhone: me.data?.profile?.phone ?? '',
  });
  const form = filled!;

  const send = useSubmit(async () => {
    const errs = validateDemandForm(form);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (!consent.accepted) {
      consent.ask();
      return;
    }
    // Inside the tap, before any await: the 诉求办理进度 messages of this demand.
    void askAt('submitDemand');
    try {
      const { id } = await call('demand', 'submit', {
        category: form.category as FilingCategory,
        title: form.title.trim(),
        description: form.description.trim(),
        ...(form.contactWay ? { contactWay: form.contactWay as ContactWay } : {}),
        ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {}),
        ...(policyId ? { policyId } : {}),
      });
      void Taro.showToast({ title: '诉求已提交', icon: 'success' });
      setTimeout(() => void Taro.redirectTo({ url: withQuery(ROUTES.demandDetail, { id }) }).catch(() => undefined), 600);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  const canFile = isEnterprise(me.data?.roles ?? []) && !!me.data?.enterprise;

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={me.loading && !me.data} error={!me.data ? me.error : undefined} onRetry={me.reload}>
          {!canFile ? (
            <View className="rp-card">
              <Text className="rp-title">请先绑定企业</Text>
              <Text className="rp-text rp-block">诉求以企业名义提交。请输入中心发放的企业邀请码完成绑定。</Text>
              <View className="rp-actions">
                <Button type="primary" size="large" block onClick={() => go(ROUTES.redeemInvite)}>
                  绑定企业
                </Button>
              </View>
            </View>
          ) : (
            <>
              <View className="rp-card">
                <Text className="rp-muted">以“{me.data?.enterprise?.name}”的名义提交，带 * 的为必填项。</Text>
                {policyId ? <Text className="rp-text rp-block">咨询的政策：{policyTitle || policyId}</Text> : null}
              </View>
              <View className="rp-card">
                <Chips label="诉求类别 *" options={DEMAND_CATEGORIES} value={form.category as DemandCategory | ''} onChange={set('category')} />
                {errors.category ? <Text className="rp-error-text">{errors.category}</Text> : null}
                <Field label="诉求标题" required value={form.title} onChange={set('title')} maxLength={40} placeholder="一句话概括，如“设备更新贷款对接”" error={errors.title} />
                <TextAreaField
                  label="情况说明"
                  required
                  value={form.description}
                  onChange={set('description')}
                  maxLength={1000}
                  placeholder="请说明遇到的问题、希望中心提供的帮助、时间要求等"
                  error={errors.description}
                />
              </View>
              <View className="rp-card">
                <Chips label="希望的联系方式" options={CONTACT_WAYS} value={form.contactWay as ContactWay | ''} onChange={set('contactWay')} />
                <Field
                  label="联系电话"
                  type="text"
                  value={form.contactPhone}
                  onChange={set('contactPhone')}
                  maxLength={13}
                  placeholder="手机号或座机号（选填）"
                  error={errors.contactPhone}
                  hint="仅用于办理人与您联系"
                />
              </View>
              <SubmitBar error={formError} loading={send.loading} onClick={() => void send.run()} label="提交诉求" />
            </>
          )}
        </StateView>
      </View>
      {consent.dialog}
    </PageShell>
  );
}
