import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { fmtRange, fmtStamp, isOpenBooking, MODE_LABEL } from '../../../domain/appointment';
import { go, toast } from '../../../utils/nav';
import { ROUTES } from '../../../domain/routes';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { addToPhoneCalendar, loadCalendarEvent, type CalendarOutcome } from '../components/phoneCalendar';
import { StateTag } from '../components/StateTag';
import { TextBox } from '../../../components/TextBox';
import { askAt } from '../../../utils/subscribe';
import '../appointment.scss';

type Booking = Result<'appointment', 'getBooking'>;
const ROLE_LABEL = { enterprise: '企业', expert: '专家', admin: '服务中心', system: '系统' } as const;

/** One booking: details, timeline, and what the viewer's side may do next. */
export default function BookingDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const b = useRemote(() => call('appointment', 'getBooking', { id }), [id]);
  const [dialog, setDialog] = useState<'cancel' | 'noShow' | 'expertAbsent' | null>(null);
  const [appeal, setAppeal] = useState('');
  // Back from 改约: the booking has a new time (or the same one, if the move failed).
  useReturnReload(() => b.reload());
  const [reason, setReason] = useState('');
  const [record, setRecord] = useState('');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');

  const act = useSubmit(async (run: () => Promise<unknown>, done: string) => {
    setError('');
    try {
      await run();
      toast(done);
      setDialog(null);
      await b.reload();
    } catch (e) {
      setError(errorMessage(e));
      setDialog(null);
      if (e instanceof ApiError && e.code === 'CONFLICT') void b.reload();
    }
  });

  // The calendar event of a confirmed booking is read as the page shows it, so the tap can hand it
  // to WeChat at once (addPhoneCalendar works only inside a tap, before any await).
  const confirmedAt = b.data?.state === 'confirmed' ? b.data.slotId : null;
  const event = useRemote(() => (confirmedAt ? loadCalendarEvent(id) : Promise.resolve(null)), [id, confirmedAt]);
  const calendar = useSubmit(async (adding: Promise<CalendarOutcome>) => {
    try {
      const r = await adding;
      if (r === 'added') toast('已加入手机日历');
      else if (r === 'downloaded') toast('已下载日历文件，打开即可加入日历');
      else if (r === 'denied') {
        const m = await Taro.showModal({ title: '需要日历权限', content: '请在设置中允许“添加日历事件”，再点一次加入手机日历。', confirmText: '去设置' });
        if (m.confirm) await Taro.openSetting();
      }
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError && e.code === 'CONFLICT') void b.reload();
    }
  });

  const d = b.data;
  const started = d ? new Date(d.startAt).getTime() <= Date.now() : false;
  // The server's own rule (state and the cut-off before the start): no button it would refuse.
  const canCancel = !!d?.cancellable;

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={b.loading && !d} error={!d ? b.error : undefined} onRetry={() => void b.reload()} rows={5}>
          {d && (
            <>
              <View className="rp-card">
                <View className="ap-row-between">
                  <Text className="rp-title">{d.viewerSide === 'expert' ? d.enterpriseName : `${d.teamName} · ${d.expertName}`}</Text>
                  <StateTag state={d.state} label={d.stateLabel} />
                </View>
                <Text className="rp-text ap-line">{fmtRange(d.startAt, d.endAt)}</Text>
                <Text className="rp-muted ap-line">{MODE_LABEL[d.mode]} · {d.place}</Text>
                {d.viewerSide !== 'enterprise' ? <Text className="rp-muted ap-line">预约人：{d.bookedByName || '企业联系人'}（{d.enterpriseName}）</Text> : null}
                <Text className="rp-text ap-line">咨询问题：{d.topic}</Text>
                {d.note ? <Text className="rp-muted ap-line">补充说明：{d.note}</Text> : null}
                {d.cancelReason ? <Text className="rp-muted ap-line">取消原因：{d.cancelReason}</Text> : null}
                {d.serviceRecord ? <Text className="rp-text ap-line">服务记录：{d.serviceRecord}</Text> : null}
                {d.score ? <Text className="rp-text ap-line">企业评价：{'★'.repeat(d.score)}{'☆'.repeat(5 - d.score)} {d.comment}</Text> : null}
              </View>

              {d.viewerSide === 'enterprise' && d.needsReschedule && isOpenBooking(d.state) ? (
                <View className="rp-card ap-notice" id="ap-leave-notice">
                  <Text className="rp-title">专家请假，请改约</Text>
                  <Text className="rp-text ap-line">专家在这个时间请假（{d.needsReschedule.reason}）。您的预约仍然保留，请点“改约”选择专家的其他时间；如都不合适，可以取消预约。</Text>
                </View>
              ) : null}
              {d.moves > 0 ? (
                <Text className="rp-muted ap-head">
                  已改约 {d.moves} 次{d.rescheduledFrom.length ? `，原时间 ${fmtRange(d.rescheduledFrom[0].startAt, d.rescheduledFrom[0].endAt)}` : ''}
                </Text>
              ) : null}
              {d.viewerSide === 'enterprise' && d.state === 'no_show' ? <NoShowCard d={d} reason={appeal} setReason={setAppeal} loading={act.loading} onAppeal={() => {
                const r = appeal.trim();
                if (r.length < 4) {
                  toast('请用至少 4 个字说明情况');
                  return;
                }
                void act.run(() => call('appointment', 'appealNoShow', { bookingId: id, reason: r }), '申诉已提交');
              }} /> : null}

              {error ? <Text className="rp-error-text ap-head">{error}</Text> : null}
              {d.reschedulable || (d.calendarAvailable && d.viewerSide !== 'admin') || d.canReportExpertNoShow ? (
                <View className="rp-actions">
                  {d.reschedulable ? (
                    <Button type={d.needsReschedule ? 'primary' : 'default'} size="large" block onClick={() => go(`${ROUTES.apptReschedule}?id=${id}`)}>
                      改约
                    </Button>
                  ) : null}
                  {d.calendarAvailable && d.viewerSide !== 'admin' ? (
                    <Button size="large" block loading={calendar.loading} onClick={() => {
                      if (calendar.loading) return; // one event per tap, whatever the taps
                      if (!event.data) {
                        toast(event.error ? '日历信息没有取到，请稍后再点一次' : '正在准备日历信息，请稍候再点');
                        void event.reload();
                        return;
                      }
                      void calendar.run(addToPhoneCalendar(event.data)); // started inside the tap
                    }}>
                      加入手机日历
                    </Button>
                  ) : null}
                  {d.canReportExpertNoShow ? (
                    <Button size="large" block onClick={() => { setReason(''); setDialog('expertAbsent'); }}>
                      专家未到场
                    </Button>
                  ) : null}
                </View>
              ) : null}
              {d.calendarAvailable && d.viewerSide !== 'admin' && process.env.TARO_ENV === 'h5' ? (
                <Text className="rp-muted ap-head">网页版会下载一个日历文件（.ics），用手机或电脑打开即可加入日历。</Text>
              ) : null}
              <Actions
                d={d}
                started={started}
                record={record}
                setRecord={setRecord}
                score={score}
                setScore={setScore}
                comment={comment}
                setComment={setComment}
                loading={act.loading}
                run={(fn, done) => void act.run(fn, done)}
                ask={(k) => {
                  setReason('');
                  setDialog(k);
                }}
                canCancel={!!canCancel}
              />

              <Text className="rp-section-title">办理进度</Text>
              <View className="rp-card">
                {d.history.map((h, i) => (
                  <View key={i} className="ap-timeline__item">
                    <View className="ap-timeline__dot" />
                    <View className="rp-grow">
                      <Text className="rp-text">{h.label}</Text>
                      <Text className="rp-muted ap-line">
                        {fmtStamp(h.at)} · {ROLE_LABEL[h.role]}
                        {h.note ? ` · ${h.note}` : ''}
                      </Text>
                    </View>
                  </View>
                ))}
              </View>
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={dialog !== null}
        title={dialog === 'noShow' ? '记为未到场' : dialog === 'expertAbsent' ? '记录专家未到场' : '取消预约'}
        content={
          <View>
            <Text className="rp-text">{dialog === 'noShow' ? '确认该企业未按约到场？记录后不可更改。' : dialog === 'expertAbsent' ? '专家没有按约到场？记录后党群服务中心会跟进，这条记录不会计入贵企业的未到场。' : d?.viewerSide !== 'enterprise' ? '取消后该时段将关闭，不再开放预约；企业会收到取消原因。' : '取消后该时段将重新开放给其他企业，对方会收到通知。'}</Text>
            <TextBox id="ap-reason" label={dialog === 'noShow' || dialog === 'expertAbsent' ? '备注（选填）' : d?.viewerSide === 'expert' ? '取消原因（必填）' : '取消原因（选填）'} value={reason} onChange={setReason} maxLength={200} />
          </View>
        }
        confirmText={dialog === 'cancel' ? '确认取消' : '确认记录'}
        cancelText="再想想"
        onConfirm={() => {
          const r = reason.trim();
          if (dialog === 'expertAbsent') act.run(() => call('appointment', 'reportExpertNoShow', { bookingId: id, ...(r ? { note: r } : {}) }), '已记录专家未到场');
          else if (dialog === 'noShow') act.run(() => call('appointment', 'markNoShow', { bookingId: id, ...(r ? { note: r } : {}) }), '已记为未到场');
          else act.run(() => call('appointment', 'cancel', { bookingId: id, ...(r ? { reason: r } : {}) }), '预约已取消');
        }}
        onCancel={() => setDialog(null)}
        onClose={() => setDialog(null)}
      />
    </PageShell>
  );
}

