import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { parkDateTime, secondsLeft, SIGN_IN_LABEL } from '../../../domain/checkin';
import './index.scss';

/** After a failed refresh (network, event not open yet) the kiosk tries again by itself. */
const RETRY_MS = 15_000;

/**
 * The center's screen (admin only): the code people scan now. For an event it changes every
 * `rotateSeconds`, signed on the server; the countdown comes from the server's clock, not the
 * screen's. Opened with ?eventId= or ?venueId=; without either it asks which.
 */
export default function Kiosk() {
  const { eventId, venueId } = useRouter().params;
  return <PageShell privacy="off">{eventId || venueId ? <Screen eventId={eventId} venueId={venueId} /> : <Chooser />}</PageShell>;
}

function Screen({ eventId, venueId }: { eventId?: string; venueId?: string }) {
  const code = useRemote(() => call('checkin', 'currentCode', eventId ? { eventId } : { venueId }), [eventId, venueId]);
  const [refreshAt, setRefreshAt] = useState(0);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    if (code.loading) return undefined;
    const wait = code.data && !code.error ? code.data.refreshInMs + 300 : RETRY_MS;
    setRefreshAt(Date.now() + wait);
    setNow(Date.now());
    const t = setTimeout(() => void code.reload(), wait);
    return () => clearTimeout(t);
  }, [code.data, code.error, code.loading]);

  const d = code.data;
  const left = secondsLeft(refreshAt, now);
  return (
    <View className="rp-page kiosk">
      <StateView loading={code.loading && !d} error={!d ? code.error : undefined} onRetry={() => void code.reload()} rows={6}>
        {d ? (
          <View className="rp-card kiosk-card">
            <Text className="kiosk-title">{d.title}</Text>
            <Text className="rp-text kiosk-subtitle">{d.subtitle}</Text>
            <View className="kiosk-code-box">
              <Image className="kiosk-image" src={d.image.dataUrl} mode="scaleToFill" />
            </View>
            <Text className="kiosk-hint">
              {d.image.kind === 'wxacode' ? '请打开微信“扫一扫”扫码签到' : '请用手机相机或微信“扫一扫”扫码签到'}
            </Text>
            {d.kind === 'event' ? (
              <Text className="kiosk-countdown">二维码 {left} 秒后更新 · 过期的照片或截图不能签到</Text>
            ) : (
              <Text className="rp-muted">有活动开始时，此屏将自动切换为活动签到码</Text>
            )}
            {code.error ? <Text className="rp-error-text rp-block">刷新失败，稍后将自动重试</Text> : null}
            {/* A venue's code is public anyway; an event's is not printed, so it is not relayed as text. */}
            {d.kind === 'venue' ? <Text className="rp-muted kiosk-code">{d.scene}</Text> : null}
          </View>
        ) : null}
      </StateView>
    </View>
  );
}

function Chooser() {
  const lists = useRemote(() => Promise.all([call('checkin', 'listVenues', {}), call('checkin', 'listEvents', {})]));
  const [venues, events] = lists.data ?? [[], { open: [] }];
  const open = (q: string) => void Taro.navigateTo({ url: `${ROUTES.checkinKiosk}?${q}` });
  const live = events.open;
  return (
    <View className="rp-page">
      <View className="rp-card">
        <Text className="rp-title">选择要显示的签到码</Text>
        <Text className="rp-text rp-block">把这个页面投到中心的屏幕上。活动签到码定时自动更新，过期的照片或截图不能签到。</Text>
      </View>
      <StateView loading={lists.loading && !lists.data} error={lists.error} onRetry={() => void lists.reload()} rows={5}>
        <Text className="rp-section-title">正在签到的活动</Text>
        {live.length ? (
          <ListCard>
            {live.map((e) => (
              <ListRow key={e.id} title={e.title} description={`${parkDateTime(e.startAt)} · ${e.place}`} extra={SIGN_IN_LABEL[e.signIn]} onClick={() => open(`eventId=${e.id}`)} />
            ))}
          </ListCard>
        ) : (
          <View className="rp-card">
            <Text className="rp-muted">现在没有正在签到的活动，可在“签到活动”中创建。</Text>
          </View>
        )}
        <Text className="rp-section-title">场所到访码</Text>
        <ListCard>
          {venues.map((v) => (
            <ListRow key={v.id} title={v.name} description={v.address} onClick={() => open(`venueId=${v.id}`)} />
          ))}
        </ListCard>
      </StateView>
    </View>
  );
}
