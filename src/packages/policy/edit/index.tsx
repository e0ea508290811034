import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips, MultiChips } from '../../../components/Chips';
import { TextAreaField } from '../../../components/TextAreaField';
import { useSubmit } from '../../../hooks/useSubmit';
import { useForm } from '../../../hooks/useForm';
import { call, errorMessage } from '../../../api/client';
import { EMPTY_POLICY_FORM, policyParams, policyToForm, validatePolicyForm, type PolicyFormValues } from '../../../domain/policy';
import { ROUTES, withQuery } from '../../../domain/routes';
import { INDUSTRIES, POLICY_CATEGORIES, POLICY_LEVELS, QUALIFICATIONS } from '../../../../cloudfunctions/policy/terms';
import { Field } from '../../../components/Field';
import '../components/policy.scss';

/** The min–max pairs of the matching conditions, each drawn as two fields side by side. */
const RANGES = [
  { lo: 'headcountMin', hi: 'headcountMax', labels: ['员工人数不少于', '不超过'], type: 'number', maxLength: 7 },
  { lo: 'revenueMin', hi: 'revenueMax', labels: ['年营收不少于（万元）', '不超过（万元）'], type: 'digit', maxLength: 12 },
  { lo: 'yearsMin', hi: 'yearsMax', labels: ['成立满（年）', '成立未满（年）'], type: 'number', maxLength: 3 },
] as const;

/** Admin: a new policy (no id) or an edit, with its structured matching conditions. */
export default function PolicyEdit() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { form, setForm, set, errors, setErrors, formError, setFormError } = useForm<PolicyFormValues>(id ? null : EMPTY_POLICY_FORM);
  const [loadError, setLoadError] = useState<unknown>(undefined);

  const load = () => {
    setLoadError(undefined);
    call('policy', 'get', { id })
      .then((p) => setForm(policyToForm(p)))
      .catch(setLoadError);
  };
  useEffect(() => {
    if (id) load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const save = useSubmit(async () => {
    if (!form) return;
    const errs = validatePolicyForm(form);
    setErrors(errs);
    if (Object.keys(errs).length) {
      setFormError('请按提示修改标红的项目。');
      return;
    }
    try {
      const r = await call('policy', 'upsertPolicy', { ...(id ? { id } : {}), ...policyParams(form) });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.redirectTo({ url: withQuery(ROUTES.policyDetail, { id: r.id }) }).catch(() => undefined), 600);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  const f = form;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={!f && !loadError} error={loadError} onRetry={load} rows={6}>
          {f ? (
            <>
              <Text className="rp-section-title">基本信息</Text>
              <View className="rp-card">
                <Field label="政策名称" required value={f.title} onChange={set('title')} maxLength={60} error={errors.title} />
                <Field label="发文单位" required value={f.issuer} onChange={set('issuer')} maxLength={40} error={errors.issuer} />
                <Field label="文号" value={f.docNo} onChange={set('docNo')} maxLength={40} error={errors.docNo} />
                <Chips label="政策层级 *" options={POLICY_LEVELS} value={f.level} onChange={set('level')} />
                {errors.level ? <Text className="rp-error-text">{errors.level}</Text> : null}
                <Chips label="政策类别 *" options={POLICY_CATEGORIES} value={f.category} onChange={set('category')} />
                {errors.category ? <Text className="rp-error-text">{errors.category}</Text> : null}
                <Field label="发布日期" required value={f.issuedAt} onChange={set('issuedAt')} maxLength={10} placeholder="2026-01-31" error={errors.issuedAt} />
                <Field label="申报开始" value={f.applyFrom} onChange={set('applyFrom')} maxLength={10} placeholder="不填为即日起" error={errors.applyFrom} />
                <Field label="申报截止" value={f.applyTo} onChange={set('applyTo')} maxLength={10} placeholder="不填为常年受理" error={errors.applyTo} hint="过了截止日期，政策自动显示为“已过期”" />
                <Field label="原文链接" value={f.sourceUrl} onChange={set('sourceUrl')} maxLength={300} placeholder="https://" error={errors.sourceUrl} />
              </View>
              <Text className="rp-section-title">政策内容</Text>
              <View className="rp-card">
                <TextAreaField label="政策概要" required value={f.summary} onChange={set('summary')} maxLength={200} error={errors.summary} rows={3} />
                <TextAreaField label="支持内容" required value={f.benefits} onChange={set('benefits')} maxLength={1000} error={errors.benefits} />
                <TextAreaField label="申报条件（原文）" value={f.conditions} onChange={set('conditions')} maxLength={1000} error={errors.conditions} />
              </View>
              <Text className="rp-section-title">匹配条件（不填即不限）</Text>
              <View className="rp-card">
                <MultiChips label="限定行业" options={INDUSTRIES} value={f.industries} onChange={set('industries')} />
                {RANGES.map((r) => (
                  <View key={r.lo} className="pl-range">
                    {([r.lo, r.hi] as const).map((k, i) => (
                      <View key={k} className="rp-grow">
                        <Field label={r.labels[i]} type={r.type} value={f[k]} onChange={set(k)} maxLength={r.maxLength} error={errors[k]} />
                      </View>
                    ))}
                  </View>
                ))}
                <Field label="入园未满（年）" type="number" value={f.settledWithinYears} onChange={set('settledWithinYears')} maxLength={2} error={errors.settledWithinYears} />
                <MultiChips label="须全部认定的资质" options={QUALIFICATIONS} value={f.qualificationsAll} onChange={set('qualificationsAll')} />
                <MultiChips label="认定其一即可的资质" options={QUALIFICATIONS} value={f.qualificationsAny} onChange={set('qualificationsAny')} />
              </View>
              <SubmitBar error={formError} loading={save.loading} onClick={() => void save.run()} label={id ? '保存修改' : '发布政策'} busyLabel="正在保存…" />
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
