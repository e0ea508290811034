import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips, MultiChips } from '../../../components/Chips';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { useForm } from '../../../hooks/useForm';
import { call, errorMessage } from '../../../api/client';
import { parkToday } from '../../../domain/demand';
import { profilePatch, profileToForm, validateProfileForm, type ProfileFormValues } from '../../../domain/policy';
import { toast } from '../../../utils/nav';
import { INDUSTRIES, QUALIFICATIONS } from '../../../../cloudfunctions/policy/terms';
// The labelled input of the profile pages, reused as it is (Taro copies it into this sub-package).
import { Field } from '../../../components/Field';
import { askAt } from '../../../utils/subscribe';
import '../components/policy.scss';

/** The enterprise keeps its own matching profile (行业、规模、营收、成立与入园日期、资质) up to date. */
export default function EnterpriseProfile() {
  const profile = useRemote(() => call('policy', 'myProfile', {}));
  const { form, setForm, set, errors, setErrors, formError, setFormError } = useForm<ProfileFormValues>(null);

  useEffect(() => {
    if (profile.data && !form) setForm(profileToForm(profile.data));
  }, [profile.data, form, setForm]);

  const save = useSubmit(async () => {
    if (!form || !profile.data) return;
    const errs = validateProfileForm(form, parkToday());
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const patch = profilePatch(profile.data, form);
    if (Object.keys(patch).length === 0) {
      toast('没有需要保存的修改');
      return;
    }
    try {
      const after = await call('policy', 'updateMyProfile', patch);
      profile.setData(() => after);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={profile.loading && !form} error={!form ? profile.error : undefined} onRetry={() => void profile.reload()} rows={6}>
          {form && profile.data ? (
            <>
              <View className="rp-card">
                <Text className="rp-title">{profile.data.name}</Text>
                <Text className="rp-muted rp-block">以下信息用于匹配惠企政策，由企业自行填报；申报时中心会核实相关材料，每次修改都会留痕。</Text>
              </View>
              <View className="rp-card">
                <Chips label="所属行业 *" options={INDUSTRIES} value={form.industry} onChange={set('industry')} />
                {errors.industry ? <Text className="rp-error-text">{errors.industry}</Text> : null}
                <Field label="员工人数（人）" type="number" value={form.headcount} onChange={set('headcount')} maxLength={7} error={errors.headcount} placeholder="如 88" />
                <Field label="上年度营业收入（万元）" type="digit" value={form.annualRevenueWan} onChange={set('annualRevenueWan')} maxLength={12} error={errors.annualRevenueWan} placeholder="如 6200" />
                <Field label="成立日期" value={form.foundedAt} onChange={set('foundedAt')} maxLength={10} error={errors.foundedAt} placeholder="如 2019-09-02" />
                <Field label="入园日期" value={form.settledAt} onChange={set('settledAt')} maxLength={10} error={errors.settledAt} placeholder="如 2019-10-15" />
              </View>
              <View className="rp-card">
                <MultiChips label="已认定资质（可多选）" options={QUALIFICATIONS} value={form.qualifications} onChange={set('qualifications')} />
              </View>
              <SubmitBar error={formError} loading={save.loading} onClick={() => {
                // Inside the tap: 新政策匹配 and 申报截止提醒 are what this profile is for.
                void askAt('policyProfile');
                void save.run();
              }} label="保存企业画像" busyLabel="正在保存…" />
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
