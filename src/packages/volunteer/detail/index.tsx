import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Field } from '../../../components/Field';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { call, errorMessage } from '../../../api/client';
import { fmtRange, fmtStamp } from '../../../domain/appointment';
import { phaseTone, placesLine } from '../../../domain/volunteer';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import '../volunteer.scss';

type Ask = 'cancel' | 'close' | 'cancelActivity' | null;

/** One activity: details, places left, the caller's registration (with waitlist position) and what they can do. */
export default function ActivityDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const d = useRemote(() => call('volunteer', 'getActivity', { id }), [id]);
  useReturnReload(() => d.reload());
  const [ask, setAsk] = useState<Ask>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  // A sign-up is personal data: the consent dialog comes first (the server refuses without it).
  const consent = usePrivacyConsent({ auto: true });

  const act = useSubmit(async (run: () => Promise<unknown>, done: string | ((r: any) => string)) => {
    setError('');
    setAsk(null);
    try {
      const r = await run();
      toast(typeof done === 'string' ? done : done(r));
    } catch (e) {
      setError(errorMessage(e));
    }
    await d.reload();
  });

  const a = d.data;
  const mine = a?.mine;
  const signUp = () => {
    if (!consent.accepted) return consent.ask();
    // Inside the tap, before any await: what a volunteer is told later (活动提醒、变更、取消; on the
    // waitlist, also 候补成功). WeChat shows at most three templates per ask.
    void askAt(a && a.placesLeft === 0 ? 'volunteerWaitlist' : 'volunteerSignUp');
    void act.run(
      () => call('volunteer', 'signUp', { activityId: id }),
      (r: { status: string; position?: number }) => (r.status === 'confirmed' ? '报名成功' : `已加入候补，第 ${r.position} 位`),
    );
  };

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={d.loading && !a} error={!a ? d.error : undefined} onRetry={() => void d.reload()} rows={6}>
          {a && (
            <>
              <View className="rp-card">
                <View className="vo-between">
                  <Text className="rp-title">{a.title}</Text>
                  <Text className={`vo-tag vo-tag--${phaseTone(a.phase)}`}>{a.phaseLabel}</Text>
                </View>
                <Text className="rp-muted vo-line">{a.teamName} · {a.category}</Text>
                <Text className="rp-text vo-line">时间：{fmtRange(a.startAt, a.endAt)}</Text>
                <Text className="rp-text vo-line">地点：{a.place}</Text>
                <Text className="rp-text vo-line">报名条件：{a.eligibilityLabel}</Text>
                <Text className="rp-muted vo-line">报名时间：{fmtStamp(a.signupOpensAt)} 至 {fmtStamp(a.signupClosesAt)}</Text>
                <Text className="rp-muted vo-line">取消截止：{fmtStamp(a.cancelClosesAt)}</Text>
                <Text className={`vo-places ${a.placesLeft === 0 ? 'vo-places--full' : ''}`}>{placesLine(a)}</Text>
                {a.tags.length ? (
                  <View className="vo-tags">
                    {a.tags.map((t) => (
                      <Text key={t} className="vo-tag vo-tag--gold">{t}</Text>
                    ))}
                  </View>
                ) : null}
              </View>

              {mine ? (
                <View className="rp-card vo-mine">
                  <View className="vo-between">
                    <Text className="vo-name">我的报名</Text>
                    <Text className={`vo-tag ${mine.status === 'confirmed' ? 'vo-tag--done' : 'vo-tag--gold'}`}>
                      {mine.status === 'waitlisted' && !mine.waitlistLapsed ? `候补第 ${mine.position} 位` : mine.statusLabel}
                    </Text>
                  </View>
                  <Text className="rp-text vo-line">
                    {mine.status === 'confirmed'
                      ? mine.promotedAt
                        ? '候补成功，您已确认参加。请按时到场，现场扫描大屏二维码签到，离开时再扫一次签退。'
                        : '报名成功。请按时到场，现场扫描大屏二维码签到，离开时再扫一次签退。'
                      : mine.waitlistLapsed
                        ? '活动已开始，候补未能递补。感谢您的支持，欢迎关注其他志愿活动。'
                        : `前面还有 ${(mine.position ?? 1) - 1} 人。有人取消时将按报名先后自动递补，递补成功会通知您。`}
                  </Text>
                  {mine.attendanceLabel && mine.attendance !== 'upcoming' ? <Text className="rp-muted vo-line">出勤：{mine.attendanceLabel}</Text> : null}
                  {mine.cancelRefusal && !mine.waitlistLapsed ? <Text className="rp-muted vo-line">{mine.cancelRefusal}</Text> : null}
                </View>
              ) : null}

              {error ? <Text className="rp-error-text vo-line">{error}</Text> : null}
              <View className="rp-actions">
                {!mine && a.canSignUp ? (
                  <Button type="primary" size="large" block loading={act.loading} onClick={signUp}>
                    {act.label(a.placesLeft > 0 ? '立即报名' : '报名候补')}
                  </Button>
                ) : null}
                {!mine && !a.canSignUp ? <Text className="rp-muted rp-block">{whyNot(a)}</Text> : null}
                {mine && !mine.cancelRefusal ? (
                  <Button size="large" block loading={act.loading} onClick={() => setAsk('cancel')}>
                    {act.label(mine.status === 'waitlisted' ? '退出候补' : '取消报名')}
                  </Button>
                ) : null}
              </View>

              {a.description ? (
                <View className="rp-card">
                  <Text className="vo-name vo-head">活动介绍</Text>
                  <Text className="rp-text rp-block">{a.description}</Text>
                </View>
              ) : null}

              {a.admin ? (
                <>
                  <Text className="rp-section-title">组织者</Text>
                  <View className="rp-card">
                    <Text className="rp-muted">已确认 {a.confirmed} / {a.capacity} 人 · 候补 {a.admin.waiting} 人</Text>
                    <View className="vo-row-actions">
                      <Button size="large" onClick={() => go(`${ROUTES.volRoster}?id=${a.id}`)}>活动名单</Button>
                      <Button size="large" onClick={() => go(`${ROUTES.checkinKiosk}?eventId=${a.admin!.eventId}`)}>签到大屏</Button>
                      {a.status !== 'cancelled' ? <Button size="large" onClick={() => go(`${ROUTES.volEdit}?id=${a.id}`)}>编辑活动</Button> : null}
                      {a.status === 'open' ? <Button size="large" onClick={() => setAsk('close')}>截止报名</Button> : null}
                      {a.status !== 'cancelled' && a.phase !== 'ended' ? <Button size="large" onClick={() => { setReason(''); setAsk('cancelActivity'); }}>取消活动</Button> : null}
                    </View>
                  </View>
                </>
              ) : null}
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={ask !== null}
        title={ask === 'cancel' ? (mine?.status === 'waitlisted' ? '退出候补' : '取消报名') : ask === 'close' ? '截止报名' : '取消活动'}
        content={
          <View>
            <Text className="rp-text">
              {ask === 'cancel'
                ? mine?.status === 'confirmed'
                  ? '取消后您的名额会立即递补给候补的志愿者，确定取消吗？'
                  : '退出后将不再为您保留候补位次，确定退出吗？'
                : ask === 'close'
                  ? '截止后不再接受新的报名，已报名和候补的志愿者不受影响。'
                  : '取消后所有已报名和候补的志愿者都会收到通知，且不能恢复。'}
            </Text>
            {ask === 'cancelActivity' ? <Field label="取消原因（必填）" value={reason} onChange={setReason} maxLength={100} placeholder="例如：因天气原因改期" /> : null}
          </View>
        }
        confirmText={ask === 'cancel' ? '确定取消' : ask === 'close' ? '确定截止' : '确定取消活动'}
        cancelText="再想想"
        onConfirm={() => {
          if (ask === 'cancel') void act.run(() => call('volunteer', 'cancel', { activityId: id }), '已取消报名');
          else if (ask === 'close') void act.run(() => call('volunteer', 'closeActivity', { id }), '已截止报名');
          else if (reason.trim().length < 2) toast('请填写取消原因');
          else void act.run(() => call('volunteer', 'cancelActivity', { id, reason: reason.trim() }), '活动已取消，已通知报名的志愿者');
        }}
        onCancel={() => setAsk(null)}
        onClose={() => setAsk(null)}
      />
      {consent.dialog}
    </PageShell>
  );
}

function whyNot(a: { phase: string; eligibility: string; phaseLabel: string }): string {
  if (a.phase === 'signup' && a.eligibility === 'members') return '该活动仅限党员报名；党员请先在“我的”中申请加入支部。';
  if (a.phase === 'not_open') return '报名尚未开始，请在报名开始后再来。';
  if (a.phase === 'signup_closed') return '报名已截止，请关注其他志愿活动。';
  return `活动${a.phaseLabel}，不能报名。`;
}
