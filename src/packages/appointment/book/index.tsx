import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useResource } from '../../../hooks/useResource';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { fmtRange, fmtStamp, MODE_LABEL, topicError } from '../../../domain/appointment';
import { newNonce } from '../../../domain/checkin';
import { hasRole } from '../../../domain/roles';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { TextBox } from '../../../components/TextBox';
import { askAt } from '../../../utils/subscribe';
import '../appointment.scss';

/** The booking form: the slot and its expert, what the enterprise needs help with, book. */
export default function Book() {
  const { params } = useRouter();
  const slotId = params.slotId ?? '';
  const me = useResource(meResource, { load: false });
  const data = useRemote(() => call('appointment', 'getSlot', { id: slotId }), [slotId]);
  const [topic, setTopic] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const isEnt = hasRole(me.data?.roles ?? [], 'enterprise');

  const submit = useSubmit(async () => {
    const err = topicError(topic);
    if (err) {
      setError(err);
      return;
    }
    setError('');
    // Asked inside the tap, before any await (WeChat only shows the prompt on a user gesture); the
    // booking does not wait for the answer.
    void askAt('book');
    try {
      // One request id per tap: a retry in a rush (api/retry.ts) then answers the booking the first
      // attempt made instead of booking twice or refusing the caller's own booking.
      const b = await call('appointment', 'book', { slotId, topic: topic.trim(), ...(note.trim() ? { note: note.trim() } : {}), requestId: newNonce() });
      void Taro.showToast({ title: b.state === 'confirmed' ? '预约成功' : '已提交预约', icon: 'success' });
      void Taro.redirectTo({ url: `${ROUTES.apptBooking}?id=${b.id}` });
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'CLOSED')) void data.reload();
    }
  });

  const slot = data.data?.slot;
  const expert = data.data?.expert;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={data.loading && !data.data} error={data.error} onRetry={() => void data.reload()}>
          {slot && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">{data.data?.team?.name}</Text>
                <Text className="rp-title ap-line">{fmtRange(slot.startAt, slot.endAt)}</Text>
                <Text className="rp-text ap-line">
                  {MODE_LABEL[slot.mode]} · {slot.place}
                </Text>
              </View>
              {expert && (
                <View className="rp-card">
                  <Text className="ap-name">{expert.name}</Text>
                  <Text className="rp-muted ap-line">{expert.organisation} · {expert.title}</Text>
                  <Text className="rp-text ap-line">擅长：{expert.specialities.join('、')}</Text>
                  {expert.intro ? <Text className="rp-text ap-line">{expert.intro}</Text> : null}
                  <Text className="rp-muted ap-line">{expert.autoConfirm ? '提交后自动确认' : '提交后由专家确认，确认结果会通知您'}</Text>
                </View>
              )}
              {!isEnt ? (
                <View className="rp-card">
                  <Text className="rp-title">需要企业联系人身份</Text>
                  <Text className="rp-text ap-line">发展服务团为园区企业服务，请先用中心发放的企业邀请码绑定企业。</Text>
                  <View className="rp-actions">
                    <Button type="primary" size="large" block onClick={() => go(ROUTES.redeemInvite)}>
                      绑定企业
                    </Button>
                  </View>
                </View>
              ) : slot.lockedUntil ? (
                <View className="rp-card">
                  <Text className="rp-text">该时段目前优先开放给专家的结对企业，{fmtStamp(slot.lockedUntil)} 后开放预约。</Text>
                </View>
              ) : !slot.bookable ? (
                <View className="rp-card">
                  <Text className="rp-text">该时段已被预约或已临近开始，请返回选择其他时段。</Text>
                </View>
              ) : (
                <View className="rp-card">
                  <TextBox id="ap-topic" label="咨询问题（必填）" multiline value={topic} onChange={(v) => { setTopic(v); setError(''); }} placeholder="请简要说明需要专家帮助解决的问题，便于专家提前准备" maxLength={200} />
                  <TextBox id="ap-note" label="补充说明（选填）" value={note} onChange={setNote} placeholder="如希望的沟通方式、需携带的材料" maxLength={300} />
                  {error ? <Text className="rp-error-text ap-line">{error}</Text> : null}
                  <Text className="rp-muted ap-line">开始前 2 小时以外可以在线取消。</Text>
                  <View className="rp-actions">
                    <Button type="primary" size="large" block loading={submit.loading} onClick={() => void submit.run()}>
                      {submit.label('确认预约', '正在提交…')}
                    </Button>
                  </View>
                </View>
              )}
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