function Actions(p: {
  d: Booking;
  started: boolean;
  canCancel: boolean;
  record: string;
  setRecord: (v: string) => void;
  score: number;
  setScore: (v: number) => void;
  comment: string;
  setComment: (v: string) => void;
  loading: boolean;
  run: (fn: () => Promise<unknown>, done: string) => void;
  ask: (k: 'cancel' | 'noShow') => void;
}) {
  const { d } = p;
  const id = d.id;
  if (d.viewerSide === 'expert') {
    return (
      <>
        {d.state === 'requested' && (
          <View className="rp-actions">
            <Button
              type="primary"
              size="large"
              block
              loading={p.loading}
              onClick={() => {
                // Inside the tap: the expert's next messages (新的预约, 提醒, 取消).
                void askAt('expertBooking');
                p.run(() => call('appointment', 'confirm', { bookingId: id, slotId: d.slotId }), '已确认预约'); // the time shown: a booking moved meanwhile is refused, not confirmed unseen
              }}
            >
              确认预约
            </Button>
          </View>
        )}
        {d.state === 'confirmed' && (
          <View className="rp-card">
            <TextBox id="ap-record" label="服务记录" multiline value={p.record} onChange={p.setRecord} placeholder="记录本次服务的主要内容和建议（至少 5 个字）" maxLength={500} />
            <View className="rp-actions">
              <Button
                type="primary"
                size="large"
                block
                loading={p.loading}
                onClick={() => {
                  if (p.record.trim().length < 5) {
                    toast('请用至少 5 个字记录服务内容');
                    return;
                  }
                  void askAt('expertBooking');
                  p.run(() => call('appointment', 'complete', { bookingId: id, record: p.record.trim() }), '服务已完成');
                }}
              >
                完成服务
              </Button>
              {p.started && (
                <Button size="large" block onClick={() => p.ask('noShow')}>
                  记为未到场
                </Button>
              )}
            </View>
          </View>
        )}
        {p.canCancel && <CancelButton onClick={() => p.ask('cancel')} />}
      </>
    );
  }
  if (d.viewerSide === 'enterprise' && d.state === 'served') {
    return (
      <View className="rp-card">
        <Text className="rp-title">评价本次服务</Text>
        <View className="ap-stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <View key={n} className={`ap-star ${n <= p.score ? 'ap-star--on' : ''}`} onClick={() => p.setScore(n)} aria-label={`${n} 星`}>
              ★
            </View>
          ))}
        </View>
        <TextBox id="ap-comment" label="评价内容（选填）" multiline value={p.comment} onChange={p.setComment} maxLength={300} placeholder="说说专家的服务对您有没有帮助" />
        <View className="rp-actions">
          <Button
            type="primary"
            size="large"
            block
            loading={p.loading}
            onClick={() => {
              if (!p.score) {
                toast('请先选择 1–5 星');
                return;
              }
              p.run(() => call('appointment', 'rate', { bookingId: id, score: p.score, ...(p.comment.trim() ? { comment: p.comment.trim() } : {}) }), '感谢您的评价');
            }}
          >
            提交评价
          </Button>
        </View>
      </View>
    );
  }
  return p.canCancel ? <CancelButton onClick={() => p.ask('cancel')} /> : null;
}

