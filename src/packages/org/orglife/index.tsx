import { useEffect, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { fmtDay, fmtRange } from '../../../domain/appointment';
import { defaultMeetingTimes, quarterName, quarterOfInstant, recentQuarters, splitNames } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../org.scss';

type Kind = '支部党员大会' | '支委会' | '党小组会' | '党课' | '主题党日' | '民主生活会' | '组织生活会';
const KINDS: Kind[] = ['主题党日', '支部党员大会', '支委会', '党小组会', '党课', '民主生活会', '组织生活会'];

/**
 * A branch's organisation life (三会一课, 主题党日) by quarter, and the form to record a meeting.
 * Each record gets its own sign-in code; attendees scan it or the secretary adds them afterwards.
 */
export default function OrgLife() {
  const params = useRouter().params;
  const branches = useRemote(() => call('org', 'listOrgBranches', {}));
  const [branchId, setBranchId] = useState(params.branchId ?? '');
  const quarters = recentQuarters(quarterOfInstant(), 4);
  const [quarter, setQuarter] = useState(quarters[0]);
  const [adding, setAdding] = useState(false);
  const list = useRemote(() => (branchId ? call('org', 'listOrgLife', { branchId, quarter }) : Promise.resolve([])), [branchId, quarter]);
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  useEffect(() => {
    if (!branchId && branches.data?.branches.length) setBranchId(branches.data.branches[0].id);
  }, [branches.data]);
  const own = branches.data?.branches ?? [];

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={branches.loading && !branches.data} error={branches.error} empty={own.length === 0} emptyTitle="没有可记录的党支部" emptyText="组织生活由支部书记记录；支部书记由党务管理员设置。" onRetry={() => void branches.reload()} rows={3}>
          <View className="rp-card">
            {own.length > 1 ? <PickChips scroll items={own.map((b) => ({ value: b.id, label: b.name }))} selected={branchId} onPick={setBranchId} /> : <Text className="rp-name">{own[0]?.name}</Text>}
            <PickChips items={quarters.map((q) => ({ value: q, label: quarterName(q) }))} selected={quarter} onPick={setQuarter} />
            {!adding && (
              <Button type="primary" size="large" block onClick={() => setAdding(true)}>
                记录组织生活
              </Button>
            )}
          </View>
          <ListRow title="三会一课落实情况" description="本季度各类会议已开、待开、逾期未开" onClick={() => go(`${ROUTES.orgBoard}?branchId=${branchId}&quarter=${quarter}`)} />
          {adding && branchId && <NewRecord branchId={branchId} onCancel={() => setAdding(false)} />}
          <StateView loading={list.loading && !list.data} error={list.error} empty={list.data?.length === 0} emptyTitle="本季度暂无记录" emptyText="点击“记录组织生活”登记“三会一课”或主题党日。" onRetry={() => void list.reload()} rows={4}>
            {(list.data ?? []).map((r) => (
              <View key={r.id} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.orgMeeting}?id=${r.id}`)}>
                <View className="rp-between">
                  <Text className="rp-name">{r.topic}</Text>
                  <Text className={`og-tag og-tag--${r.kind === '主题党日' ? 'gold' : 'active'}`}>{r.kind}</Text>
                </View>
                <Text className="rp-muted rp-line">{fmtRange(r.startAt, r.endAt)} · {r.place}</Text>
                <Text className="rp-text rp-line">党员参加 {r.attendees} 人{r.guests ? ` · 列席 ${r.guests} 人` : ''}{r.state === 'counted' ? '' : ` · ${r.stateLabel}`}</Text>
              </View>
            ))}
          </StateView>
        </StateView>
      </View>
    </PageShell>
  );
}

function NewRecord({ branchId, onCancel }: { branchId: string; onCancel: () => void }) {
  const venues = useRemote(() => call('checkin', 'listVenues', {}));
  const initial = defaultMeetingTimes();
  const [kind, setKind] = useState<Kind>('主题党日');
  const [topic, setTopic] = useState('');
  const [day, setDay] = useState(initial.day);
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const [venueId, setVenueId] = useState('venue-activity');
  const [summary, setSummary] = useState('');
  const [minutes, setMinutes] = useState('');
  const [guests, setGuests] = useState('');
  const [error, setError] = useState('');
  const save = useSubmit(async () => {
    setError('');
    if (topic.trim().length < 2) return setError('请填写主题');
    if (end <= start) return setError('结束时间需晚于开始时间');
    try {
      const r = await call('org', 'createOrgLife', {
        branchId, kind, topic: topic.trim(), startAt: `${day} ${start}`, endAt: `${day} ${end}`, venueId, summary: summary.trim(), minutes: minutes.trim(), guestNames: splitNames(guests),
      });
      go(`${ROUTES.orgMeeting}?id=${r.id}`);
      onCancel();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">记录组织生活</Text>
      <Text className="rp-label">类型</Text>
      <PickChips items={KINDS.map((k) => ({ value: k, label: k }))} selected={kind} onPick={setKind} />
      <TextBox id="orglife-topic" label="主题" value={topic} onChange={setTopic} maxLength={40} placeholder="例如 重温入党誓词，学习全会精神" />
      <View className="og-pickers">
        <Picker mode="date" value={day} onChange={(e) => setDay(String(e.detail.value))}>
          <ListRow title="日期" extra={`${fmtDay(`${day}T12:00:00+08:00`)}`} onClick={() => undefined} />
        </Picker>
        <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
          <ListRow title="开始时间" extra={start} onClick={() => undefined} />
        </Picker>
        <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
          <ListRow title="结束时间" extra={end} onClick={() => undefined} />
        </Picker>
      </View>
      <Text className="rp-label">地点</Text>
      <PickChips items={(venues.data ?? []).map((v) => ({ value: v.id, label: v.name }))} selected={venueId} onPick={setVenueId} />
      <TextBox label="内容摘要（选填）" value={summary} onChange={setSummary} maxLength={500} multiline />
      <TextBox id="ol-minutes" label="会议记录（选填）" value={minutes} onChange={setMinutes} maxLength={5000} multiline tall placeholder="议程、发言要点、决议事项" />
      <TextBox label="列席人员（选填，用逗号分隔）" value={guests} onChange={setGuests} maxLength={200} hint="未注册小程序的参会人员按姓名登记；支部党员在下一步扫码签到或由书记补录。" />
      {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
      <View className="og-row-actions">
        <Button className="rp-grow" size="large" onClick={onCancel}>
          取消
        </Button>
        <Button className="rp-grow" type="primary" size="large" loading={save.loading} onClick={() => void save.run()}>
          保存并签到
        </Button>
      </View>
    </View>
  );
}
