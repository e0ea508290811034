import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { TextBox } from '../../../components/TextBox';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useShown } from '../../../hooks/useShown';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { fmtRange, fmtStamp } from '../../../domain/appointment';
import { pendingReasonText } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import '../org.scss';

type Row = Result<'org', 'pendingOrgLife'>['rows'][number];

/**
 * 组织生活核实: records entered more than 7 days after the meeting, or edited after it, wait here
 * for an admin other than the branch's secretary and whoever entered them; they count for the star
 * rating only once approved. Rejecting needs a reason (the branch sees it on the record).
 */
export default function VerifyOrgLife() {
  const list = useRemote(() => call('org', 'pendingOrgLife', {}));
  useReturnReload(() => void list.reload());
  const rows = list.data?.rows ?? [];
  // Up to 200 cards of a dozen nodes each: a window at a time keeps the page inside WeChat's node limits (issue 19).
  const w = useShown(list.data?.rows, 10);
  const drop = (id: string) => list.setData((d) => d && { ...d, rows: d.rows.filter((r) => r.id !== id) });
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-text">会后 7 天以上补录、或会后修改的组织生活记录，经管理员核实后才计入星级评定。本支部书记和录入、修改人不能核实自己的记录。</Text>
        </View>
        {list.data?.truncated ? <Text className="og-note og-note--warn">待核实记录较多，这里只列出会议时间最早的 {rows.length} 条，核实后再刷新查看其余记录。</Text> : null}
        <StateView loading={list.loading && !list.data} error={list.error} empty={rows.length === 0} emptyTitle="暂无待核实的记录" emptyText="补录或修改的组织生活记录会出现在这里。" onRetry={() => void list.reload()} rows={4}>
          {w.shown.map((r) => (
            <PendingCard key={r.id} row={r} onDone={() => drop(r.id)} onStale={() => void list.reload()} />
          ))}
          <ShowMore w={w} />
        </StateView>
      </View>
    </PageShell>
  );
}

function PendingCard({ row: r, onDone, onStale }: { row: Row; onDone: () => void; onStale: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const decide = useSubmit(async (approve: boolean) => {
    setError('');
    if (!approve && note.trim().length < 2) return setError('不通过核实时请填写原因。');
    try {
      // The version this card shows: an edit made since the list loaded is refused (CONFLICT), not confirmed unseen.
      await call('org', 'verifyOrgLife', { id: r.id, updatedAt: r.updatedAt, approve, ...(approve ? {} : { note: note.trim() }) });
      toast(approve ? '已核实，计入星级评定' : '已标记为未通过核实');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      // Edited (or decided) since the list loaded: show what is there now, to be verified afresh.
      if (err instanceof ApiError && err.code === 'CONFLICT') onStale();
    }
  });
  return (
    <View className="rp-card og-verify">
      <View className="rp-between">
        <Text className="rp-name">{r.branchName || '（支部）'}</Text>
        <Text className={`og-tag og-tag--${r.kind === '主题党日' ? 'gold' : 'active'}`}>{r.kind}</Text>
      </View>
      <Text className="rp-text rp-line rp-link" onClick={() => go(`${ROUTES.orgMeeting}?id=${r.id}`)}>{r.topic}</Text>
      <Text className="rp-muted rp-line">会议时间：{fmtRange(r.startAt, r.endAt)} · {r.place}</Text>
      <Text className="rp-muted rp-line">
        录入人 {r.recordedByName || '—'}（{fmtStamp(r.enteredAt)}）{r.editedByName ? ` · 修改人 ${r.editedByName}` : ''}
      </Text>
      <Text className="rp-muted rp-line">{r.hasMinutes ? '有会议记录' : '未填写会议记录'}{r.photoCount ? ` · 照片 ${r.photoCount} 张` : ''}{r.hasMinutes || r.photoCount ? '，点主题查看' : ''}</Text>
      <Text className="og-note og-note--warn">原因：{pendingReasonText(r.pendingReason)}</Text>
      {rejecting ? <TextBox id={`ol-verify-note-${r.id}`} label="不通过的原因" value={note} onChange={setNote} maxLength={200} placeholder="例如 会议时间与签到记录不符" /> : null}
      {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
      <View className="og-row-actions">
        {rejecting ? (
          <>
            <Button className="rp-grow" size="large" disabled={decide.loading} onClick={() => { setRejecting(false); setError(''); }}>
              取消
            </Button>
            <Button className="rp-grow" type="danger" size="large" loading={decide.loading} onClick={() => void decide.run(false)}>
              {decide.label('确认不通过')}
            </Button>
          </>
        ) : (
          <>
            <Button className="rp-grow" size="large" disabled={decide.loading} onClick={() => setRejecting(true)}>
              不通过
            </Button>
            <Button className="rp-grow" type="primary" size="large" loading={decide.loading} onClick={() => void decide.run(true)}>
              {decide.label('核实通过')}
            </Button>
          </>
        )}
      </View>
    </View>
  );
}
