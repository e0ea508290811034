import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Field } from '../../../components/Field';
import { ServiceMenu } from '../../../components/ServiceMenu';
import { useRemote } from '../../../hooks/useRemote';
import { useResource } from '../../../hooks/useResource';
import { usePrivacyConsent } from '../../../hooks/usePrivacyConsent';
import { call, errorMessage, hasIdentity } from '../../../api/client';
import { meResource } from '../../../store/me';
import { describeScan, launchCode, newNonce, parkHHmm } from '../../../domain/checkin';
import { describeVolunteerScan } from '../../../domain/volunteer';
import { startScan } from '../../../utils/scan';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * The page a scanned code opens (a mini-program code's `scene`, the h5 QR URL's `scene`, or the
 * in-app scanner's `code`): records the visit, greets the person, shows the center's services.
 */
export default function Scan() {
  const router = useRouter();
  const [code, setCode] = useState(() => launchCode(router.params));
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState('');
  // One nonce per code: 重试 after a lost reply reuses it, so the server still records one check-in.
  const nonce = useMemo(() => newNonce(), [code]);
  const me = useResource(meResource, { load: false });
  // A check-in records who was where: it waits for the person's consent (the server refuses without it).
  const consent = usePrivacyConsent({ required: true });
  const waiting = consent.loaded && !consent.accepted;

  const result = useRemote(
    () => (code && hasIdentity() && consent.accepted ? call('checkin', 'scan', { code, nonce }) : Promise.resolve(null)),
    [code, nonce, consent.accepted],
  );
  // A volunteer activity's code signs in or out: the volunteer wording replaces the visit's.
  const v = result.data?.volunteer;
  const view = result.data ? { ...describeScan(result.data, parkHHmm), ...(v ? { ...describeVolunteerScan(v, parkHHmm), time: '' } : {}) } : null;

  const again = IS_WEAPP ? (
    <Button type="primary" size="large" block onClick={() => void startScan()}>
      重新扫码
    </Button>
  ) : null;

  return (
    <PageShell privacy="off">
      <View className="rp-page scan">
        {!code ? (
          <View className="rp-card">
            <Text className="rp-title">扫码签到</Text>
            <Text className="rp-text rp-block">
              {IS_WEAPP
                ? '到访党群服务中心或参加活动时，扫描现场张贴或大屏显示的签到码即可登记。'
                : '请用手机相机或微信“扫一扫”扫描中心现场的签到码；场所签到码也可以粘贴在下面。'}
            </Text>
            <Text className="rp-muted rp-block">签到只记录您是谁、在哪里、什么时间，不获取您的位置。</Text>
            {IS_WEAPP ? (
              <View className="rp-actions">{again}</View>
            ) : (
              <>
                <Field label="场所签到码" value={typed} onChange={(v) => { setTyped(v); setTypedError(''); }} placeholder="例如 v:venue-hall" maxLength={512} error={typedError} />
                <View className="rp-actions">
                  <Button
                    type="primary"
                    size="large"
                    block
                    disabled={!typed.trim()}
                    // Only a venue's (public) code may be typed: an event's rotating code is scanned on site,
                    // so it is not passed on as text (lifecycle L-26).
                    onClick={() => (/^v:|[?&]scene=v(:|%3A)/i.test(typed.trim()) ? setCode(typed.trim()) : setTypedError('活动签到码请在现场用相机或微信扫一扫扫描。'))}
                  >
                    签到
                  </Button>
                </View>
              </>
            )}
          </View>
        ) : waiting ? (
          <View className="rp-card">
            <Text className="rp-title">请先同意隐私保护指引</Text>
            <Text className="rp-text rp-block">签到会记录您是谁、在哪里、什么时间。请先阅读并同意《隐私保护指引》，同意后将自动完成签到。</Text>
            <View className="rp-actions">
              <Button type="primary" size="large" block onClick={consent.ask}>
                查看并同意
              </Button>
            </View>
          </View>
        ) : (
          <StateView loading={(result.loading || !consent.loaded) && !result.data} error={undefined} rows={3}>
            {result.error ? (
              <View className="rp-card scan-result scan-result--error">
                <View className="scan-result__icon scan-result__icon--error">!</View>
                <Text className="scan-result__headline">未能签到</Text>
                <Text className="rp-text scan-result__lead">{errorMessage(result.error)}</Text>
                <View className="rp-actions">
                  <Button size="large" block onClick={() => void result.reload()}>
                    重试
                  </Button>
                  {again}
                </View>
              </View>
            ) : view ? (
              <View className={`rp-card scan-result scan-result--${result.data!.status}`}>
                <View className="scan-result__icon">✓</View>
                <Text className="scan-result__headline">{view.headline}</Text>
                <Text className="scan-result__greeting">{view.greeting}</Text>
                <Text className="rp-text scan-result__lead">{view.lead}</Text>
                {view.detail ? <Text className="rp-muted scan-result__line">{view.detail}</Text> : null}
                {result.data!.status === 'ok' && view.time ? <Text className="rp-muted scan-result__line">{view.time}</Text> : null}
                {result.data!.booking ? (
                  <Text className="rp-text scan-result__line">
                    场馆预约已签到：{result.data!.booking.venueName} {parkHHmm(result.data!.booking.startAt)}–{parkHHmm(result.data!.booking.endAt)}（{result.data!.booking.holderName}）
                  </Text>
                ) : null}
              </View>
            ) : null}
          </StateView>
        )}

        <Text className="rp-section-title">中心服务</Text>
        <StateView loading={me.loading && !me.data} error={!me.data ? me.error : undefined} onRetry={me.reload} rows={2}>
          {me.data ? <ServiceMenu viewer={me.data} phone={me.data.park?.phone} /> : null}
        </StateView>
        <View className="rp-actions">
          <Button size="large" block onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
            返回首页
          </Button>
        </View>
      </View>
      {consent.dialog}
    </PageShell>
  );
}