function CancelButton({ onClick }: { onClick: () => void }) {
  return (
    <View className="rp-actions">
      <Button size="large" block onClick={onClick}>
        取消预约
      </Button>
    </View>
  );
}

/**
 * A no-show recorded against the enterprise: said only here, to the enterprise itself (S-12) —
 * whether it counts, and the one appeal it may file (appealNoShow); the center decides.
 */
function NoShowCard(p: { d: Booking; reason: string; setReason: (v: string) => void; loading: boolean; onAppeal: () => void }) {
  const { d } = p;
  if (d.noShowExcused) {
    return (
      <View className="rp-card">
        <Text className="rp-text">这次未到场已由党群服务中心核销，不计入贵企业的未到场次数。</Text>
      </View>
    );
  }
  if (d.noShowAppealed) {
    return (
      <View className="rp-card">
        <Text className="rp-text">您的申诉已提交，党群服务中心核实后会通知您；核实前这次记录仍计入未到场次数。</Text>
      </View>
    );
  }
  return (
    <View className="rp-card" id="ap-appeal">
      <Text className="rp-title">对未到场记录有异议？</Text>
      <Text className="rp-muted ap-line">专家把这次预约记为“未到场”。近 90 天内有 2 次未到场且未请假，将暂停在线预约 7 天。如果您已提前请假、到场了或有其他情况，请说明，党群服务中心核实后该次记录不再计入。此信息仅贵企业可见。</Text>
      {d.canAppealNoShow ? (
        <>
          <TextBox id="ap-appeal-reason" label="申诉说明" multiline value={p.reason} onChange={p.setReason} maxLength={300} placeholder="例如：当天已电话告知专家改期" />
          <View className="rp-actions">
            <Button type="primary" size="large" block loading={p.loading} onClick={p.onAppeal}>
              提交申诉
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}
