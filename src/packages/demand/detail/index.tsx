import { useState, type ReactNode } from 'react';
import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips } from '../../../components/Chips';
import { TextAreaField } from '../../../components/TextAreaField';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { dueChoices, dueHint, parkTime, parkToday, roundTitle, slaLines, stars, STEP_LABEL, timelineRounds } from '../../../domain/demand';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { SCORE_LABEL, UNSATISFIED_MAX_SCORE } from '../../../../cloudfunctions/demand/terms';
import { StateBadge } from '../components/DemandCard';
import '../components/demand.scss';

type Demand = Result<'demand', 'get'>;

function Kv({ k, children }: { k: string; children: ReactNode }) {
  return (
    <View className="rp-kv">
      <Text className="rp-kv__k">{k}</Text>
      <Text className="rp-kv__v">{children}</Text>
    </View>
  );
}

/** A panel with one action button that shows progress, cannot be sent twice and shows its own error. */
function ActionPanel(props: { title: string; children?: ReactNode; button: string; primary?: boolean; onRun: () => Promise<void> }) {
  const [error, setError] = useState('');
  const run = useSubmit(async () => {
    setError('');
    try {
      await props.onRun();
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">{props.title}</Text>
      {props.children}
      <SubmitBar error={error} loading={run.loading} onClick={() => void run.run()} label={props.button} primary={props.primary !== false} />
    </View>
  );
}

function AssignPanel({ d, onDone }: { d: Demand; onDone: (next: Demand) => void }) {
  const handlers = useRemote(() => call('demand', 'handlers', {}));
  // The panel sits above the demand's timeline: reaching the page's bottom is not asking for more handlers.
  const hw = useShown(handlers.data, 20, { bottom: false });
  const today = parkToday();
  const choices = dueChoices(today);
  const [handler, setHandler] = useState(d.handlerOpenid ?? '');
  const [due, setDue] = useState(choices[1].date);
  const [note, setNote] = useState('');
  // 不满意待重办: the admin hands it back for 重办, to the same handler (preselected) or another.
  const redo = d.state === 'reopened';
  return (
    <ActionPanel
      title={redo ? '安排重办' : d.handlerOpenid ? '重新分派' : '分派办理人'}
      button={redo ? '确认重办' : '确认分派'}
      onRun={async () => {
        if (!handler) throw new ApiError('VALIDATION', '请先选择办理人');
        onDone(await call('demand', 'assign', { id: d.id, handlerOpenid: handler, dueDate: due, ...(note.trim() ? { note: note.trim() } : {}) }));
        toast(redo ? '已安排重办' : '已分派');
      }}
    >
      {redo ? (
        <Text className="rp-text rp-block">
          企业对办理结果不满意{d.comment ? `：${d.comment}` : ''}。可交原办理人（{d.handlerName ?? '—'}）重办，也可改派其他办理人。
        </Text>
      ) : null}
      <Text className="rp-muted rp-block">选择办理人</Text>
      <StateView loading={handlers.loading && !handlers.data} error={handlers.error} empty={handlers.data?.length === 0} emptyTitle="暂无可分派的办理人" onRetry={() => void handlers.reload()}>
        {hw.shown.map((h) => (
          <View key={h.openid} className={`dm-pick ${handler === h.openid ? 'dm-pick--on' : ''}`} onClick={() => setHandler(h.openid)}>
            <View className="rp-grow">
              <Text className="rp-text">{h.name}</Text>
              <Text className="rp-muted rp-block">{h.team || '服务专家'}</Text>
            </View>
            {handler === h.openid ? <Text className="rp-error-text">已选</Text> : null}
          </View>
        ))}
        <ShowMore w={hw} />
      </StateView>
      <Chips label={`办理期限（至 ${due}）`} options={choices.map((c) => ({ value: c.date, label: c.label }))} value={due} onChange={(v) => v && setDue(v)} />
      <TextAreaField label="分派说明（选填）" value={note} onChange={setNote} maxLength={300} rows={2} placeholder="如办理要点、需协调的部门" />
    </ActionPanel>
  );
}

/**
 * 确认并评价: the score is tapped (no default). 1–2 stars is 不满意: a reason is required and the
 * demand goes back to the center for 重办 (demand.redo) instead of closing.
 */
function RatePanel({ d, onDone }: { d: Demand; onDone: (next: Demand) => void }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const unhappy = score > 0 && score <= UNSATISFIED_MAX_SCORE;
  return (
    <ActionPanel
      title="确认办结并评价"
      button={unhappy ? '不满意，申请重办' : '提交评价'}
      primary={!unhappy}
      onRun={async () => {
        if (!score) throw new ApiError('VALIDATION', '请先点选星级');
        if (unhappy) {
          if (comment.trim().length < 2) throw new ApiError('VALIDATION', '请说明不满意的原因，中心将安排重新办理。');
          onDone(await call('demand', 'redo', { id: d.id, score, reason: comment.trim() }));
          toast('已申请重办');
          return;
        }
        onDone(await call('demand', 'rate', { id: d.id, score, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
        void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
      }}
    >
      <Text className="rp-text rp-block">办理结果：{d.resolution}</Text>
      <View className="dm-stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} className={`dm-star ${n <= score ? 'dm-star--on' : ''}`} onClick={() => setScore(n)} aria-label={`${n} 星`}>
            ★
          </View>
        ))}
      </View>
      <Text className="rp-muted">{score ? SCORE_LABEL[score] : '请点选星级'}</Text>
      {unhappy ? (
        <TextAreaField
          label="不满意的原因"
          required
          value={comment}
          onChange={setComment}
          maxLength={300}
          rows={2}
          placeholder="请说明哪里不满意，中心将安排重新办理"
          hint="提交后诉求退回中心，由中心安排原办理人或其他办理人重办。"
        />
      ) : (
        <TextAreaField label="评价（选填）" value={comment} onChange={setComment} maxLength={300} rows={2} placeholder="说说您对办理的感受" />
      )}
    </ActionPanel>
  );
}

/** The service-level clock: the promise, where it stands, and why it is paused. */
function SlaCard({ d }: { d: Demand }) {
  if (d.state === 'cancelled') return null;
  const s = slaLines(d.sla);
  return (
    <View className={`rp-card dm-sla dm-sla--${s.tone}`}>
      <Text className="rp-muted rp-block">{s.head}</Text>
      <Text className="dm-sla__status rp-block">{s.status}</Text>
      {s.note ? <Text className="rp-muted rp-block">{s.note}</Text> : null}
    </View>
  );
}

/** One demand: what, whose, its timeline, and the steps this person may take now. */
export default function DemandDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const demand = useRemote(() => call('demand', 'get', { id }), [id]);
  useReturnReload(demand.reload);
  usePullDownRefresh(() => {
    void demand.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const [progressNote, setProgressNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const d = demand.data;
  const can = (a: string) => !!d?.actions.includes(a as never);
  const update = (next: Demand) => demand.setData(() => next);
  const rounds = d ? timelineRounds(d.timeline) : [];

  // Someone else moved it meanwhile: show the new state rather than a stale page.
  const act = async (fn: () => Promise<Demand>) => {
    try {
      update(await fn());
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') void demand.reload();
      throw e;
    }
  };

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={demand.loading && !d} error={!d ? demand.error : undefined} onRetry={() => void demand.reload()} rows={6}>
          {d ? (
            <>
              <View className="rp-card">
                <View className="dm-card__head">
                  <Text className="dm-card__title">{d.title}</Text>
                  <StateBadge state={d.state} label={d.stateLabel} />
                </View>
                <View className="rp-tags">
                  {d.kind === '代办' ? <Text className="rp-tag rp-tag--gold">红色代办{d.proxyMode ? ` · ${d.proxyMode}` : ''}</Text> : null}
                  <Text className={`rp-tag ${d.kind === '投诉建议' ? 'rp-tag--gold' : ''}`}>{d.category}</Text>
                  {d.reopenCount ? <Text className="rp-tag rp-tag--warning">第 {d.reopenCount + 1} 轮办理</Text> : null}
                  {d.overdue ? <Text className="rp-tag rp-tag--primary">已逾期</Text> : null}
                </View>
                <View className="rp-block">
                  {d.enterpriseName ? <Kv k="企业">{d.enterpriseName}</Kv> : null}
                  <Kv k="提交">
                    {d.submitterName} · {parkTime(d.submittedAt)}
                  </Kv>
                  <Kv k="办理人">{d.handlerName ?? '待中心分派'}</Kv>
                  {d.dueDate ? (
                    <Kv k="办理期限">
                      {d.dueDate}
                      {['submitted', 'accepted', 'in_progress', 'reopened'].includes(d.state) ? `（${dueHint(d.dueDate, parkToday())}）` : ''}
                    </Kv>
                  ) : null}
                  {d.contactWay || d.contactPhone ? <Kv k="联系方式">{[d.contactWay, d.contactPhone].filter(Boolean).join(' · ')}</Kv> : null}
                  {d.score ? (
                    <Kv k="企业评价">
                      {stars(d.score)} {d.comment ?? ''}
                    </Kv>
                  ) : null}
                </View>
                <Text className="rp-text rp-block">{d.description}</Text>
                {d.packageTitle ? (
                  <Text className="rp-muted rp-block" onClick={() => d.packageId && go(withQuery(ROUTES.policyPackage, { id: d.packageId }))}>
                    礼包：{d.packageTitle} ›
                  </Text>
                ) : null}
                {d.policies.length ? (
                  <View className="rp-block">
                    <Text className="rp-muted">涉及政策：</Text>
                    {d.policies.map((p) => (
                      <Text key={p.id} className="rp-kv__v rp-block" onClick={() => go(withQuery(ROUTES.policyDetail, { id: p.id }))}>
                        · {p.title}
                        {p.note ? `（${p.note}）` : ''} ›
                      </Text>
                    ))}
                  </View>
                ) : null}
              </View>

              <SlaCard d={d} />
              {d.state === 'waiting_enterprise' && d.question ? (
                <View className="rp-card dm-question">
                  <Text className="rp-title">待补充材料</Text>
                  <Text className="rp-text rp-block">办理人的问题：{d.question}</Text>
                  {!can('answerInfo') ? <Text className="rp-muted rp-block">已通知提交人补充，补充后继续办理和计时。</Text> : null}
                </View>
              ) : null}
              {can('answerInfo') ? (
                <ActionPanel
                  title="补充材料"
                  button="提交补充说明"
                  onRun={async () => {
                    if (answer.trim().length < 2) throw new ApiError('VALIDATION', '请填写补充说明');
                    // Inside the tap: the 诉求办理进度 messages that follow.
                    void askAt(d.kind === '投诉建议' ? 'fileComplaint' : 'submitDemand');
                    await act(() => call('demand', 'answerInfo', { id: d.id, answer: answer.trim() }));
                    setAnswer('');
                    toast('已提交，继续办理');
                  }}
                >
                  <TextAreaField
                    label="补充说明"
                    required
                    value={answer}
                    onChange={setAnswer}
                    maxLength={1000}
                    rows={3}
                    placeholder="请回答办理人的问题；纸质材料可写明送达方式"
                  />
                </ActionPanel>
              ) : null}
              {d.callback ? (
                <View className="rp-card">
                  <Text className="rp-title">回访</Text>
                  <Text className="rp-text rp-block">
                    {d.callback.reached ? (d.callback.satisfied ? '已联系，满意' : '已联系，不满意') : '未联系上'} · {d.callback.name} · {parkTime(d.callback.at)}
                  </Text>
                  <Text className="rp-muted rp-block">{d.callback.note}</Text>
                </View>
              ) : null}
              {can('assign') ? <AssignPanel d={d} onDone={update} /> : null}
              {can('accept') ? (
                <ActionPanel
                  title="受理诉求"
                  button="受理"
                  onRun={() => {
                    // Inside the tap (before any await): the handler's next 新的诉求待办理.
                    void askAt('handleDemand');
                    return act(() => call('demand', 'accept', { id: d.id }));
                  }}
                >
                  <Text className="rp-text rp-block">受理后请尽快与企业联系，并记录办理进展。</Text>
                </ActionPanel>
              ) : null}
              {can('progress') ? (
                <ActionPanel
                  title="记录办理进展"
                  button="提交进展"
                  primary={false}
                  onRun={async () => {
                    if (progressNote.trim().length < 2) throw new ApiError('VALIDATION', '请写下办理进展');
                    void askAt('handleDemand');
                    await act(() => call('demand', 'progress', { id: d.id, note: progressNote.trim() }));
                    setProgressNote('');
                  }}
                >
                  <TextAreaField label="进展说明" value={progressNote} onChange={setProgressNote} maxLength={500} rows={3} placeholder="如已联系企业、已报送材料等" />
                </ActionPanel>
              ) : null}
              {can('askInfo') ? (
                <ActionPanel
                  title="要求补充材料"
                  button="发送补充要求"
                  primary={false}
                  onRun={async () => {
                    if (question.trim().length < 4) throw new ApiError('VALIDATION', '请写清需要企业补充什么');
                    void askAt('handleDemand');
                    await act(() => call('demand', 'askInfo', { id: d.id, question: question.trim() }));
                    setQuestion('');
                    toast('已请企业补充');
                  }}
                >
                  <TextAreaField
                    label="需要补充什么"
                    value={question}
                    onChange={setQuestion}
                    maxLength={500}
                    rows={2}
                    placeholder="如：请补充近两年财务报表"
                    hint="发送后计时暂停，企业补充后继续计时。"
                  />
                </ActionPanel>
              ) : null}
              {can('resolve') ? (
                <ActionPanel
                  title="办结"
                  button="确认办结"
                  onRun={async () => {
                    if (resolution.trim().length < 2) throw new ApiError('VALIDATION', '请写明办理结果');
                    void askAt('handleDemand');
                    await act(() => call('demand', 'resolve', { id: d.id, resolution: resolution.trim() }));
                  }}
                >
                  <TextAreaField label="办理结果" required value={resolution} onChange={setResolution} maxLength={1000} rows={3} placeholder="办结后企业将确认并评价" />
                </ActionPanel>
              ) : null}
              {can('rate') ? <RatePanel d={d} onDone={update} /> : null}
              {can('reopen') ? (
                <ActionPanel
                  title="问题还没解决？"
                  button="仍未解决，重新办理"
                  primary={false}
                  onRun={async () => {
                    if (reopenReason.trim().length < 2) throw new ApiError('VALIDATION', '请说明还有哪些问题没有解决');
                    await act(() => call('demand', 'reopen', { id: d.id, reason: reopenReason.trim() }));
                  }}
                >
                  <TextAreaField label="还有哪些问题" value={reopenReason} onChange={setReopenReason} maxLength={300} rows={2} />
                </ActionPanel>
              ) : null}
              {can('cancel') ? (
                <View className="rp-actions">
                  <Button size="large" block onClick={() => setConfirmCancel(true)}>
                    撤回诉求
                  </Button>
                </View>
              ) : null}

              <Text className="rp-section-title">办理记录</Text>
              {rounds.map((r) => (
                <View key={r.round} className="rp-card dm-timeline">
                  {rounds.length > 1 ? <Text className="dm-round">{roundTitle(r)}</Text> : null}
                  {r.steps.map((t, i) => (
                    <View key={`${String(t.at)}-${i}`} className="dm-step">
                      <Text className="dm-step__head">
                        {STEP_LABEL[t.action]} · {t.name}
                      </Text>
                      <Text className="rp-muted">{parkTime(t.at)}</Text>
                      {t.note ? <Text className="dm-step__note">{t.note}</Text> : null}
                    </View>
                  ))}
                </View>
              ))}
            </>
          ) : null}
        </StateView>
      </View>
      <Dialog
        visible={confirmCancel}
        title="确认撤回诉求"
        content="撤回后中心将不再办理此诉求；如通过礼包或政策申请代办，可以重新申请。"
        confirmText="确认撤回"
        cancelText="再想想"
        onConfirm={async () => {
          setConfirmCancel(false);
          if (!d) return;
          try {
            await act(() => call('demand', 'cancel', { id: d.id }));
            toast('已撤回');
          } catch (e) {
            toast(errorMessage(e));
          }
        }}
        onCancel={() => setConfirmCancel(false)}
        onClose={() => setConfirmCancel(false)}
      />
    </PageShell>
  );
}
