import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Field } from '../../../components/Field';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { usePaged } from '../../../hooks/usePaged';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { parkDate, parkDateTime, parkHHmm, SIGN_IN_LABEL } from '../../../domain/checkin';
import { toast } from '../../../utils/nav';
import './index.scss';

const DURATIONS = [
  { label: '1 小时', minutes: 60 },
  { label: '2 小时', minutes: 120 },
  { label: '3 小时', minutes: 180 },
  { label: '半天（4 小时）', minutes: 240 },
];
const ROTATIONS = [15, 30, 60];

/** `YYYY-MM-DD HH:mm` (park time) `minutes` after the given one. */
function plusMinutes(day: string, time: string, minutes: number): string {
  const start = new Date(`${day}T${time}:00+08:00`).getTime() + minutes * 60_000;
  const iso = new Date(start).toISOString();
  return `${parkDate(new Date(start))} ${parkHHmm(iso)}`;
}

/** Admin: events people sign in to with the kiosk's rotating code; create one, open its screen. */
export default function Events() {
  const venueList = useRemote(() => call('checkin', 'listVenues', {}));
  const venues = venueList.data ?? [];
  // Newest first, a page at a time: a busy center has more events than one reply carries.
  const events = usePaged((page) => call('checkin', 'listEvents', { page }), []);
  const now = new Date();
  const [title, setTitle] = useState('');
  const [venueIndex, setVenueIndex] = useState(0);
  const [day, setDay] = useState(parkDate(now));
  const [time, setTime] = useState(parkHHmm(now.toISOString()));
  const [duration, setDuration] = useState(1);
  const [rotation, setRotation] = useState(1);
  const [error, setError] = useState('');

  const create = useSubmit(async () => {
    if (!title.trim()) {
      setError('请填写活动名称');
      return;
    }
    const venue = venues[venueIndex];
    try {
      const made = await call('checkin', 'createEvent', {
        title: title.trim(),
        venueId: venue?.id,
        startAt: `${day} ${time}`,
        endAt: plusMinutes(day, time, DURATIONS[duration].minutes),
        rotateSeconds: ROTATIONS[rotation],
      });
      toast('活动已创建');
      setTitle('');
      void events.reload();
      if (made.signIn === 'open') void Taro.navigateTo({ url: `${ROUTES.checkinKiosk}?eventId=${made.id}` });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">新建签到活动</Text>
          <Field label="活动名称" required value={title} onChange={(v) => { setTitle(v); setError(''); }} maxLength={40} placeholder="例如 主题党日活动" error={error} />
          <Picker mode="selector" range={venues.map((v) => v.name)} value={venueIndex} onChange={(e) => setVenueIndex(Number(e.detail.value))}>
            <ListRow title="地点" extra={venues[venueIndex]?.name ?? '加载中…'} onClick={() => undefined} />
          </Picker>
          <Picker mode="date" value={day} onChange={(e) => setDay(String(e.detail.value))}>
            <ListRow title="日期" extra={day} onClick={() => undefined} />
          </Picker>
          <Picker mode="time" value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <ListRow title="开始时间" extra={time} onClick={() => undefined} />
          </Picker>
          <Picker mode="selector" range={DURATIONS.map((d) => d.label)} value={duration} onChange={(e) => setDuration(Number(e.detail.value))}>
            <ListRow title="时长" extra={DURATIONS[duration].label} onClick={() => undefined} />
          </Picker>
          <Picker mode="selector" range={ROTATIONS.map((s) => `${s} 秒`)} value={rotation} onChange={(e) => setRotation(Number(e.detail.value))}>
            <ListRow title="签到码更新间隔" extra={`${ROTATIONS[rotation]} 秒`} onClick={() => undefined} />
          </Picker>
          <Text className="rp-muted rp-block">开始前 1 小时至结束期间可以签到；每人每个活动只记一次。</Text>
          <View className="rp-actions">
            <Button type="primary" size="large" block loading={create.loading} onClick={() => void create.run()}>
              创建并打开签到大屏
            </Button>
          </View>
        </View>

        <Text className="rp-section-title">最近的活动</Text>
        <StateView loading={events.loading} error={events.items.length ? undefined : events.error} empty={events.items.length === 0} emptyTitle="还没有签到活动" emptyText="创建后可在中心大屏上显示签到码。" onRetry={() => void events.reload()}>
          <ListCard>
            {events.items.map((e) => (
              <ListRow
                key={e.id}
                title={e.title}
                description={`${parkDateTime(e.startAt)} · ${e.place}`}
                extra={<Tag className={e.signIn === 'open' ? 'events-tag events-tag--open' : 'events-tag'}>{SIGN_IN_LABEL[e.signIn]}</Tag>}
                onClick={e.signIn === 'open' ? () => void Taro.navigateTo({ url: `${ROUTES.checkinKiosk}?eventId=${e.id}` }) : undefined}
              />
            ))}
          </ListCard>
          {events.hasMore || (events.error && events.items.length) ? (
            <View className="rp-actions">
              {events.error ? <Text className="rp-error-text rp-block">{errorMessage(events.error)}</Text> : null}
              <Button size="large" block loading={events.loadingMore} onClick={() => void events.more()}>
                {events.error ? '重试' : '加载更早的活动'}
              </Button>
            </View>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
