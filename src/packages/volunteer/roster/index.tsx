import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { fmtRange, fmtTime } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { HoursDialog, type HoursTarget } from '../components/HoursDialog';
import '../volunteer.scss';

const TONE: Record<string, string> = { credited: 'done', signed_in: 'active', missing_out: 'wait', no_show: 'ended', absent: 'ended', upcoming: 'gold' };

/** Hands the CSV to the person: a download in the browser, the clipboard in WeChat (Excel export comes with the admin console). */
async function deliverCsv(filename: string, csv: string) {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    toast('名单已下载');
  } else {
    await Taro.setClipboardData({ data: csv });
    toast('名单已复制，可粘贴到电脑表格中');
  }
}

/** Organiser's roster: places, who came, hours, missing sign-outs to settle, no-shows; CSV export. */
export default function Roster() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const r = useRemote(() => call('volunteer', 'roster', { activityId: id }), [id]);
  const [fixing, setFixing] = useState<HoursTarget | null>(null);
  const act = useSubmit(async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      toast(done);
      await r.reload();
    } catch (e) {
      toast(errorMessage(e));
    }
  });
  const exporting = useSubmit(async () => {
    try {
      const x = await call('volunteer', 'exportRoster', { activityId: id });
      await deliverCsv(x.filename, x.csv);
    } catch (e) {
      toast(errorMessage(e));
    }
  });
  const d = r.data;
  const confirmed = d?.people.filter((p) => p.status === 'confirmed') ?? [];
  const waiting = d?.people.filter((p) => p.status === 'waitlisted') ?? [];
  // The activity's counters against its rows: they differ only after a call died half-way (核对名额 repairs it).
  const drift = !!d && (d.activity.confirmed !== d.summary.confirmed || d.activity.waiting !== d.summary.waitlisted);

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={r.loading && !d} error={!d ? r.error : undefined} onRetry={() => void r.reload()} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <Text className="rp-title vo-head">{d.activity.title}</Text>
                <Text className="rp-muted">{fmtRange(d.activity.startAt, d.activity.endAt)} · {d.activity.place}</Text>
                <View className="vo-figures vo-line">
                  <Figure label="已确认" value={`${d.summary.confirmed}/${d.summary.capacity}`} />
                  <Figure label="候补" value={d.summary.waitlisted} />
                  <Figure label="已签到" value={d.summary.signedIn} />
                  <Figure label="缺签退" value={d.summary.missingSignOut} warn={d.summary.missingSignOut > 0} />
                  <Figure label="缺席" value={d.summary.noShows} warn={d.summary.noShows > 0} />
                  <Figure label="总时长" value={d.summary.minutesLabel} />
                </View>
                <View className="vo-row-actions">
                  <Button size="large" onClick={() => go(`${ROUTES.checkinKiosk}?eventId=${d.activity.eventId}`)}>签到大屏</Button>
                  <Button size="large" loading={exporting.loading} onClick={() => void exporting.run()}>导出名单</Button>
                </View>
                {drift ? (
                  <>
                    <Text className="rp-error-text vo-line">{`名额计数（已确认 ${d.activity.confirmed}、候补 ${d.activity.waiting}）与名单不一致，可能有报名或取消中途失败。`}</Text>
                    <Button size="large" block loading={act.loading} onClick={() => void act.run(() => call('volunteer', 'reconcile', { activityId: id }), '名额已按名单核对')}>
                      核对名额
                    </Button>
                  </>
                ) : null}
              </View>

              <Text className="rp-section-title">确认参加（{confirmed.length}）</Text>
              <StateView loading={false} empty={confirmed.length === 0} emptyTitle="还没有人报名">
                {confirmed.map((p) => (
                  <View key={p.id} className="rp-card vo-person">
                    <View className="vo-between">
                      <Text className="vo-name">{p.name}</Text>
                      <Text className={`vo-tag vo-tag--${TONE[p.attendance ?? 'upcoming']}`}>{p.attendanceLabel}</Text>
                    </View>
                    <Text className="rp-muted vo-line">
                      {p.signedInAt ? `签到 ${fmtTime(p.signedInAt)}` : '未签到'}
                      {p.signedOutAt ? ` · 签退 ${fmtTime(p.signedOutAt)}` : ''}
                      {p.minutes > 0 ? ` · ${p.minutesLabel}` : ''}
                      {p.promotedAt ? ' · 候补递补' : ''}
                    </Text>
                    {p.noShowsEver > 0 ? <Text className="rp-muted vo-line">累计缺席 {p.noShowsEver} 次</Text> : null}
                    {p.attendance === 'missing_out' || p.attendance === 'no_show' || p.attendance === 'absent' || p.attendance === 'credited' ? (
                      <View className="vo-row-actions">
                        {p.attendance === 'missing_out' ? (
                          <Button type="primary" size="large" loading={act.loading} onClick={() => void act.run(() => call('volunteer', 'settleHours', { registrationId: p.id, mode: 'confirm' }), `已按活动结束时间确认${p.name}的时长`)}>
                            确认至活动结束
                          </Button>
                        ) : null}
                        <Button size="large" onClick={() => setFixing({ id: p.id, name: p.name, startAt: d.activity.startAt, endAt: d.activity.endAt, signedInAt: p.signedInAt })}>修改时长</Button>
                      </View>
                    ) : null}
                  </View>
                ))}
              </StateView>

              {waiting.length ? (
                <>
                  <Text className="rp-section-title">候补（{waiting.length}）</Text>
                  {waiting.map((p) => (
                    <View key={p.id} className="rp-card rp-row">
                      <Text className="vo-rank">{p.waitlistPosition}</Text>
                      <Text className="rp-grow vo-name">{p.name}</Text>
                    </View>
                  ))}
                </>
              ) : null}
            </>
          )}
        </StateView>
      </View>
      <HoursDialog
        target={fixing}
        onClose={() => setFixing(null)}
        onSave={(regId, inAt, outAt) => {
          setFixing(null);
          void act.run(() => call('volunteer', 'settleHours', { registrationId: regId, mode: 'fix', signedInAt: inAt, signedOutAt: outAt }), '时长已修改');
        }}
      />
    </PageShell>
  );
}

function Figure({ label, value, warn }: { label: string; value: string | number; warn?: boolean }) {
  return (
    <View className="vo-figure">
      <Text className={`vo-figure__value ${warn ? 'vo-figure__value--warn' : ''}`}>{value}</Text>
      <Text className="rp-muted">{label}</Text>
    </View>
  );
}
