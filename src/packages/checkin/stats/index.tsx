import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { barPercent, lastDays } from '../../../domain/checkin';
import './index.scss';

const PRESETS = [
  { label: '近 7 天', days: 7 },
  { label: '近 30 天', days: 30 },
  { label: '近 90 天', days: 90 },
];

interface Row {
  key: string;
  label: string;
  visits: number;
  people: number;
}

/** Visits and unique people by day, venue and event (tables with bars; charts come with the admin console). */
export default function Stats() {
  const [preset, setPreset] = useState(0);
  const range = lastDays(PRESETS[preset].days);
  const figures = useRemote(() => call('checkin', 'stats', range), [range.from, range.to]);
  usePullDownRefresh(() => {
    void figures.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const d = figures.data;

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-row stats-presets">
          {PRESETS.map((p, i) => (
            <Button key={p.label} className="rp-grow" size="large" type={i === preset ? 'primary' : 'default'} onClick={() => setPreset(i)}>
              {p.label}
            </Button>
          ))}
        </View>
        <StateView loading={figures.loading && !d} error={figures.error} onRetry={() => void figures.reload()} rows={6}>
          {d ? (
            <>
              <View className="rp-row stats-totals">
                <View className="rp-card rp-grow stats-total">
                  <Text className="stats-total__value">{d.totals.visits}</Text>
                  <Text className="rp-muted">到访人次</Text>
                </View>
                <View className="rp-card rp-grow stats-total">
                  <Text className="stats-total__value">{d.totals.people}</Text>
                  <Text className="rp-muted">到访人数</Text>
                </View>
              </View>
              <Text className="rp-muted stats-range">
                {d.from} 至 {d.to}
              </Text>
              <Table title="每日到访" rows={d.byDay.map((r) => ({ key: r.day, label: r.day.slice(5), visits: r.visits, people: r.people }))} />
              <Table title="各场所" rows={d.byVenue.map((r) => ({ key: r.venueId, label: r.name, visits: r.visits, people: r.people }))} />
              <Table title="各活动签到" rows={d.byEvent.map((r) => ({ key: r.eventId, label: r.title, visits: r.visits, people: r.people }))} />
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}

function Table({ title, rows }: { title: string; rows: Row[] }) {
  const max = Math.max(0, ...rows.map((r) => r.visits));
  return (
    <>
      <Text className="rp-section-title">{title}</Text>
      <View className="rp-card stats-table">
        {rows.length === 0 ? <Text className="rp-muted">这段时间没有记录。</Text> : null}
        {rows.map((r) => (
          <View key={r.key} className="stats-row">
            <View className="rp-row">
              <Text className="rp-grow stats-row__label">{r.label}</Text>
              <Text className="stats-row__value">
                {r.visits} 人次 · {r.people} 人
              </Text>
            </View>
            <View className="stats-bar">
              <View className="stats-bar__fill" style={{ width: `${barPercent(r.visits, max)}%` }} />
            </View>
          </View>
        ))}
      </View>
    </>
  );
}
