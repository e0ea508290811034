import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { TextAreaField } from '../../../components/TextAreaField';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useSubmit } from '../../../hooks/useSubmit';
import { useForm } from '../../../hooks/useForm';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { useResource } from '../../../hooks/useResource';
import { askAt } from '../../../utils/subscribe';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { COMPLAINT_TOPICS, COMPLAINT_TYPES, validateComplaint, type ComplaintForm, type ComplaintTopic, type ComplaintType } from '../../../domain/complaint';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../components/demand.scss';

/**
 * 投诉建议: anyone (an employee, a visitor, an enterprise contact) tells the center what went wrong
 * or could be better — the center itself included. Only the center's admins see it; it is answered
 * within its service level and can be rated like any demand.
 */
export default function FileComplaint() {
  const me = useResource(meResource, { load: false });
  const consent = usePrivacyConsent({ required: true });
  const { form: filled, set, errors, setErrors, formError, setFormError } = useForm<ComplaintForm>({
    type: '',
    topic: '',
    title: '',
    description: '',
    contactPhone: me.data?.profile?.phone ?? '',
  });
  const form = filled!;

  const send = useSubmit(async () => {
    const errs = validateComplaint(form);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    if (!consent.accepted) {
      consent.ask();
      return;
    }
    // Inside the tap, before any await: the reply to this 投诉建议.
    void askAt('fileComplaint');
    try {
      const { id } = await call('demand', 'fileComplaint', {
        type: form.type as ComplaintType,
        topic: form.topic as ComplaintTopic,
        title: form.title.trim(),
        description: form.description.trim(),
        ...(form.contactPhone.trim() ? { contactPhone: form.contactPhone.trim() } : {}),
      });
      void Taro.showToast({ title: '已提交', icon: 'success' });
      setTimeout(() => void Taro.redirectTo({ url: withQuery(ROUTES.demandDetail, { id }) }).catch(() => undefined), 600);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-text rp-block">
            对党群服务中心、服务专家、园区管理或小程序本身有意见或建议，都可以在这里提出。只有中心的管理员能看到，一般 10 个工作日内答复，办理进度可在“我的投诉建议”查看。
          </Text>
        </View>
        <View className="rp-card">
          <Chips label="类型 *" options={COMPLAINT_TYPES} value={form.type} onChange={set('type')} />
          {errors.type ? <Text className="rp-error-text">{errors.type}</Text> : null}
          <Chips label="涉及方面 *" options={COMPLAINT_TOPICS} value={form.topic} onChange={set('topic')} />
          {errors.topic ? <Text className="rp-error-text">{errors.topic}</Text> : null}
          <Field label="标题" required value={form.title} onChange={set('title')} maxLength={40} placeholder="一句话概括，如“窗口午休无人值班”" error={errors.title} />
          <TextAreaField
            label="具体情况"
            required
            value={form.description}
            onChange={set('description')}
            maxLength={1000}
            placeholder="请说明时间、地点、经过，以及您的建议"
            error={errors.description}
          />
          <Field
            label="联系电话"
            value={form.contactPhone}
            onChange={set('contactPhone')}
            maxLength={13}
            placeholder="手机号或座机号（选填）"
            error={errors.contactPhone}
            hint="仅用于中心与您联系核实"
          />
        </View>
        <SubmitBar error={formError} loading={send.loading} onClick={() => void send.run()} label="提交" />
        <ListCard>
          <ListRow title="我的投诉建议" onClick={() => go(ROUTES.demandComplaints)} />
        </ListCard>
      </View>
      {consent.dialog}
    </PageShell>
  );
}
