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
import '../org.scss';

type Item = Result<'org', 'branchRating'>['sheet']['items'][number];

/**
 * One branch's rating for a quarter: evidence-filled items with where the numbers come from, the
 * assessor's items (admins score them with a note), stars and allowance, who scored what, and the
 * branch's history. A secretary sees their own branch.
 */
export default function BranchRating() {
  const params = useRouter().params;
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const quarters = recentQuarters(quarterOfInstant(), 4);
  const [quarter, setQuarter] = useState(params.quarter ?? quarters[0]);
  const rating = useRemote(() => call('org', 'branchRating', { branchId: params.branchId ?? '', quarter }), [params.branchId, quarter]);
  const [confirming, setConfirming] = useState(false);
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
                {isAdmin && s.status === 'draft' && (
                  <View className="rp-actions">
                    <Button type="primary" size="large" block disabled={!d.quarterEnded || !s.complete} onClick={() => setConfirming(true)}>
                      确认定级
                    </Button>
                    <Text className="rp-muted rp-line">{!d.quarterEnded ? '季度结束后才能定级。' : !s.complete ? '还有未评分的项目。' : '定级后评分不可再改。'}</Text>
                  </View>
                )}
              </View>

              <Text className="rp-section-title">评分明细</Text>
              <View className="rp-card">
                {s.items.map((i) => (
                  <ItemRow key={i.key} item={i} canScore={!!canScore && !i.auto} quarter={quarter} branchId={s.branchId} onScored={() => void rating.reload()} />
                ))}
              </View>

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
        content={s ? `${s.branchName}：${s.total} 分，${s.stars} 星，红星津贴 ${s.allowance} 元。定级后不可修改，确认吗？` : ''}
        confirmText="确认定级"
        cancelText="再看看"
        onConfirm={async () => {
          setConfirming(false);
          try {
            const r = await call('org', 'finalizeRating', { quarter, branchId: s!.branchId });
            toast(`已定级为 ${r.stars} 星`);
          } catch (err) {
            toast(errorMessage(err));
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
