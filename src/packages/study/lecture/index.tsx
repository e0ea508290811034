import { useState } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { fmtDay, fmtRange } from '../../../domain/appointment';
import { parkDayAfter } from '../../../domain/study';
import { go } from '../../../utils/nav';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import { ListRow } from '../../../components/ListRow';
import '../study.scss';

/**
 * 大党课 (admins): a check-in event of kind 'lecture'. Attendance is taken by scanning the
 * rotating code on the center's screen (签到大屏), and members see it in 我的学习.
 */
export default function Lecture() {
  const venues = useRemote(() => call('checkin', 'listVenues', {}));
  const [title, setTitle] = useState('');
  const [venueId, setVenueId] = useState<string | null>('venue-school');
  const [day, setDay] = useState(parkDayAfter(7));
  const [start, setStart] = useState('14:30');
  const [end, setEnd] = useState('16:30');
  const [error, setError] = useState('');
  const [made, setMade] = useState<Result<'study', 'createLecture'> | null>(null);

  const create = useSubmit(async () => {
    setError('');
    try {
      setMade(await call('study', 'createLecture', { title: title.trim(), ...(venueId ? { venueId } : {}), startAt: `${day.trim()} ${start.trim()}`, endAt: `${day.trim()} ${end.trim()}` }));
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        {made ? (
          <View className="rp-card">
            <Text className="rp-title">{made.title}</Text>
            <Text className="rp-text st-line">{fmtRange(made.startAt, made.endAt)} · {made.place}</Text>
            <Text className="rp-muted st-line">开始前 1 小时起，在中心大屏打开签到码，党员扫码即计出勤。</Text>
            <View className="rp-actions">
              <Button type="primary" size="large" block onClick={() => go(`${ROUTES.checkinKiosk}?eventId=${made.id}`)}>
                打开签到大屏
              </Button>
            </View>
          </View>
        ) : (
          <View className="rp-card">
            <Text className="rp-title st-head">安排大党课</Text>
            <TextBox label="党课名称" value={title} onChange={setTitle} placeholder="如：第一季度大党课" maxLength={40} />
            <StateView loading={venues.loading && !venues.data} error={venues.error} onRetry={() => void venues.reload()}>
              <PickChips label="地点" items={(venues.data ?? []).map((v) => ({ value: v.id, label: v.name }))} selected={venueId} onPick={setVenueId} />
            </StateView>
            {/* Pickers, as on the org-life form (G-22: typed dates and times were easy to get wrong); they give the YYYY-MM-DD and HH:mm the server reads. */}
            <View className="st-pickers">
              <Picker mode="date" value={day} onChange={(e) => setDay(String(e.detail.value))}>
                <ListRow title="日期" extra={fmtDay(`${day}T12:00:00+08:00`)} onClick={() => undefined} />
              </Picker>
              <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
                <ListRow title="开始时间" extra={start} onClick={() => undefined} />
              </Picker>
              <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
                <ListRow title="结束时间" extra={end} onClick={() => undefined} />
              </Picker>
            </View>
            {error ? <Text className="rp-error-text st-line">{error}</Text> : null}
            <View className="rp-actions">
              <Button type="primary" size="large" block loading={create.loading} onClick={() => void create.run()}>
                {create.loading ? '正在创建…' : '创建党课'}
              </Button>
            </View>
          </View>
        )}
      </View>
    </PageShell>
  );
}
