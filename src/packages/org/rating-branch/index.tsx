import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { kindTable, quarterName, quarterOfInstant, recentQuarters, starText } from '../../../domain/org';
import { fmtStamp } from '../../../domain/appointment';
import { toast } from '../../../utils/nav';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import '../org.scss';

type Rating = Result<'org', 'branchRating'>;
type Item = Rating['sheet']['items'][number];
type Appeal = Rating['appeals'][number];

const APPEAL_STATE: Record<Appeal['state'], [string, string]> = { open: ['待答复', 'wait'], accepted: ['已受理', 'done'], rejected: ['未受理', 'ended'] };

/**
 * One branch's rating for a quarter: evidence-filled items with where the numbers come from, the
 * assessor's items (admins score them with a note), stars and allowance, who scored what, and the
 * branch's history. Each evidence item opens to the records it counted (frozen once finalised).
 * 一票否决 and appeals (issue 21): admins not of the branch record or lift a veto and answer
 * appeals; the branch's secretary files them. A secretary sees their own branch.
 */
export default function BranchRating() {
  const params = useRouter().params;
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const quarters = recentQuarters(quarterOfInstant(), 4);
  const [quarter, setQuarter] = useState(params.quarter ?? quarters[0]);
  const rating = useRemote(() => call('org', 'branchRating', { branchId: params.branchId ?? '', quarter }), [params.branchId, quarter]);
  const [confirming, setConfirming] = useState(false);
  const [finalizing, setFinalizing] = useState(false);
  const d = rating.data;
  const s = d?.sheet;
  const canScore = isAdmin && s?.status === 'draft';

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <PickChips items={quarters.map((q) => ({ value: q, label: quarterName(q) }))} selected={quarter} onPick={setQuarter} />
        </View>
        <StateView loading={rating.loading && !d} error={rating.error} onRetry={() => void rating.reload()} rows={8}>
          {d && s && (
            <>
              <View className="rp-card">
                <View className="rp-between">
                  <Text className="rp-title">{s.branchName}</Text>
                  {s.status === 'final' ? <Text className="og-tag og-tag--done">已定级</Text> : <Text className="og-tag og-tag--wait">评分中</Text>}
                </View>
                <Text className="rp-muted rp-line">{d.label} · {s.form} · 台账党员 {s.ledgerMembers} 名</Text>
                <View className="rp-between rp-line">
                  <Text className="og-stars">{starText(s.stars)}</Text>
                  <Text className="og-points">{s.total} 分</Text>
                </View>
                <Text className="rp-text rp-line">红星津贴：{s.status === 'final' ? `${s.allowance} 元` : `按当前得分 ${s.allowance} 元（定级后核定）`}</Text>
                {s.veto ? (
                  <View className="rp-line">
                    <Text className="og-tag og-tag--active">一票否决</Text>
                    <Text className="rp-text rp-line">{s.veto.ruleLabel}：{s.veto.reason}（{s.veto.byName} {fmtStamp(s.veto.at)}）。不定星级，无红星津贴。</Text>
                  </View>
                ) : null}
                {s.openAppeals ? <Text className="rp-muted rp-line">有 {s.openAppeals} 条申诉待答复，答复后才能定级。</Text> : null}
                {isAdmin && s.status === 'draft' && (
                  <View className="rp-actions">
                    <Button type="primary" size="large" block loading={finalizing} disabled={finalizing || !d.quarterEnded || !s.complete || s.openAppeals > 0} onClick={() => setConfirming(true)}>
                      确认定级
                    </Button>
                    <Text className="rp-muted rp-line">{!d.quarterEnded ? '季度结束后才能定级。' : !s.complete ? '还有未评分的项目。' : s.openAppeals ? '请先答复待处理的申诉。' : '定级后评分不可再改。'}</Text>
                  </View>
                )}
              </View>

              <Text className="rp-section-title">评分明细</Text>
              <View className="rp-card">
                {s.items.map((i) => (
                  <ItemRow key={i.key} item={i} canScore={!!canScore && !i.auto} quarter={quarter} branchId={s.branchId} onScored={() => void rating.reload()} />
                ))}
              </View>

              {d.canRule && s.status === 'draft' ? <VetoCard d={d} quarter={quarter} onDone={() => void rating.reload()} /> : null}

              <Text className="rp-section-title">申诉</Text>
              <AppealSection d={d} quarter={quarter} onDone={() => void rating.reload()} />

              <Text className="rp-section-title">评分记录</Text>
              <StateView loading={false} empty={d.log.length === 0} emptyTitle="暂无人工评分记录">
                <View className="rp-card">
                  {d.log.map((l, n) => (
                    <View key={n} className="rp-item">
                      <Text className="rp-muted">{fmtStamp(l.at)} · {l.byName}</Text>
                      <Text className="rp-text rp-line">
                        {l.itemKey === '*' ? l.note : `${s.items.find((i) => i.key === l.itemKey)?.label ?? l.itemKey}：${l.points} 分（${l.note}）`}
                      </Text>
                    </View>
                  ))}
                </View>
              </StateView>

              <Text className="rp-section-title">历史星级</Text>
              <StateView loading={false} empty={d.history.length === 0} emptyTitle="暂无历史评定">
                <View className="rp-card">
                  {d.history.map((h) => (
                    <View key={h.quarter} className="rp-item rp-between">
                      <Text className="rp-text">{h.label}</Text>
                      <Text className="rp-muted">{h.status === 'final' ? `${starText(h.stars)} ${h.total} 分 · ${h.allowance} 元` : '评分中'}</Text>
                    </View>
                  ))}
                </View>
              </StateView>
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={confirming}
        title="确认定级"
        content={s ? `${s.branchName}：${s.total} 分，${s.veto ? `一票否决（${s.veto.ruleLabel}），不定星级，无红星津贴` : `${s.stars} 星，红星津贴 ${s.allowance} 元`}。定级后不可修改，确认吗？` : ''}
        confirmText="确认定级"
        cancelText="再看看"
        onConfirm={async () => {
          setConfirming(false);
          // Finalising gathers every item's evidence (a few seconds on CloudBase): the button spins
          // meanwhile and cannot be pressed again (findings G-22).
          setFinalizing(true);
          try {
            const r = await call('org', 'finalizeRating', { quarter, branchId: s!.branchId });
            toast(r.stars ? `已定级为 ${r.stars} 星` : '已定级（不定星级）');
          } catch (err) {
            toast(errorMessage(err));
          } finally {
            setFinalizing(false);
          }
          void rating.reload();
        }}
        onCancel={() => setConfirming(false)}
        onClose={() => setConfirming(false)}
      />
    </PageShell>
  );
}

function ItemRow({ item, canScore, quarter, branchId, onScored }: { item: Item; canScore: boolean; quarter: string; branchId: string; onScored: () => void }) {
  const [points, setPoints] = useState(item.points === null ? '' : String(item.points));
  const [note, setNote] = useState(item.note);
  const [error, setError] = useState('');
  // 三会一课 / 主题党日: one line per kind, 「；」-separated, drawn as a required / held / missing table.
  const table = item.auto ? kindTable(item.detail) : null;
  const save = useSubmit(async () => {
    const n = Number(points);
    if (!points.trim() || Number.isNaN(n) || n < 0 || n > item.max) return setError(`请填写 0–${item.max} 分`);
    if (note.trim().length < 2) return setError('请注明评分依据');
    try {
      await call('org', 'scoreItem', { quarter, branchId, itemKey: item.key, points: Math.round(n * 2) / 2, note: note.trim() });
      setError('');
      toast('已评分');
      onScored();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-item">
      <View className="rp-between">
        <Text className="rp-name">{item.label}</Text>
        <Text className="og-points">{item.points === null ? '待评' : item.points} / {item.max}</Text>
      </View>
      <View className="og-tags">
        <Text className={`og-tag og-tag--${item.auto ? 'done' : 'gold'}`}>{item.auto ? '按记录自动计分' : '评议人评分'}</Text>
      </View>
      {item.auto && table ? (
        <>
          <Text className="rp-text rp-line">达标 {item.value} {item.unit}</Text>
          <View className="og-table">
            <View className="og-table__row og-table__head">
              <Text className="og-table__kind">类型</Text>
              <Text className="og-table__num">应开</Text>
              <Text className="og-table__num">已开</Text>
              <Text className="og-table__num">缺</Text>
            </View>
            {table.map((t) => (
              <View key={t.kind} className="og-table__row">
                <View className="og-table__kind">
                  <Text className="rp-text">{t.kind}</Text>
                  <Text className="rp-muted og-table__rule">{t.rule}</Text>
                </View>
                <Text className="og-table__num">{t.required}</Text>
                <Text className="og-table__num">{t.counted == null ? t.held : `${t.held}（按月计 ${t.counted}）`}</Text>
                <Text className={`og-table__num${t.missing > 0 ? ' og-table__num--miss' : ''}`}>{t.missing}</Text>
              </View>
            ))}
          </View>
        </>
      ) : item.auto ? (
        <Text className="rp-text rp-line">{item.unit === '%' ? `${item.value}%` : `${item.value} ${item.unit}`}：{item.detail}</Text>
      ) : (
        <Text className="rp-muted rp-line">{item.detail}</Text>
      )}
      {!item.auto && item.note ? <Text className="rp-text rp-line">依据：{item.note}{item.scoredByName ? `（${item.scoredByName}）` : ''}</Text> : null}
      {item.adjusted ? <Text className="rp-text rp-line">按记录 {item.adjusted.from ?? 0} 分，{item.adjusted.note}{item.scoredByName ? `（${item.scoredByName}）` : ''}</Text> : null}
      {item.auto ? <Trace item={item} /> : null}
      {canScore && (
        <>
          <TextBox label={`得分（满分 ${item.max}）`} type="digit" value={points} onChange={setPoints} maxLength={5} />
          <TextBox label="评分依据" value={note} onChange={setNote} maxLength={200} />
          {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
          <View className="rp-actions">
            <Button size="large" block type="primary" fill="outline" loading={save.loading} onClick={() => void save.run()}>
              保存评分
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

/** The records an evidence item counted, opened on tap, a window at a time (the page stays light). */
function Trace({ item }: { item: Item }) {
  const [open, setOpen] = useState(false);
  const w = useShown(open ? item.refs : [], 10, { bottom: false });
  const total = item.refsTotal ?? item.refs.length;
  if (item.refsTotal === null && item.refs.length === 0) return null; // finalised before the trace existed
  return (
    <View className="rp-line">
      <Text className="og-link" onClick={() => setOpen(!open)}>
        {open ? '收起计分记录' : `查看计分记录（${total} 条）`}
      </Text>
      {open ? (
        <>
          {item.refs.length === 0 ? <Text className="rp-muted rp-line">没有计入的记录。</Text> : null}
          {w.shown.map((r) => (
            <Text key={`${r.col}:${r.id}`} className="rp-muted rp-line">
              · {r.label}{r.rows ? `（计入 ${r.rowsTotal} 条签到${r.rowsTotal > r.rows ? `，保存前 ${r.rows} 条编号` : ''}）` : ''}
            </Text>
          ))}
          <ShowMore w={w} />
          {total > item.refs.length ? <Text className="rp-muted rp-line">共 {total} 条，评分表只保存前 {item.refs.length} 条的编号。</Text> : null}
        </>
      ) : null}
    </View>
  );
}

/** Admins not of the branch record a 一票否决 (a rule of the rubric and the reason) or lift it with a reason. */
function VetoCard({ d, quarter, onDone }: { d: Rating; quarter: string; onDone: () => void }) {
  const s = d.sheet;
  const [open, setOpen] = useState(false);
  const [rule, setRule] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const send = useSubmit(async () => {
    if (!s.veto && !rule) return setError('请选择否决事项');
    if (reason.trim().length < 4) return setError(s.veto ? '请写明撤销否决的原因' : '请写明否决依据');
    try {
      if (s.veto) await call('org', 'revokeVeto', { quarter, branchId: s.branchId, reason: reason.trim() });
      else await call('org', 'vetoRating', { quarter, branchId: s.branchId, ruleKey: rule!, reason: reason.trim() });
      toast(s.veto ? '已撤销一票否决' : '已记录一票否决');
      setReason('');
      setError('');
      setOpen(false);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <View className="rp-between">
        <Text className="rp-name">一票否决</Text>
        <Text className="og-link" onClick={() => setOpen(!open)}>{open ? '收起' : s.veto ? '撤销否决' : '记录否决'}</Text>
      </View>
      {d.vetoLog.length ? (
        <Text className="rp-muted rp-line">
          {d.vetoLog.slice(0, 3).map((v) => `${fmtStamp(v.at)} ${v.byName}${v.op === 'veto' ? '否决' : '撤销'}：${v.ruleLabel}（${v.reason}）`).join('；')}
        </Text>
      ) : null}
      {open ? (
        <>
          {!s.veto ? <PickChips label="否决事项" items={d.vetoRules.map((r) => ({ value: r.key, label: r.label }))} selected={rule} onPick={setRule} /> : null}
          <TextBox label={s.veto ? '撤销原因' : '否决依据'} value={reason} onChange={setReason} maxLength={200} multiline />
          {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
          <View className="rp-actions">
            <Button size="large" block type="primary" loading={send.loading} onClick={() => void send.run()}>
              {s.veto ? '确认撤销' : '确认否决'}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}

/** The sheet's appeals: the branch's secretary files one (an item or the whole sheet); admins answer the open ones. */
function AppealSection({ d, quarter, onDone }: { d: Rating; quarter: string; onDone: () => void }) {
  const s = d.sheet;
  const w = useShown(d.appeals, 5, { bottom: false });
  const [itemKey, setItemKey] = useState<string>('*');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const file = useSubmit(async () => {
    if (reason.trim().length < 4) return setError('请写明申诉理由和依据');
    try {
      await call('org', 'fileAppeal', { quarter, branchId: s.branchId, itemKey, reason: reason.trim() });
      toast('已提交申诉');
      setReason('');
      setError('');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const canFile = d.canAppeal && s.status === 'draft';
  return (
    <>
      <StateView loading={false} empty={d.appeals.length === 0 && !canFile} emptyTitle="暂无申诉">
        {w.shown.map((a) => (
          <AppealRow key={a.id} a={a} d={d} quarter={quarter} onDone={onDone} />
        ))}
        <ShowMore w={w} />
      </StateView>
      {canFile ? (
        <View className="rp-card">
          <Text className="rp-name">对本季度评分提出申诉</Text>
          <PickChips label="申诉事项" items={[{ value: '*', label: '整体评分' }, ...s.items.map((i) => ({ value: i.key, label: i.label }))]} selected={itemKey} onPick={setItemKey} />
          <TextBox label="申诉理由" value={reason} onChange={setReason} maxLength={300} multiline />
          {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
          <View className="rp-actions">
            <Button size="large" block type="primary" fill="outline" loading={file.loading} onClick={() => void file.run()}>
              提交申诉
            </Button>
          </View>
        </View>
      ) : null}
    </>
  );
}

function AppealRow({ a, d, quarter, onDone }: { a: Appeal; d: Rating; quarter: string; onDone: () => void }) {
  const s = d.sheet;
  const [answer, setAnswer] = useState('');
  const [points, setPoints] = useState('');
  const [itemKey, setItemKey] = useState<string | null>(a.itemKey === '*' ? null : a.itemKey);
  const [error, setError] = useState('');
  const item = s.items.find((i) => i.key === itemKey);
  const send = useSubmit(async (decision: 'accept' | 'reject') => {
    if (answer.trim().length < 2) return setError('请写明答复意见');
    const n = Number(points);
    if (decision === 'accept') {
      if (!item) return setError('请选择要更正分数的评分项');
      if (!points.trim() || Number.isNaN(n) || n < 0 || n > item.max) return setError(`请填写更正后的分数（0–${item.max} 分）`);
    }
    try {
      await call('org', 'answerAppeal', {
        quarter, branchId: s.branchId, appealId: a.id, decision, answer: answer.trim(),
        ...(decision === 'accept' ? { itemKey: itemKey!, points: Math.round(n * 2) / 2 } : {}),
      });
      toast(decision === 'accept' ? '已受理并更正分数' : '已答复');
      setError('');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const [label, tone] = APPEAL_STATE[a.state];
  return (
    <View className="rp-card">
      <View className="rp-between">
        <Text className="rp-name">{a.itemLabel}</Text>
        <Text className={`og-tag og-tag--${tone}`}>{label}</Text>
      </View>
      <Text className="rp-text rp-line">{a.reason}</Text>
      <Text className="rp-muted rp-line">{a.filedByName} {fmtStamp(a.filedAt)}</Text>
      {a.state !== 'open' ? (
        <Text className="rp-text rp-line">
          答复：{a.answer}{a.adjustedItem ? `（${a.adjustedItem}更正为 ${a.adjustedPoints} 分）` : ''} — {a.answeredByName} {a.answeredAt ? fmtStamp(a.answeredAt) : ''}
        </Text>
      ) : d.canRule && s.status === 'draft' ? (
        <>
          {a.itemKey === '*' ? <PickChips label="更正的评分项（受理时）" items={s.items.map((i) => ({ value: i.key, label: i.label }))} selected={itemKey} onPick={setItemKey} /> : null}
          <TextBox label={`更正后分数（受理时${item ? `，满分 ${item.max}` : ''}）`} type="digit" value={points} onChange={setPoints} maxLength={5} />
          <TextBox label="答复意见" value={answer} onChange={setAnswer} maxLength={300} multiline />
          {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
          <View className="og-row-actions">
            <View className="rp-grow">
              <Button size="large" block type="primary" loading={send.loading} onClick={() => void send.run('accept')}>受理</Button>
            </View>
            <View className="rp-grow">
              <Button size="large" block fill="outline" loading={send.loading} onClick={() => void send.run('reject')}>不予受理</Button>
            </View>
          </View>
        </>
      ) : null}
    </View>
  );
}
